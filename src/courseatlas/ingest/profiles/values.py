"""Small conversions dataset profiles share: placeholders, counts, ratings, ids, prices.

Validation stays in the canonical record; these only undo a dataset's conventions (an "NA"
for nothing, "39.2k" for a count, a 0 rating for "not rated") so that valid data is not
rejected for its spelling.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

from courseatlas.ingest.profiles.tabular import Unmappable
from courseatlas.text import slugify

# Spellings datasets use for "no value".
PLACEHOLDERS = frozenset({"", "na", "n/a", "none", "null", "nan", "-"})
TRUE_FALSE: Mapping[str, bool] = {"true": True, "false": False}
_ABBREVIATED = re.compile(r"(\d+(?:\.\d+)?)\s*([kKmM])")


def value(raw: Any) -> str | None:
    """The text of a cell, or None for an empty cell or a placeholder such as "NA"."""
    if raw is None:
        return None
    text = str(raw).strip()
    return None if text.casefold() in PLACEHOLDERS else text


def split(raw: Any, separator: str) -> list[str]:
    """A list packed in one cell; the record cleans and de-duplicates the items."""
    text = value(raw)
    return [item.strip() for item in text.split(separator) if item.strip()] if text else []


def number(raw: Any) -> Decimal | None:
    """A plain number from text, thousands separators allowed; None when there is none."""
    text = value(raw)
    if text is None:
        return None
    try:
        parsed = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    return parsed if parsed.is_finite() else None


def count(raw: Any) -> str | None:
    """A count as the record reads it; "39.2k" and "1.5M" spelled out as digits."""
    text = value(raw)
    if text is None:
        return None
    match = _ABBREVIATED.fullmatch(text)
    if match is None:
        return text
    factor = 1000 if match.group(2) in "kK" else 1_000_000
    return str(int(Decimal(match.group(1)) * factor))


def positive(raw: Any) -> str | None:
    """A measure where 0 means "unknown" (pages, hours): None unless above 0."""
    parsed = number(raw)
    return value(raw) if parsed is not None and parsed > 0 else None


def rating(raw_rating: Any, raw_count: Any = None) -> dict[str, Any]:
    """Rating fields; a rating of 0, or one backed by no ratings, means "not rated yet".

    On a one-to-five star scale 0 cannot be an average, so it is a dataset's blank.
    """
    fields: dict[str, Any] = {}
    rating_count = count(raw_count)
    if rating_count is not None:
        fields["rating_count"] = rating_count
    stars = number(raw_rating)
    if stars is None and value(raw_rating) is not None:
        fields["rating"] = raw_rating  # Not a number: let the record say so.
    elif stars and number(rating_count) != 0:
        fields["rating"] = value(raw_rating)
    return fields


def price(paid: bool | None, amount: Any, currency: str | None) -> dict[str, Any]:
    """Price fields from a paid flag (None: not stated) and an amount in a currency."""
    if paid is False:
        return {"free": True}
    fields: dict[str, Any] = {} if paid is None else {"free": False}
    parsed = number(amount)
    if parsed is not None and parsed > 0:
        fields.update(price=value(amount), currency=currency)
    return fields


def flag(raw: Any, field: str, words: Mapping[str, bool] = TRUE_FALSE) -> bool | None:
    """A yes/no cell of a dataset as a bool; None when empty."""
    text = value(raw)
    if text is None:
        return None
    if text.casefold() not in words:
        expected = " or ".join(word.capitalize() for word in words)
        raise Unmappable(field, f"expected {expected}, got {text!r}")
    return words[text.casefold()]


def url_path(url: str | None) -> str | None:
    """The path of a URL without its outer slashes: a provider's stable id for a page."""
    if not url:
        return None
    path = re.sub(r"/{2,}", "/", urlsplit(url).path).strip("/")
    return path or None


def title_id(title: str) -> str:
    """A stable id from a title, for datasets that have none: its slug, or a hash of it."""
    spelled = title.replace("+", " plus ").replace("#", " sharp ")  # C, C++ and C# differ.
    slug = slugify(spelled, max_length=200)
    if slug != "untitled":
        return slug
    return hashlib.sha256(title.strip().encode()).hexdigest()[:16]

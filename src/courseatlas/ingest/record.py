"""The canonical feed row: validation and normalisation of one resource, and its identity."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from courseatlas.ingest import normalise as n
from courseatlas.text import canonical_json, slugify

MAX_TITLE = 500
MAX_TEXT = 100_000
MAX_SHORT = 300
MAX_NAME = 200  # skill and topic names
MAX_TOPIC_DEPTH = 4
MAX_YEARS_AHEAD = 5  # a start date further ahead is a typo


def _text_checker(limit: int, clean: Callable[[str], str]) -> Any:
    def check(value: object) -> str:
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise ValueError("expected text")
        text = clean(str(value))
        if len(text) > limit:
            raise ValueError(f"longer than {limit:,} characters ({len(text):,})")
        return text

    return BeforeValidator(check)


def _text(limit: int) -> Any:
    return _text_checker(limit, n.clean_text)


def _line(limit: int) -> Any:
    return _text_checker(limit, n.clean_line)


def _list_of(limit: int) -> Any:
    """A list field whose items fit the column they end up in."""

    def check(value: object) -> list[str]:
        items = n.split_list(value)
        if any(len(item) > limit for item in items):
            raise ValueError(f"a list item is longer than {limit} characters")
        return items

    return BeforeValidator(check)


def _topics(value: object) -> list[str]:
    paths = []
    for item in n.split_list(value):
        parts = [n.clean_line(part) for part in item.split(">")]
        if not all(parts):
            raise ValueError(f"empty level in topic path {item!r}")
        if any(len(part) > MAX_NAME for part in parts) or len(parts) > MAX_TOPIC_DEPTH:
            raise ValueError(
                f"a topic path has at most {MAX_TOPIC_DEPTH} levels of {MAX_NAME} characters"
            )
        paths.append(" > ".join(parts))
    return paths


def _non_negative(value: object) -> Decimal:
    number = n.parse_number(value)
    if number < 0:
        raise ValueError(f"must not be negative, got {number}")
    return number


def _rating(value: object) -> float:
    number = n.parse_number(value)
    if not 0 <= number <= 5:
        raise ValueError(f"a rating is between 0 and 5, got {number}")
    return float(number)


def _year(value: object) -> int:
    year = n.parse_int(value, minimum=-3000)
    if year > date.today().year + 2:
        raise ValueError(f"year {year} is in the future")
    return year


def _start_date(value: object) -> date:
    day = n.parse_date(value)
    if day.year > date.today().year + MAX_YEARS_AHEAD:
        raise ValueError(f"a start date more than {MAX_YEARS_AHEAD} years ahead ({day})")
    return day


Line = Annotated[str, _line(MAX_SHORT)]
Count = Annotated[int, BeforeValidator(n.parse_int)]
Url = Annotated[str, BeforeValidator(n.parse_url)]


class ResourceRecord(BaseModel):
    """One validated resource, as every feed and profile produces it."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    kind: Literal["course", "book"]
    title: Annotated[str, _line(MAX_TITLE), Field(min_length=1)]
    source: Line | None = None
    external_id: Line | None = None
    description: Annotated[str | None, _text(MAX_TEXT)] = None
    syllabus: Annotated[str | None, _text(MAX_TEXT)] = None
    url: Url | None = None
    provider: Line | None = None
    institution: Line | None = None
    authors: Annotated[list[str], _list_of(MAX_SHORT)] = []
    instructors: Annotated[list[str], _list_of(MAX_SHORT)] = []
    language: Annotated[str | None, BeforeValidator(n.parse_language)] = None
    level: Annotated[str | None, BeforeValidator(n.parse_level)] = None
    free: Annotated[bool | None, BeforeValidator(n.parse_bool)] = None
    price: Annotated[Decimal | None, BeforeValidator(_non_negative)] = None
    currency: Annotated[str | None, BeforeValidator(n.parse_currency)] = None
    rating: Annotated[float | None, BeforeValidator(_rating)] = None
    rating_count: Count | None = None
    popularity: Count | None = None
    skills: Annotated[list[str], _list_of(MAX_NAME)] = []
    topics: Annotated[list[str], BeforeValidator(_topics)] = []
    duration_hours: Annotated[float | None, BeforeValidator(lambda v: float(_non_negative(v)))] = (
        None
    )
    certificate: Annotated[bool | None, BeforeValidator(n.parse_bool)] = None
    pace: Annotated[str | None, BeforeValidator(n.parse_pace)] = None
    starts_on: Annotated[date | None, BeforeValidator(_start_date)] = None
    isbn: Annotated[str | None, BeforeValidator(n.parse_isbn13)] = None
    publisher: Line | None = None
    year: Annotated[int | None, BeforeValidator(_year)] = None
    pages: Annotated[int | None, BeforeValidator(lambda v: n.parse_int(v, minimum=1))] = None
    image_url: Url | None = None
    published_at: Annotated[date | None, BeforeValidator(n.parse_date)] = None

    @model_validator(mode="before")
    @classmethod
    def _blank_is_absent(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if v is not None and v != "" and v != []}
        return data

    @model_validator(mode="after")
    def _consistent_price(self) -> ResourceRecord:
        if self.free and self.price:
            raise ValueError("marked free but has a price above 0")
        if self.price is not None and self.price > 0 and self.currency is None:
            raise ValueError("a price above 0 needs a currency")
        return self

    @property
    def identity_key(self) -> str:
        """Books by ISBN-13, else source + external id, else url, else kind, provider and title."""
        if self.kind == "book" and self.isbn:
            return f"isbn:{self.isbn}"
        if self.source and self.external_id:
            return f"src:{self.source.casefold()}:{self.external_id}"
        if self.url:
            return f"url:{n.url_identity(self.url)}"
        provider = slugify(self.provider or "", max_length=200)
        return f"title:{self.kind}:{provider}:{slugify(self.title, max_length=400)}"

    def to_data(self) -> dict[str, Any]:
        """The record as plain JSON values, derived fields filled, absent fields left out."""
        data = self.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        data["kind"] = self.kind
        if self.free is None and self.price is not None:
            data["free"] = self.price == 0
        return data


def hash_json(encoded: str) -> str:
    return hashlib.sha256(encoded.encode()).hexdigest()


def content_hash(data: dict[str, Any]) -> str:
    return hash_json(canonical_json(data))


def validation_problems(error: ValidationError) -> list[tuple[str, str]]:
    """(field, reason) pairs a person can act on, from pydantic's report."""
    problems = []
    for item in error.errors(include_url=False, include_input=False):
        field = ".".join(str(part) for part in item["loc"]) or "row"
        reason = item["msg"].removeprefix("Value error, ")
        if item["type"] == "missing":
            reason = "required"
        elif item["type"] == "literal_error" and field == "kind":
            reason = "must be course or book"
        problems.append((field, reason))
    return problems

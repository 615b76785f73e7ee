"""How catalog values read on a page: prices, durations, counts, languages, levels, pace
and start dates."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from courseatlas.catalog.bands import utc_today
from courseatlas.catalog.names import TOPIC_SEPARATOR
from courseatlas.catalog.quality import bayesian_rating
from courseatlas.catalog.schemas import Price, ResourceSummary
from courseatlas.catalog.vocabularies import KIND_NAMES, LABELS, SYMBOL_BY_CURRENCY
from courseatlas.matching.schemas import Reason

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def number(value: int | float) -> str:
    return f"{value:,}"


def price(value: Price) -> str:
    if value.free:
        return "Free"
    if value.amount is None:
        return "Paid" if value.free is False else "Price not listed"
    return money(value.amount, value.currency)


def listed_price(value: Price) -> str:
    """The price as the provider lists it, when the one shown is converted from it."""
    return money(value.listed.amount, value.listed.currency) if value.listed else ""


def money(amount: Decimal, currency: str | None) -> str:
    shown = _amount(amount)
    symbol = SYMBOL_BY_CURRENCY.get(currency or "")
    return f"{symbol}{shown}" if symbol else f"{shown} {currency or ''}".rstrip()


def _amount(amount: Decimal) -> str:
    return f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"


def hours(value: float) -> str:
    if value < 1:
        return f"{round(value * 60)} minutes"
    shown = f"{value:g}" if value < 10 else f"{round(value):,}"
    return f"{shown} hour" if shown == "1" else f"{shown} hours"


def weighted(value: ResourceSummary) -> str:
    """The rating "Highest rated" orders by: the average weighed by its number of ratings."""
    return f"{bayesian_rating(value.rating, value.rating_count):.2f}"


def popularity(value: ResourceSummary) -> str:
    """What "Most popular" orders by, as feeds count it: enrolments, or readers of a book."""
    who = "readers" if value.kind == "book" else "learners"
    return f"{value.popularity or 0:,} {who}"


def language(code: str) -> str:
    return LABELS["language"].get(code, code)


def level(code: str) -> str:
    return LABELS["level"].get(code, code)


def pace(code: str) -> str:
    return LABELS["pace"].get(code, code)


def starts(day: date, long: bool = False) -> str:
    """ "Starts 12 Jan 2027", or "Started" once the day is past (UTC, as the filter counts)."""
    verb = "Starts" if day >= utc_today() else "Started"
    return f"{verb} {day.strftime('%-d %B %Y' if long else '%-d %b %Y')}"


def kind(code: str) -> str:
    return KIND_NAMES.get(code, code)


def paragraphs(text: str) -> list[str]:
    """Text split where a blank line separates paragraphs."""
    return [part.strip() for part in _PARAGRAPH_BREAK.split(text) if part.strip()]


def shorten(text: str, limit: int = 160) -> str:
    """At most ``limit`` characters, cut at a word boundary, for meta descriptions."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def reasons(found: Sequence[Reason]) -> list[str]:
    """Why a resource matched, in words: what it teaches, what it mentions, where it is filed."""
    taught = [r.name for r in found if r.kind == "skill" and r.evidence == "tagged"]
    mentioned = [
        r.name for r in found if r.kind == "words" or (r.kind == "skill" and r.evidence != "tagged")
    ]
    topics = [r.name.split(TOPIC_SEPARATOR)[-1] for r in found if r.kind == "topic"]
    lines = []
    if taught:
        lines.append("teaches " + ", ".join(taught))
    if mentioned:
        lines.append("mentions " + ", ".join(mentioned))
    if topics:
        lines.append("filed under " + ", ".join(topics))
    about = [r.name for r in found if r.kind == "context"]
    if about:
        lines.append("about " + about[0])
    if any(r.kind == "meaning" for r in found):
        lines.append("close in meaning")
    return lines

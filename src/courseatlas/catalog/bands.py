"""The bands that filters and facets group values into: hours of a course, rating steps,
pace and start dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Literal

Duration = Literal["under-2", "2-10", "10-40", "over-40"]
# (band, from hours, below hours, label); a course of exactly 10 hours is in "10-40".
DURATION_BANDS: tuple[tuple[Duration, float, float | None, str], ...] = (
    ("under-2", 0, 2, "Under 2 hours"),
    ("2-10", 2, 10, "2 to 10 hours"),
    ("10-40", 10, 40, "10 to 40 hours"),
    ("over-40", 40, None, "40 hours or more"),
)
RATING_STEPS = (4.5, 4.0, 3.5, 3.0)


def duration_band(hours: float | None) -> Duration | None:
    if hours is None or hours < 0:
        return None
    for band, low, high, _ in DURATION_BANDS:
        if hours >= low and (high is None or hours < high):
            return band
    return None


def rating_step(value: float) -> str:
    """A rating threshold as the ``min_rating`` filter and its facet spell it: 4.5, 4, 3.5."""
    return f"{value:g}"


def rating_steps(rating: float | None) -> list[str]:
    """Every step a rating reaches: 4.6 is in "4.5 and up", "4 and up", and so on."""
    if rating is None:
        return []
    return [rating_step(step) for step in RATING_STEPS if rating >= step]


DURATION_LABELS: dict[str, str] = {band: label for band, _, _, label in DURATION_BANDS}
RATING_LABELS = {rating_step(step): f"{rating_step(step)} and up" for step in RATING_STEPS}
CERTIFICATE_LABELS = {"true": "With a certificate", "false": "No certificate"}

EPOCH = date(1970, 1, 1)


def day_number(day: date) -> int:
    """Days since 1970: how the search index stores a date."""
    return (day - EPOCH).days


Pace = Literal["self-paced", "scheduled"]
PACE_LABELS: dict[str, str] = {"self-paced": "Self-paced", "scheduled": "Scheduled"}

# Start dates, relative to the day (UTC) a search is made: the month it is in, the next one,
# and any day from today on ("upcoming" holds the other two). A start before today is past.
Starts = Literal["this-month", "next-month", "upcoming"]
STARTS_LABELS: dict[str, str] = {
    "this-month": "Starts this month",
    "next-month": "Starts next month",
    "upcoming": "Any upcoming start",
}


def utc_today() -> date:
    """The day start dates are counted from, the same for every visitor."""
    return datetime.now(UTC).date()


def month_starts(today: date) -> tuple[date, date]:
    """The first days of the month after ``today``'s and of the one after that."""
    following = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    return following, (following + timedelta(days=32)).replace(day=1)


def starts_between(band: Starts, today: date) -> tuple[date, date | None]:
    """The days a start in ``band`` falls on: from the first, up to (not including) the second."""
    next_month, month_after = month_starts(today)
    if band == "this-month":
        return today, next_month
    if band == "next-month":
        return next_month, month_after
    return today, None

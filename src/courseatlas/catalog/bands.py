"""The bands that filters and facets group numbers into: hours of a course, rating steps."""

from __future__ import annotations

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

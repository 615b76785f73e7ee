"""edX catalog scrape (edx_courses.csv): courses with summary, description and syllabus.

Every course is free to audit; the price column only offers a paid verified certificate
("FREE-Add a Verified Certificate for $49 USD"), so such courses are free with a certificate.
Instructors are joined by hyphens, which also occur inside names; see ``instructors``. The
duration is the weekly effort's midpoint times the number of weeks; the course type says
whether it is self-paced or instructor-led (scheduled). No start dates are in the scrape.
"""

from __future__ import annotations

import re
from decimal import Decimal

from courseatlas.ingest.profiles.tabular import Layout, Row, csv_profile
from courseatlas.ingest.profiles.topics import one_topic
from courseatlas.ingest.profiles.values import count, url_path, value

SOURCE = "edx"
PROVIDER = "edX"
# Native names the shared vocabulary does not know yet.
LANGUAGES = {"اللغة العربية": "ar"}
_EFFORT = re.compile(r"(\d+(?:\.\d+)?)(?:\s*[\u2013-]\s*(\d+(?:\.\d+)?))?\s*hours? per week", re.I)
_WEEKS = re.compile(r"(\d+)\s*weeks?", re.I)


def instructors(raw: str) -> list[str]:
    """Names joined by "-": a piece without a space is part of a hyphenated name.

    "Dacher Keltner-Emiliana Simon-Thomas" is two people; a one-word piece belongs to the name
    before it (a double surname), or to the next one when it comes first ("Jukka-Pekka Onnela").
    """
    names: list[str] = []
    joining_next = ""
    for piece in (part.strip() for part in raw.split("-")):
        if not piece:
            continue
        if joining_next:
            names.append(f"{joining_next}-{piece}")
            joining_next = ""
        elif " " in piece:
            names.append(piece)
        elif names:
            names[-1] = f"{names[-1]}-{piece}"
        else:
            joining_next = piece
    if joining_next:
        names.append(joining_next)
    return names


def duration_hours(effort: str, length: str) -> str | None:
    """ "2-4 hours per week" (en dash in the data) over "6 Weeks": 3 hours for 6 weeks, 18."""
    hours, weeks = _EFFORT.search(effort), _WEEKS.search(length)
    if hours is None or weeks is None:
        return None
    low = Decimal(hours.group(1))
    high = Decimal(hours.group(2) or hours.group(1))
    return str((low + high) / 2 * int(weeks.group(1)))


def paragraphs(*cells: str) -> str:
    """The one-line summary above the long description: both say something."""
    return "\n\n".join(text for text in map(value, cells) if text)


def price_fields(raw: str) -> Row:
    text = value(raw) or ""
    if text.upper().startswith("FREE"):
        return {"free": True, "certificate": "verified certificate" in text.casefold() or None}
    return {}


def map_course(row: Row) -> Row:
    url = value(row["course_url"])
    language = value(row["language"])
    return {
        "kind": "course",
        "source": SOURCE,
        "external_id": url_path(url),
        "title": row["title"],
        "url": url,
        "provider": PROVIDER,
        "institution": row["institution"],
        "instructors": instructors(row["instructors"]),
        "language": LANGUAGES.get(language or "", language),
        "level": row["Level"],
        "popularity": count(row["n_enrolled"]),
        "topics": one_topic(row["subject"]),
        "description": paragraphs(row["summary"], row["course_description"]),
        "syllabus": value(row["course_syllabus"]),
        "duration_hours": duration_hours(row["course_effort"], row["course_length"]),
        "pace": row["course_type"],  # "Self-paced on your time", "Instructor-led on a ..."
        **price_fields(row["price"]),
    }


PROFILE = csv_profile(
    "edx",
    __doc__ or "",
    Layout.of(
        "title, summary, n_enrolled, course_type, institution, instructors, Level, subject, "
        "language, course_effort, course_length, price, course_description, course_syllabus, "
        "course_url",
        map_course,
    ),
)

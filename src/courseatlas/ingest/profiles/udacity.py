"""Udacity catalog (Udacity.csv): programs with school, level, rating and a short description.

The header names a ``Skills`` column that no row has (7 names, 6 fields): rows are read by
the header and the missing last column is simply absent. The "University" column holds
Udacity's school, which names the topic. Udacity teaches in English.
"""

from __future__ import annotations

from courseatlas.ingest.profiles.tabular import Layout, Row, csv_profile
from courseatlas.ingest.profiles.topics import one_topic
from courseatlas.ingest.profiles.values import rating, split, url_path, value

SOURCE = "udacity"
PROVIDER = "Udacity"


def program_key(url: str | None) -> str | None:
    """Udacity's key for a program, the end of its URL ("nd027" in ...-nanodegree--nd027)."""
    path = url_path(url)
    if path is None:
        return None
    slug = path.rsplit("/", 1)[-1]
    return slug.rsplit("--", 1)[-1] if "--" in slug else slug


def canonical_url(url: str | None) -> str | None:
    """The URL without the doubled slash the scrape put after the host."""
    path = url_path(url)
    return f"https://www.udacity.com/{path}" if url and path else url


def map_program(row: Row) -> Row:
    url = value(row["Course URL"])
    return {
        "kind": "course",
        "source": SOURCE,
        "external_id": program_key(url),
        "title": row["Course Name"],
        "url": canonical_url(url),
        "provider": PROVIDER,
        "language": "en",
        "level": row["Difficulty Level"],
        "description": row["Course Description"],
        "skills": split(row.get("Skills"), ","),
        "topics": one_topic(row["University"]),
        **rating(row["Course Rating"]),
    }


PROFILE = csv_profile(
    "udacity",
    __doc__ or "",
    Layout.of(
        "Course Name, University, Difficulty Level, Course Rating, Course URL, Course Description",
        map_program,
    ),
)

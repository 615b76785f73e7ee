"""Data-science courses from eight platforms (multi_platform_data_science/dataframe.csv).

The platform is the provider. There is no URL, so a row is identified by the file's own
index column: titles repeat within a platform (parts of a series lose their numbers). The
``author`` is the institution on the university platforms and the instructor elsewhere.
Every course is about data science; no finer topic can be told from a title alone.
"""

from __future__ import annotations

from courseatlas.ingest.profiles.tabular import Layout, Row, Unmappable, csv_profile
from courseatlas.ingest.profiles.values import flag, positive, rating, value

SOURCE = "datascience-multi"
TOPIC = "Data Science"
# Platform -> provider name, spelt as the other profiles spell it.
PROVIDERS = {
    "coursera": "Coursera",
    "edx": "edX",
    "udemy": "Udemy",
    "skillshare": "Skillshare",
    "pluralsight": "Pluralsight",
    "futurelearn": "FutureLearn",
    "alison": "Alison",
    "stepik": "Stepik",
}
INSTITUTION_PLATFORMS = frozenset({"Coursera", "edX", "FutureLearn", "Alison"})


def provider(raw: str) -> str:
    name = PROVIDERS.get((value(raw) or "").casefold())
    if name is None:
        raise Unmappable("platform", f"unknown platform {raw!r}")
    return name


def map_course(row: Row) -> Row:
    platform = provider(row["platform"])
    author = value(row["author"])
    by_institution = platform in INSTITUTION_PLATFORMS
    return {
        "kind": "course",
        "source": SOURCE,
        "external_id": value(row[""]),
        "title": row["title"],
        "provider": platform,
        "institution": author if by_institution else None,
        "instructors": [author] if author and not by_institution else [],
        "level": row["level"],
        "popularity": row["students_count"],
        "duration_hours": positive(row["duration"]),
        "topics": [TOPIC],
        "free": flag(row["free"], "free"),
        **rating(row["rating"], row["votes_count"]),
    }


PROFILE = csv_profile(
    "datascience-multi",
    __doc__ or "",
    Layout.of(  # The index column has no name.
        ", title, author, rating, votes_count, students_count, level, duration, platform, free",
        map_course,
    ),
)

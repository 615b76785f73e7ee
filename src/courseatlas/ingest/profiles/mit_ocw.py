"""MIT OpenCourseWare course list (mit_ocw_courses.json): one JSON array, no descriptions.

Rows carry the line their object starts on. Topics come from each topic's speciality, else
its sub-category. OCW courses are MIT's own classes: graduate ones are advanced, and
undergraduate ones intermediate, since they are university courses that assume the earlier
years (the data does not single out the introductory ones); "Non Credit" gets no level. OCW
is free, in English, and gives no certificate. The short description is built from the
course number, semester and the materials the course offers, which is all the data says.
"""

from __future__ import annotations

from typing import Any

from courseatlas.ingest.profiles.tabular import Layout, Row, json_array_profile
from courseatlas.ingest.profiles.topics import most_specific, one_topic
from courseatlas.ingest.profiles.values import value

SOURCE = "mit-ocw"
PROVIDER = "MIT OpenCourseWare"
INSTITUTION = "Massachusetts Institute of Technology"
SITE = "https://ocw.mit.edu"
LEVELS = {"graduate": "advanced", "undergraduate": "intermediate"}
# Feature flags of a course, in the order a description names them.
MATERIALS = {
    "completeVideo": "complete video lectures",
    "completeAudio": "complete audio lectures",
    "lectureNotes": "lecture notes",
    "assesmentsWithSolution": "assignments with solutions",
    "exams": "exams",
    "projectWithExmp": "projects with examples",
    "studentProjects": "student projects",
    "onlineTextbooks": "online textbooks",
    "simulations": "simulations",
    "instructorInsights": "instructor insights",
}


def topics(items: Any) -> list[str]:
    if not isinstance(items, list):
        return []
    return most_specific(
        path
        for item in items
        if isinstance(item, dict)
        for path in one_topic(str(item.get("speciality") or ""), str(item.get("subCat") or ""))
    )


def describe(row: Row) -> str:
    number, semester = value(row.get("mcn")), value(row.get("sem"))
    intro = f"MIT course {number}" if number and number[0].isdigit() else "MIT OpenCourseWare"
    intro += f", {semester}." if semester else "."
    materials = [name for key, name in MATERIALS.items() if row.get(key) is True]
    return f"{intro} Includes {', '.join(materials)}." if materials else intro


def map_course(row: Row) -> Row:
    href = value(row["href"])
    level = value(row.get("level"))
    return {
        "kind": "course",
        "source": SOURCE,
        "external_id": row["id"],
        "title": row["title"],
        "url": f"{SITE}/{href.lstrip('/')}" if href else None,
        "provider": PROVIDER,
        "institution": INSTITUTION,
        "language": "en",
        "level": LEVELS.get(level.casefold()) if level else None,
        "free": True,
        "certificate": False,
        "topics": topics(row.get("topics")),
        "description": describe(row),
    }


PROFILE = json_array_profile("mit-ocw", __doc__ or "", Layout.of("id, title, href", map_course))

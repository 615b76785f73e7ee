"""Coursera catalog scrape (coursera_courses.csv): courses with skills and rich text.

Skills and learning outcomes are Python list literals, read with ``ast.literal_eval`` (never
``eval``). Every offering type but the Guided Project leads to a certificate. Topics come
from the skills that name a curated subject, as the file has no subject column; the few
"skills" that are whole sentences join the learning outcomes instead. The course
time ("3 - 6 Months") is a range at an unknown weekly pace, so no duration is derived.
"""

from __future__ import annotations

import ast
from typing import Any

from courseatlas.ingest.profiles.tabular import Layout, Row, Unmappable, csv_profile
from courseatlas.ingest.profiles.topics import topics_for
from courseatlas.ingest.profiles.values import count, rating, url_path, value

SOURCE = "coursera"
PROVIDER = "Coursera"
CERTIFICATE_TYPES = frozenset({"Course", "Specialization", "Professional Certificate"})
MAX_SKILL_TOPICS = 2
# Longer "skills" are learning outcomes scraped into the skills list ("Interpret EPS data ...").
MAX_SKILL_LENGTH = 100


def course_id(url: str | None) -> str | None:
    """Coursera's id for a course: its URL path ("learn/machine-learning"), shared by feeds."""
    return url_path(url)


def python_list(raw: Any, field: str) -> list[str]:
    """A cell holding a Python list literal of strings, such as "['SQL', 'Python']"."""
    text = value(raw)
    if text is None:
        return []
    try:
        items = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        raise Unmappable(field, "expected a list literal such as ['a', 'b']") from None
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise Unmappable(field, "expected a list of strings")
    return items


def describe(description: str | None, outcomes: list[str]) -> str | None:
    """The description, followed by what a learner will be able to do, when given."""
    if not outcomes:
        return description
    bullets = "\n".join(f"- {item.strip()}" for item in outcomes if item.strip())
    return f"{description or ''}\n\nWhat you will learn:\n{bullets}".strip()


def map_course(row: Row) -> Row:
    listed = python_list(row["course_skills"], "course_skills")
    skills = [skill for skill in listed if len(skill) <= MAX_SKILL_LENGTH]
    sentences = [skill for skill in listed if len(skill) > MAX_SKILL_LENGTH]
    outcomes = python_list(row["course_summary"], "course_summary") + sentences
    certificate_type = value(row["course_certificate_type"])
    url = value(row["course_url"])
    return {
        "kind": "course",
        "source": SOURCE,
        "external_id": course_id(url),
        "title": row["course_title"],
        "url": url,
        "provider": PROVIDER,
        "institution": row["course_organization"],
        "level": row["course_difficulty"],
        "popularity": count(row["course_students_enrolled"]),
        "skills": skills,
        "topics": topics_for(skills, limit=MAX_SKILL_TOPICS),
        "certificate": True if certificate_type in CERTIFICATE_TYPES else None,
        "description": describe(value(row["course_description"]), outcomes),
        **rating(row["course_rating"], row["course_reviews_num"]),
    }


PROFILE = csv_profile(
    "coursera",
    __doc__ or "",
    Layout.of(
        "course_title, course_organization, course_certificate_type, course_rating, "
        "course_reviews_num, course_difficulty, course_url, course_students_enrolled, "
        "course_skills, course_summary, course_description",
        map_course,
    ),
)

"""Credits: the people and institutions named by a resource, each with the slug of its page."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from courseatlas.text import slugify

PEOPLE_ROLES = ("author", "instructor")
INSTITUTION = "institution"


def credit_slug(name: str) -> str:
    """The slug of a name's page; a name with no Latin letters gets one from its hash."""
    slug = slugify(name, max_length=120)
    if slug == "untitled" and "untitled" not in name.casefold():
        return "n-" + hashlib.sha256(" ".join(name.split()).casefold().encode()).hexdigest()[:10]
    return slug


def credits_of(row: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """(role, slug, name) of everyone a resource row names, each slug once per role."""
    named = [("author", n) for n in row.get("authors") or []]
    named += [("instructor", n) for n in row.get("instructors") or []]
    if row.get("institution"):
        named.append((INSTITUTION, row["institution"]))
    found: dict[tuple[str, str], str] = {}
    for role, name in named:
        name = " ".join(str(name).split())[:300]
        if name:
            found.setdefault((role, credit_slug(name)), name)
    return [(role, slug, name) for (role, slug), name in found.items()]

"""Authored career guides: Markdown with YAML front matter, parsed and checked by pure functions.

```
---
title: Backend Engineer
slug: backend-engineer
onet_code: 15-1252.00          # optional: merges the occupation's O*NET data in
field: Software
summary: One or two sentences.
alternate_titles: [Back-End Developer, API Developer]
skills:
  - {name: SQL, weight: 1.0}   # weight in (0, 1]
  - {name: Database Design, weight: 0.8, after: [SQL]}   # optional: what it builds on
topics: [Computer Science > Databases]
related: [data-engineer]
---

## Overview
...
```
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from courseatlas.ingest.normalise import clean_line
from courseatlas.ingest.problems import Problem
from courseatlas.ingest.record import validation_problems
from courseatlas.text import alias_key, slugify

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ONET_CODE_PATTERN = r"^\d{2}-\d{4}\.\d{2}$"
MAX_GUIDE_BYTES = 512 * 1024

# The sections of a guide, in the order pages show them.
SECTIONS: dict[str, str] = {
    slugify(title): title
    for title in (
        "Overview",
        "What they do",
        "Education and training",
        "Career path and growth",
        "A day in the job",
        "Challenges",
        "Typical projects",
        "Personal growth",
        "Personality traits and interests",
        "Self-guided projects",
        "Online courses",
    )
}

Name = Annotated[str, Field(min_length=1, max_length=300)]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=200)]


class GuideSkill(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, Field(min_length=1, max_length=200)]
    weight: Annotated[float, Field(gt=0, le=1)]
    # Skills of the same guide this one builds on: a learning path teaches them first.
    after: list[Annotated[str, Field(min_length=1, max_length=200)]] = []


class FrontMatter(BaseModel):
    """The guide's front matter; unknown keys are refused, so a typo does not go unnoticed."""

    model_config = ConfigDict(extra="forbid")

    title: Name
    slug: Slug
    onet_code: Annotated[str | None, Field(pattern=ONET_CODE_PATTERN)] = None
    field: Annotated[str, Field(min_length=1, max_length=100)]
    summary: Annotated[str, Field(min_length=1, max_length=2000)]
    alternate_titles: list[Name] = []
    skills: list[GuideSkill] = []
    topics: list[Annotated[str, Field(min_length=1, max_length=1000)]] = []
    related: list[Slug] = []

    @field_validator("title", "field", "summary")
    @classmethod
    def _one_line(cls, value: str) -> str:
        return clean_line(value)

    @field_validator("skills")
    @classmethod
    def _distinct_skills(cls, skills: list[GuideSkill]) -> list[GuideSkill]:
        seen: set[str] = set()
        for skill in skills:
            if alias_key(skill.name) in seen:
                raise ValueError(f"skill {skill.name!r} is listed twice")
            seen.add(alias_key(skill.name))
        for skill in skills:
            for basis in skill.after:
                if alias_key(basis) not in seen or alias_key(basis) == alias_key(skill.name):
                    raise ValueError(
                        f"skill {skill.name!r} comes after {basis!r}, which is not another of "
                        "the guide's skills"
                    )
        return skills

    @field_validator("topics")
    @classmethod
    def _topic_paths(cls, paths: list[str]) -> list[str]:
        cleaned = []
        for path in paths:
            parts = [clean_line(part) for part in path.split(">")]
            if not all(parts):
                raise ValueError(f"empty level in topic path {path!r}")
            cleaned.append(" > ".join(parts))
        return cleaned


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    body: str  # Markdown


@dataclass(frozen=True)
class Guide:
    front: FrontMatter
    sections: list[Section]
    file: str
    content_hash: str


@dataclass
class Parsed:
    guide: Guide | None = None
    problems: list[Problem] = field(default_factory=list)


def bundled_guides_dir() -> Path:
    return Path(str(resources.files("courseatlas.careers").joinpath("guides")))


def guide_files(path: Path) -> list[Path]:
    """The guide files at ``path``: the file itself, or every ``*.md`` of a folder, sorted."""
    return sorted(path.glob("*.md")) if path.is_dir() else [path]


def read_guide(path: Path) -> Parsed:
    try:
        if path.stat().st_size > MAX_GUIDE_BYTES:
            return _failed(0, "file", f"larger than {MAX_GUIDE_BYTES // 1024} KB")
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return _failed(0, "file", f"invalid UTF-8 at byte {error.start}")
    except OSError as error:
        return _failed(0, "file", f"cannot read: {error.strerror or error}")
    return parse_guide(text, path.name)


def parse_guide(text: str, file: str = "guide.md") -> Parsed:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        return _failed(1, "front matter", "a guide starts with a '---' line")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        return _failed(1, "front matter", "no closing '---' line")
    front, problems = _front_matter(lines[1:end])
    sections, section_problems = _sections(lines, end + 1)
    problems += section_problems
    if front is None or problems:
        return Parsed(problems=problems)
    digest = hashlib.sha256(text.encode()).hexdigest()
    return Parsed(Guide(front, sections, file, digest))


def _failed(line: int, name: str, reason: str) -> Parsed:
    return Parsed(problems=[Problem(line, name, reason)])


def _front_matter(lines: list[str]) -> tuple[FrontMatter | None, list[Problem]]:
    try:
        data = yaml.safe_load("\n".join(lines))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = str(getattr(error, "problem", None) or "invalid YAML")
        return None, [Problem(line, "front matter", f"invalid YAML: {reason}")]
    if not isinstance(data, dict):
        return None, [Problem(2, "front matter", "expected 'key: value' lines")]
    try:
        return FrontMatter.model_validate(data), []
    except ValidationError as error:
        return None, [
            Problem(_line_of(lines, name), name, reason)
            for name, reason in validation_problems(error)
        ]


def _line_of(lines: list[str], dotted: str) -> int:
    """The file line of a front matter key (its top-level name), for error reports."""
    key = dotted.split(".")[0]
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    return next((i + 2 for i, line in enumerate(lines) if pattern.match(line)), 1)


def _sections(lines: list[str], start: int) -> tuple[list[Section], list[Problem]]:
    found: list[tuple[int, str, list[str]]] = []
    problems: list[Problem] = []
    for number, line in enumerate(lines[start:], start=start + 1):
        if line.startswith("## "):
            found.append((number, line[3:].strip(), []))
        elif found:
            found[-1][2].append(line)
        elif line.strip():
            problems.append(Problem(number, "sections", "text before the first '## ' heading"))
    sections: list[Section] = []
    for number, title, body in found:
        key = slugify(title)
        if key not in SECTIONS:
            known = ", ".join(SECTIONS.values())
            problems.append(Problem(number, "sections", f"unknown section {title!r} ({known})"))
        elif any(section.key == key for section in sections):
            problems.append(Problem(number, "sections", f"section {title!r} appears twice"))
        elif not "\n".join(body).strip():
            problems.append(Problem(number, "sections", f"section {title!r} is empty"))
        else:
            sections.append(Section(key, SECTIONS[key], "\n".join(body).strip()))
    return sections, problems

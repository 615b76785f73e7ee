"""Authored guides: the bundled ones are complete, and a broken guide says where it breaks."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from courseatlas.careers.guides import SECTIONS, bundled_guides_dir, parse_guide, read_guide
from courseatlas.text import alias_key

GOOD = """---
title: Beekeeper
slug: beekeeper
field: Agriculture
summary: Keeps bees.
skills:
  - {name: Beekeeping, weight: 1.0}
---

## Overview

Bees.

## Challenges

Stings.
"""


def _bundled() -> list[Path]:
    return sorted(bundled_guides_dir().glob("*.md"))


def test_bundled_guides_parse_and_span_fields() -> None:
    guides = [read_guide(path) for path in _bundled()]
    assert all(not parsed.problems for parsed in guides), [p.problems for p in guides if p.problems]
    fronts = [parsed.guide.front for parsed in guides if parsed.guide]
    assert len(fronts) >= 20
    assert len(Counter(front.field for front in fronts)) >= 8
    assert len({front.slug for front in fronts}) == len(fronts)


def test_backend_engineer_guide_is_complete() -> None:
    parsed = read_guide(bundled_guides_dir() / "backend-engineer.md")
    assert parsed.guide is not None
    # Every section but "Online courses", which pages compose from the career's data.
    assert [s.key for s in parsed.guide.sections] == list(SECTIONS)[:-1]
    skills = {alias_key(s.name): s.weight for s in parsed.guide.front.skills}
    for name in ("Kubernetes", "gRPC", "Git", "Linux"):
        assert 0.4 <= skills[alias_key(name)] <= 0.6, name
    assert parsed.guide.front.onet_code == "15-1252.00"


def test_a_good_guide_keeps_its_sections_in_order() -> None:
    parsed = parse_guide(GOOD, "beekeeper.md")
    assert parsed.guide is not None
    assert [(s.key, s.body) for s in parsed.guide.sections] == [
        ("overview", "Bees."),
        ("challenges", "Stings."),
    ]


@pytest.mark.parametrize(
    ("text", "line", "field", "reason"),
    [
        ("no front matter", 1, "front matter", "starts with a '---' line"),
        ("---\ntitle: x\n", 1, "front matter", "no closing '---'"),
        ("---\ntitle: [unclosed\n---\n", 2, "front matter", "invalid YAML"),
        ("---\n- a list\n---\n", 2, "front matter", "expected 'key: value'"),
        (GOOD.replace("slug: beekeeper", "slug: Bee Keeper"), 3, "slug", "pattern"),
        (GOOD.replace("summary:", "sumary:"), 5, "sumary", "Extra inputs"),
        (GOOD.replace("field: Agriculture\n", ""), 1, "field", "required"),
        (GOOD.replace("weight: 1.0", "weight: 3"), 6, "skills.0.weight", "less than or equal"),
        (GOOD.replace("## Challenges", "## Hobbies"), 14, "sections", "unknown section 'Hobbies'"),
        (GOOD.replace("## Challenges", "## Overview"), 14, "sections", "appears twice"),
        (GOOD.replace("Stings.", ""), 14, "sections", "is empty"),
        (
            GOOD.replace("---\n\n## Overview", "---\nstray text\n## Overview"),
            9,
            "sections",
            "before",
        ),
    ],
)
def test_broken_guides_say_where_and_why(text: str, line: int, field: str, reason: str) -> None:
    parsed = parse_guide(text, "bad.md")
    assert parsed.guide is None
    assert any(
        p.line == line and p.field == field and reason in p.reason for p in parsed.problems
    ), parsed.problems


def test_a_skill_listed_twice_is_refused() -> None:
    text = GOOD.replace(
        "  - {name: Beekeeping, weight: 1.0}\n",
        "  - {name: Beekeeping, weight: 1.0}\n  - {name: bee-keeping, weight: 0.5}\n",
    )
    parsed = parse_guide(text)
    assert parsed.guide is None
    assert "listed twice" in parsed.problems[0].reason


@pytest.mark.parametrize("after", ["Swarming", "Beekeeping"])
def test_a_skill_after_one_the_guide_does_not_list_is_refused(after: str) -> None:
    text = GOOD.replace(
        "  - {name: Beekeeping, weight: 1.0}\n",
        f"  - {{name: Beekeeping, weight: 1.0, after: [{after}]}}\n",
    )
    parsed = parse_guide(text)
    assert parsed.guide is None
    assert f"comes after {after!r}, which is not another of the guide's skills" in (
        parsed.problems[0].reason
    )


def test_bundled_guides_say_what_their_key_skills_build_on() -> None:
    guides = [read_guide(path).guide for path in _bundled()]
    ordered = [g for g in guides if g is not None and any(s.after for s in g.front.skills)]
    assert len(ordered) == len(guides)  # every bundled guide orders some of its skills
    engineer = next(g for g in ordered if g.front.slug == "data-engineer")
    after = {s.name: s.after for s in engineer.front.skills}
    assert after["Data Warehousing"] == ["SQL", "Data Modeling"]


def test_unreadable_files_are_reported(tmp_path: Path) -> None:
    binary = tmp_path / "binary.md"
    binary.write_bytes(b"---\n\xff\xfe\n---\n")
    assert "invalid UTF-8" in read_guide(binary).problems[0].reason
    assert "cannot read" in read_guide(tmp_path / "missing.md").problems[0].reason

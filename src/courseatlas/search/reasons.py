"""Why a result matched when its title does not say: a skill, a person (author, instructor,
provider) or a topic that holds words the title lacks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from courseatlas.search import analyzers

# Stored text fields, and what a match in each is called.
FIELDS = (("skills", "skill"), ("people", "person"), ("topics", "topic"))
MAX_REASONS = 3


def matched_by(
    words: Sequence[str], title: str, values: Mapping[str, Sequence[str]]
) -> list[dict[str, str]]:
    """(field, value) pairs naming where the words the title lacks were found."""
    wanted = {stem for word in words for stem in analyzers.stems(word)}
    missing = wanted - set(analyzers.stems(title))
    found: list[dict[str, str]] = []
    for name, field in FIELDS:
        for value in values.get(name, ()):
            if missing & set(analyzers.stems(value)):
                found.append({"field": field, "value": value})
    return found[:MAX_REASONS]

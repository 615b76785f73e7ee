"""What builds on what among a career's key skills: authored by a guide, or derived. Pure.

A guide may say it (``after: [SQL]`` on a skill). Otherwise it is read off the matched
resources: skill A comes before skill B when resources that teach B usually cover A too
(at least MIN_SHARE of them, and MIN_SUPPORT in all) while resources that teach A sit lower
in level than those that teach B (by at least MIN_DEPTH on the scale beginner 0 to advanced
3). "Advanced PostgreSQL" mentions SQL and is advanced; "SQL for Beginners" is not about
PostgreSQL: SQL comes first. A derived relation never contradicts an authored one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from statistics import mean
from typing import Literal

from courseatlas.matching.context import about
from courseatlas.matching.scoring import TITLE, Candidate

MIN_SUPPORT = 2
MIN_SHARE = 0.25
MIN_DEPTH = 0.5
MIN_LEVELLED = 2  # resources of known level a skill needs before its depth counts
LEVELS = {"beginner": 0.0, "all": 1.0, "intermediate": 2.0, "advanced": 3.0}
TEACHING = ("tagged", "title")
FILED = 0.8  # how strongly a resource filed under a topic of a skill's name teaches it
THEME_SENSE = 0.3  # how much the rest of a resource's words must be about the career's work
THEME = "theme:"  # the key prefix of a work word standing in for skills ("theme:cook")

Source = Literal["guide", "catalog"]


@dataclass(frozen=True)
class Prerequisite:
    before: str  # want key
    after: str  # want key
    source: Source


def prerequisites(
    candidates: Sequence[Candidate],
    keys: Iterable[str],
    authored: Mapping[str, Sequence[str]],
) -> dict[tuple[str, str], Prerequisite]:
    """(before, after) -> how it is known, among ``keys``."""
    wanted = set(keys)
    found = {
        (before, after): Prerequisite(before, after, "guide")
        for after, befores in authored.items()
        for before in befores
        if after in wanted and before in wanted and before != after
    }
    depths = _depths(candidates, wanted)
    for after in wanted:
        teaching = [c for c in candidates if teaches(c, after)]
        for before in wanted - {after}:
            if (after, before) in found or (before, after) in found:
                continue
            if _derived(teaching, before, depths.get(before), depths.get(after)):
                found[(before, after)] = Prerequisite(before, after, "catalog")
    return found


def teaches(candidate: Candidate, key: str) -> bool:
    return teaching(candidate, key) > 0


def teaching(candidate: Candidate, key: str) -> float:
    """How strongly a resource teaches a skill: one it is linked to, named after or filed
    under (a topic of the skill's name); 0 for one its description merely mentions."""
    if key.startswith(THEME):
        return _theme_teaching(candidate, key.removeprefix(THEME))
    taught = candidate.evidence[key] if candidate.how.get(key) in TEACHING else 0.0
    return max(taught, FILED if key in candidate.filed_as else 0.0)


def _theme_teaching(candidate: Candidate, stem: str) -> float:
    """A work word is taught by a resource whose title names it among other words of the
    same work ("Menu Planning for Restaurants", not "Seasonal Patterns in Stocks")."""
    if stem not in candidate.title_stems:
        return 0.0
    return TITLE if about(candidate.context_found, frozenset({stem})) >= THEME_SENSE else 0.0


def _derived(
    teaching_after: Sequence[Candidate], before: str, low: float | None, high: float | None
) -> bool:
    if low is None or high is None or high - low < MIN_DEPTH:
        return False
    support = sum(1 for c in teaching_after if before in c.evidence)
    return support >= MIN_SUPPORT and support >= MIN_SHARE * len(teaching_after)


def _depths(candidates: Sequence[Candidate], keys: set[str]) -> dict[str, float]:
    """Each skill's mean level over the resources of known level that teach it."""
    levels: dict[str, list[float]] = {}
    for candidate in candidates:
        level = LEVELS.get(candidate.level or "")
        if level is None:
            continue
        for key in keys:
            if teaches(candidate, key):
                levels.setdefault(key, []).append(level)
    return {key: mean(found) for key, found in levels.items() if len(found) >= MIN_LEVELLED}

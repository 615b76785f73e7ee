"""A learning path: few resources that together cover a career's key skills, beginner first. Pure.

Greedy weighted set cover: at each step take the resource whose still-uncovered key skills
(those it teaches: linked to it or named in its title) weigh most (weight x evidence), scaled by its quality and preferring courses; stop when no
resource adds anything or the path is long enough. Then order by level.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from courseatlas.matching.scoring import MAX_QUALITY, Candidate
from courseatlas.matching.wants import Want

KEY_WEIGHT = 0.5  # wants at least this heavy are the key skills a path must cover
MAX_KEY_SKILLS = 12
MAX_STEPS = 8
MIN_GAIN = 0.2
BOOK_FACTOR = 0.85  # a book is a fine step, a course with the same coverage a better one
TEACHING = ("tagged", "title")
LEVELS = {"beginner": 0, "all": 1, None: 2, "intermediate": 2, "advanced": 3}


@dataclass(frozen=True)
class Step:
    candidate: Candidate
    covers: tuple[str, ...]  # want keys this step is the first to cover


@dataclass(frozen=True)
class Path:
    steps: tuple[Step, ...]
    key_wants: tuple[Want, ...]
    uncovered: tuple[Want, ...]

    @property
    def total_hours(self) -> float | None:
        hours = [s.candidate.duration_hours for s in self.steps if s.candidate.duration_hours]
        return round(sum(hours), 1) if hours else None

    @property
    def steps_without_hours(self) -> int:
        return sum(1 for step in self.steps if not step.candidate.duration_hours)


def key_wants(wants: Sequence[Want]) -> tuple[Want, ...]:
    heavy = [want for want in wants if want.skill_id is not None and want.weight >= KEY_WEIGHT]
    return tuple(sorted(heavy, key=lambda w: -w.weight)[:MAX_KEY_SKILLS])


def build_path(candidates: Sequence[Candidate], wants: Sequence[Want]) -> Path:
    keys = key_wants(wants)
    uncovered = {want.key: want for want in keys}
    pool = list(candidates)
    chosen: list[Step] = []
    while uncovered and pool and len(chosen) < MAX_STEPS:
        best = max(pool, key=lambda c: (_value(c, uncovered), -c.id))
        if _value(best, uncovered) < MIN_GAIN:
            break
        pool.remove(best)
        covers = tuple(key for key in uncovered if teaches(best, key))
        chosen.append(Step(best, covers))
        for key in covers:
            del uncovered[key]
    ordered = sorted(
        enumerate(chosen), key=lambda item: (LEVELS.get(item[1].candidate.level, 2), item[0])
    )
    return Path(tuple(step for _, step in ordered), keys, tuple(uncovered.values()))


def teaches(candidate: Candidate, key: str) -> bool:
    """A resource teaches a skill it is linked to or named after, not one its description
    merely mentions."""
    return candidate.how.get(key) in TEACHING


def _value(candidate: Candidate, uncovered: dict[str, Want]) -> float:
    gain = sum(
        want.weight * candidate.evidence[key]
        for key, want in uncovered.items()
        if teaches(candidate, key)
    )
    kind = 1.0 if candidate.kind == "course" else BOOK_FACTOR
    return gain * (0.6 + 0.4 * candidate.quality / MAX_QUALITY) * kind

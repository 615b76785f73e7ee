"""A learning path: few resources that together teach a career's key skills, foundations first. Pure.

Greedy weighted set cover: at each step take the resource whose still-uncovered key skills
(those it teaches: linked to it, named in its title or a topic it is filed under; not those its
description merely mentions) weigh most, scaled by its quality and preferring courses; stop
when no resource adds enough or the path is long enough. Then order by what builds on what
(``matching.prerequisites``): a step comes after the steps that teach what its skills build
on; among steps free to go next, the lower level first. Each step says why it is where it is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from courseatlas.matching.context import Context
from courseatlas.matching.prerequisites import (
    LEVELS,
    THEME,
    Prerequisite,
    prerequisites,
    teaching,
)
from courseatlas.matching.scoring import MAX_QUALITY, Candidate
from courseatlas.matching.wants import Want
from courseatlas.search import analyzers

KEY_WEIGHT = 0.5  # wants at least this heavy are the key skills a path must cover
MAX_KEY_SKILLS = 12
MAX_STEPS = 8
MIN_GAIN = 0.2
BOOK_FACTOR = 0.85  # a book is a fine step, a course with the same coverage a better one
UNKNOWN_LEVEL = 1.5  # between "all levels" and intermediate
MIN_KEY_SKILLS = 3  # with fewer heavy skills, the career's name and work words stand in
THEMES = 6


@dataclass(frozen=True)
class Because:
    """Why a step comes after another: ``skill`` (taught here) builds on ``basis`` (there)."""

    step: int  # index of the earlier step in the ordered path
    skill: str  # want key
    basis: str  # want key
    source: str  # "guide" or "catalog"


@dataclass(frozen=True)
class Step:
    candidate: Candidate
    covers: tuple[str, ...]  # want keys this step is the first to cover
    after: tuple[Because, ...] = ()
    leads_to: tuple[Because, ...] = ()  # later steps that build on this one


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


def key_wants(
    wants: Sequence[Want], context: Mapping[str, float] | None = None
) -> tuple[Want, ...]:
    """The heavy skills; for a career that lists few (many O*NET occupations list none but
    office software), its name and the heaviest words of its work ("cooking", "menu")."""
    heavy = [want for want in wants if want.skill_id is not None and want.weight >= KEY_WEIGHT]
    if len(heavy) < MIN_KEY_SKILLS:
        named = [w for w in wants if w.skill_id is None and w.weight >= KEY_WEIGHT]
        heavy += named + _themes(context or {}, named)
    return tuple(sorted(heavy, key=lambda w: -w.weight)[:MAX_KEY_SKILLS])


def _themes(context: Mapping[str, float], named: Sequence[Want]) -> list[Want]:
    """The heaviest context words as wants, but those of the career's own name."""
    own = {
        stem for want in named for s in (want.label, *want.spellings) for stem in analyzers.stems(s)
    }
    terms = Context(context)
    themes: list[Want] = []
    for word in terms.heaviest(THEMES + len(own)):
        stem = analyzers.stems(word)[0]
        if stem not in own and len(themes) < THEMES:
            themes.append(Want(f"{THEME}{stem}", word, terms.by_stem[stem]))
    return themes


def build_path(
    candidates: Sequence[Candidate],
    wants: Sequence[Want],
    authored: Mapping[str, Sequence[str]] | None = None,
    context: Mapping[str, float] | None = None,
) -> Path:
    """The path over ``candidates`` (ranked matches) for the key ``wants`` (or, for a career
    with few skills, its ``context`` words); ``authored``: the guide's prerequisites, want
    key -> the want keys it builds on."""
    keys = key_wants(wants, context)
    chosen, uncovered = _cover(candidates, keys)
    relations = prerequisites(candidates, [w.key for w in keys], authored or {})
    return Path(_ordered(chosen, relations), keys, tuple(uncovered.values()))


def _cover(
    candidates: Sequence[Candidate], keys: Sequence[Want]
) -> tuple[list[Step], dict[str, Want]]:
    uncovered = {want.key: want for want in keys}
    pool = list(candidates)
    chosen: list[Step] = []
    while uncovered and pool and len(chosen) < MAX_STEPS:
        best = max(pool, key=lambda c: (_value(c, uncovered), -c.id))
        if _value(best, uncovered) < MIN_GAIN:
            break
        pool.remove(best)
        covers = tuple(key for key in uncovered if teaching(best, key) > 0)
        chosen.append(Step(best, covers))
        for key in covers:
            del uncovered[key]
    return chosen, uncovered


def _ordered(
    chosen: list[Step], relations: Mapping[tuple[str, str], Prerequisite]
) -> tuple[Step, ...]:
    """Steps in an order where each comes after those teaching what it builds on (a cycle,
    which derived relations can make, is broken at the lowest level)."""
    needs = {
        i: [
            (j, Because(j, skill, basis, relations[(basis, skill)].source))
            for j, other in enumerate(chosen)
            if j != i
            for skill in step.covers
            for basis in other.covers
            if (basis, skill) in relations
        ]
        for i, step in enumerate(chosen)
    }
    placed: list[int] = []
    while len(placed) < len(chosen):
        waiting = [i for i in range(len(chosen)) if i not in placed]
        ready = [i for i in waiting if all(j in placed for j, _ in needs[i])] or waiting
        placed.append(min(ready, key=lambda i: (_level(chosen[i].candidate), i)))
    position = {index: at for at, index in enumerate(placed)}
    befores = {
        i: tuple(
            Because(position[j], b.skill, b.basis, b.source)
            for j, b in needs[i]
            if position[j] < position[i]
        )
        for i in placed
    }
    return tuple(
        Step(
            chosen[i].candidate,
            chosen[i].covers,
            after=befores[i],
            leads_to=tuple(
                Because(position[k], b.skill, b.basis, b.source)
                for k in placed
                for b in befores[k]
                if b.step == position[i]
            ),
        )
        for i in placed
    )


def _level(candidate: Candidate) -> float:
    return LEVELS.get(candidate.level or "", UNKNOWN_LEVEL)


def _value(candidate: Candidate, uncovered: dict[str, Want]) -> float:
    gain = sum(want.weight * teaching(candidate, key) for key, want in uncovered.items())
    kind = 1.0 if candidate.kind == "course" else BOOK_FACTOR
    return gain * (0.6 + 0.4 * candidate.quality / MAX_QUALITY) * kind

"""Matching as the API and the pages ask for it: ranked, diversified, explained resources."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from courseatlas.catalog import repository as catalog
from courseatlas.catalog.models import Topic
from courseatlas.catalog.money import rates
from courseatlas.errors import NotFound
from courseatlas.matching import candidates, scoring
from courseatlas.matching.context import Context
from courseatlas.matching.path import Because, Path, Step, build_path
from courseatlas.matching.prerequisites import teaches
from courseatlas.matching.profiles import resource_profile
from courseatlas.matching.schemas import (
    Cost,
    LearningPath,
    MatchedResource,
    PathStep,
    Reason,
    SimilarPage,
)
from courseatlas.matching.wants import Profile, Want
from courseatlas.search.base import SearchBackend
from courseatlas.semantic.meaning import Meaning

ALTERNATIVES = 100  # ranked matches searched for free alternatives and a book
PATH_POOL = 200  # the ranked matches a learning path is chosen from (and ordered by)
WORDS = "words:"  # the key prefix of plain-words wants (see ``matching.wants``)
CONTEXT_WORDS = 4  # of the career's words a resource is about, shown as its reason


@dataclass
class Matches:
    profile: Profile
    weights: scoring.Weights
    ranked: list[scoring.Candidate]  # every qualifying candidate, best first

    def top(self, limit: int, kind: str | None = None) -> list[scoring.Candidate]:
        return scoring.diversify(self._of_kind(kind), self.weights, limit)

    def path(self) -> Path:
        profile = self.profile
        pool = self.ranked[:PATH_POOL]
        return build_path(pool, profile.wants, profile.prerequisites, profile.context)

    def chosen_from(self, limits: dict[str, int]) -> tuple[list[scoring.Candidate], float | None]:
        """What ``top`` (``limits``: kind -> results) and the learning path with its
        alternatives are chosen from: those candidates, and the lowest score a resource
        needs to be among them (None: a pool has room, so any qualifying resource is)."""
        pools = [(self.ranked[:PATH_POOL], PATH_POOL)]
        for kind, limit in limits.items():
            size = scoring.pool_size(limit)
            pools.append((self._of_kind(kind)[:size], size))
        chosen = list({c.id: c for pool, _ in pools for c in pool}.values())
        if any(len(pool) < size for pool, size in pools):
            return chosen, None
        return chosen, min(pool[-1].score for pool, _ in pools)

    def _of_kind(self, kind: str | None) -> list[scoring.Candidate]:
        return [c for c in self.ranked if kind is None or c.kind == kind]


def find_matches(
    session: Session, runtime: SearchBackend, profile: Profile, meaning: Meaning | None = None
) -> Matches:
    """The profile's candidates ranked; by meaning as well as by words when ``meaning`` is given."""
    if profile.is_empty:
        return Matches(profile, scoring.Weights({}), [])
    found = candidates.gather(session, runtime, profile, meaning=meaning)
    weights = scoring.Weights.of(profile.wants)
    return Matches(profile, weights, scoring.rank(found, weights))


def matched_resources(
    session: Session, matches: Matches, chosen: Sequence[scoring.Candidate]
) -> list[MatchedResource]:
    """The chosen candidates as API objects, in order, each with its reasons."""
    resources = catalog.resources_by_id(session, [c.id for c in chosen])
    topic_slugs = _topic_slugs(session, [c.topic for c in chosen if c.topic])
    wants = {want.key: want for want in matches.profile.wants}
    spelled = Context(matches.profile.context).words
    return [
        MatchedResource.of(
            resources[c.id],
            score=c.score,
            duration_hours=c.duration_hours,
            reasons=_reasons(c, wants, topic_slugs, spelled),
        )
        for c in chosen
        if c.id in resources
    ]


def learning_path(session: Session, matches: Matches) -> LearningPath:
    path = matches.path()
    # The career's own name helps choose steps but is no skill to list as covered or not.
    labels = {w.key: w.label for w in path.key_wants if not w.key.startswith(WORDS)}
    extras = _extras(matches, path)
    found = matched_resources(
        session, matches, [*(s.candidate for s in path.steps), *extras.values()]
    )
    resources = {resource.id: resource for resource in found}
    steps = [step for step in path.steps if step.candidate.id in resources]
    chosen = [resources[step.candidate.id] for step in steps]
    uncovered = [want.label for want in path.uncovered if want.key in labels]
    display = rates(session).display
    alternatives = {
        i: resources.get(extras[f"free:{i}"].id) for i in range(len(steps)) if f"free:{i}" in extras
    }
    return LearningPath(
        steps=[
            PathStep(
                position=i + 1,
                resource=resources[step.candidate.id],
                covers=[labels[k] for k in step.covers if k in labels],
                after=sorted({b.step + 1 for b in step.after}),
                why=explain(step, i, [s.candidate.title for s in steps], labels),
                free_alternative=alternatives.get(i),
            )
            for i, step in enumerate(steps)
        ],
        total_hours=path.total_hours,
        steps_without_hours=path.steps_without_hours,
        free_steps=sum(1 for r in chosen if r.price.free),
        cost=_cost(chosen, display),
        steps_without_price=sum(1 for r in chosen if not r.price.free and not _priced(r, display)),
        free_alternative=_first(resources, extras, "free"),
        book=_first(resources, extras, "book"),
        key_skills=list(labels.values()),
        covered=[label for key, label in labels.items() if label not in uncovered],
        uncovered=uncovered,
        notes=[f"no resource found for {label}" for label in uncovered],
    )


def _extras(matches: Matches, path: Path) -> dict[str, scoring.Candidate]:
    """What a path offers beside its steps, from the best matches not in it: for each paid
    step ("free:<index>") a free resource that teaches what the step is first to cover; a free
    one and a book ("free", "book") that teach a key skill, else the best free and book match."""
    in_path = {step.candidate.id for step in path.steps}
    pool = [c for c in matches.ranked[:ALTERNATIVES] if c.id not in in_path]
    keys = [want.key for want in path.key_wants]
    found: dict[str, scoring.Candidate] = {}
    for i, step in enumerate(path.steps):
        if step.candidate.free or not step.covers:
            continue
        free = next((c for c in pool if c.free and _teaches_any(c, step.covers)), None)
        if free is not None:
            found[f"free:{i}"] = free
    for name, fitting in (
        ("free", [c for c in pool if c.free]),
        ("book", [c for c in pool if c.kind == "book"]),
    ):
        best = next((c for c in fitting if _teaches_any(c, keys)), None) or next(
            iter(fitting), None
        )
        if best is not None:
            found[name] = best
    return found


def _teaches_any(candidate: scoring.Candidate, keys: Sequence[str]) -> bool:
    return any(teaches(candidate, key) for key in keys)


def _first(
    resources: dict[int, MatchedResource], extras: dict[str, scoring.Candidate], name: str
) -> MatchedResource | None:
    return resources.get(extras[name].id) if name in extras else None


def explain(step: Step, index: int, titles: Sequence[str], labels: dict[str, str]) -> str:
    """Why a step comes where it does, in a sentence."""
    if step.after:
        reasons = []
        for because in _one_per_step(step.after):
            source = " (the guide says so)" if because.source == "guide" else ""
            reasons.append(
                f"step {because.step + 1}, “{titles[because.step]}”, teaches "
                f"{labels[because.basis]}, which {labels[because.skill]} builds on{source}"
            )
        return "After " + "; and after ".join(reasons) + "."
    if step.leads_to:
        later = _one_per_step(step.leads_to)
        built = ", ".join(
            f"{labels[b.skill]} (step {b.step + 1}) builds on {labels[b.basis]}" for b in later
        )
        return f"A foundation, so it comes early: {built}."
    level = f"{step.candidate.level} level" if step.candidate.level else "Of no stated level"
    if index == 0:
        return f"{level.capitalize()}; nothing in this path has to come before it."
    return f"{level.capitalize()}; it builds on no earlier step, so it follows the lower levels."


def _one_per_step(found: Sequence[Because]) -> list[Because]:
    by_step: dict[int, Because] = {}
    for because in found:
        by_step.setdefault(because.step, because)
    return [by_step[s] for s in sorted(by_step)]


def _priced(resource: MatchedResource, display: str) -> bool:
    return resource.price.amount is not None and resource.price.currency == display


def _cost(chosen: Sequence[MatchedResource], display: str) -> Cost | None:
    """What the priced steps cost in the display currency (a price no rate converts is left
    out and counted among the steps without a price)."""
    amounts = [r.price.amount for r in chosen if not r.price.free and _priced(r, display)]
    total = sum((a for a in amounts if a is not None), Decimal(0))
    return Cost(currency=display, amount=total) if amounts else None


def similar(
    session: Session,
    runtime: SearchBackend,
    resource_id: int,
    limit: int,
    meaning: Meaning | None = None,
) -> SimilarPage:
    """More like this; remembered until the index changes (which any change to it causes)."""

    def compute() -> SimilarPage:
        resource = catalog.get_resource(session, resource_id)
        if resource is None:
            raise NotFound(f"no resource has id {resource_id}")
        matches = find_matches(session, runtime, resource_profile(session, resource), meaning)
        results = matched_resources(session, matches, matches.top(limit))
        return SimilarPage(resource_id=resource_id, results=results)

    return runtime.answer(("similar", resource_id, limit), compute)


def _reasons(
    candidate: scoring.Candidate,
    wants: dict[str, Want],
    topic_slugs: dict[str, str],
    spelled: dict[str, str],
) -> list[Reason]:
    reasons = [
        Reason(
            kind="skill" if wants[key].skill_id is not None else "words",
            name=wants[key].label,
            slug=wants[key].skill_slug,
            weight=wants[key].weight,
            evidence=candidate.how[key],
        )
        for key, strength in sorted(
            candidate.evidence.items(), key=lambda item: -wants[item[0]].weight * item[1]
        )
    ]
    if candidate.meaning > 0 and candidate.similarity is not None:
        reasons.append(
            Reason(
                kind="meaning",
                name="close in meaning",
                slug=None,
                weight=round(candidate.similarity, 3),
                evidence="embedding",
            )
        )
    if candidate.context:
        shared = sorted(candidate.context_found.items(), key=lambda item: -item[1])
        words = [spelled[stem] for stem, _ in shared if stem in spelled]
        reasons.append(
            Reason(
                kind="context",
                name=", ".join(words[:CONTEXT_WORDS]),
                slug=None,
                weight=round(candidate.context, 3),
                evidence="context",
            )
        )
    if candidate.topic:
        reasons.append(
            Reason(
                kind="topic",
                name=candidate.topic,
                slug=topic_slugs.get(candidate.topic),
                weight=1.0,
                evidence="topic",
            )
        )
    return reasons


def _topic_slugs(session: Session, paths: list[str]) -> dict[str, str]:
    if not paths:
        return {}
    return dict(session.execute(select(Topic.path, Topic.slug).where(Topic.path.in_(paths))).all())

"""Matching as the API and the pages ask for it: ranked, diversified, explained resources."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from courseatlas.catalog import repository as catalog
from courseatlas.catalog.models import Topic
from courseatlas.errors import NotFound
from courseatlas.matching import candidates, scoring
from courseatlas.matching.context import Context
from courseatlas.matching.path import Path, build_path
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

ALTERNATIVES = 40  # ranked matches searched for a free alternative and a book
CONTEXT_WORDS = 4  # of the career's words a resource is about, shown as its reason


@dataclass
class Matches:
    profile: Profile
    weights: scoring.Weights
    ranked: list[scoring.Candidate]  # every qualifying candidate, best first

    def top(self, limit: int, kind: str | None = None) -> list[scoring.Candidate]:
        pool = [c for c in self.ranked if kind is None or c.kind == kind]
        return scoring.diversify(pool, self.weights, limit)

    def path(self) -> Path:
        return build_path(self.ranked, self.profile.wants)


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
    found = matched_resources(session, matches, [step.candidate for step in path.steps])
    resources = {resource.id: resource for resource in found}
    steps = [step for step in path.steps if step.candidate.id in resources]
    labels = {want.key: want.label for want in path.key_wants}
    uncovered = [want.label for want in path.uncovered]
    chosen = [resources[step.candidate.id] for step in steps]
    others = [c for c in matches.ranked[:ALTERNATIVES] if c.id not in resources]
    pool = matched_resources(session, matches, others)
    return LearningPath(
        steps=[
            PathStep(
                position=i + 1,
                resource=resources[step.candidate.id],
                covers=[labels[k] for k in step.covers],
            )
            for i, step in enumerate(steps)
        ],
        total_hours=path.total_hours,
        steps_without_hours=path.steps_without_hours,
        free_steps=sum(1 for r in chosen if r.price.free),
        cost=_costs(chosen),
        steps_without_price=sum(1 for r in chosen if not r.price.free and r.price.amount is None),
        free_alternative=next((r for r in pool if r.price.free), None),
        book=next((r for r in pool if r.kind == "book"), None),
        key_skills=list(labels.values()),
        covered=[label for key, label in labels.items() if label not in uncovered],
        uncovered=uncovered,
        notes=[f"no resource found for {label}" for label in uncovered],
    )


def _costs(chosen: Sequence[MatchedResource]) -> list[Cost]:
    totals: dict[str, Decimal] = {}
    for resource in chosen:
        price = resource.price
        if not price.free and price.amount is not None and price.currency:
            totals[price.currency] = totals.get(price.currency, Decimal(0)) + price.amount
    return [Cost(currency=c, amount=a) for c, a in sorted(totals.items())]


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

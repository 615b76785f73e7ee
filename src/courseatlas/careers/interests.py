"""Careers by interest: Holland's RIASEC types, as O*NET rates each occupation (1 to 7)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from courseatlas.careers.models import Career, Occupation
from courseatlas.careers.onet import RIASEC
from courseatlas.careers.schemas import CareerSummary
from courseatlas.errors import NotFound

# What each type likes to do, in O*NET's words (the Interest Profiler's descriptions).
DESCRIPTIONS = {
    "Realistic": "Work with things: building, repairing, operating machines, working outdoors.",
    "Investigative": "Work with ideas: studying, researching, solving problems with thought.",
    "Artistic": "Work with forms, designs and patterns: creating, self-expression, few rules.",
    "Social": "Work with people: helping, teaching, caring for and serving others.",
    "Enterprising": "Work with people toward goals: leading, persuading, starting projects.",
    "Conventional": "Work with data and detail: organising, keeping records, clear procedures.",
}


@dataclass(frozen=True)
class Interest:
    code: str  # "R"
    name: str  # "Realistic"
    slug: str  # "realistic": the page's address
    description: str


INTERESTS = tuple(Interest(n[0], n, n.lower(), DESCRIPTIONS[n]) for n in RIASEC)


def interest(code: str) -> Interest:
    """By its letter or its name, in any case; NotFound otherwise."""
    wanted = code.strip().lower()
    for found in INTERESTS:
        if wanted in (found.code.lower(), found.slug):
            return found
    raise NotFound(f"no interest is called {code!r}: one of {', '.join(i.slug for i in INTERESTS)}")


def careers_for(session: Session, found: Interest) -> list[tuple[CareerSummary, float]]:
    """Careers whose occupation has this type as its first high point, the strongest first,
    each with its score (1 to 7)."""
    rows = session.execute(
        select(Career, Occupation.interests).join(Occupation, Occupation.code == Career.onet_code)
    ).all()
    ranked = [
        (career, float(interests.get("scores", {}).get(found.name, 0.0)))
        for career, interests in rows
        if interests.get("high_point", [])[:1] == [found.name]
    ]
    ranked.sort(key=lambda item: (-item[1], item[0].origin != "guide", item[0].title))
    return [(CareerSummary.of(c, matched_title=None), score) for c, score in ranked]

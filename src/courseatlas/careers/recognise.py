"""Careers and skills named in free text ("become a backend engineer", "SQL for data analysis").

Careers are found by any of their titles, skills by any of their spellings; longer names win
over the shorter ones inside them. Only the keys the text could contain are looked up, so
the cost does not grow with the 56,000 O*NET titles or the skill vocabulary.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from courseatlas.careers.models import Career, CareerTitle
from courseatlas.careers.names import title_key
from courseatlas.catalog.mentions import Mention, candidate_keys, find_mentions
from courseatlas.catalog.models import Skill
from courseatlas.matching.recognise import named, skill_names
from courseatlas.text import alias_key, words

MAX_WORDS = 40
MAX_CAREERS_PER_NAME = 3  # a name shared by more careers ("Engineer") recognises none


@dataclass
class Recognised:
    careers: list[Mention[list[Career]]] = field(default_factory=list)
    skills: list[Mention[Skill]] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)


def recognise(session: Session, text: str) -> Recognised:
    tokens = words(text)[:MAX_WORDS]
    taken: set[int] = set()
    careers = find_mentions(tokens, career_names(session, tokens), key=title_key, taken=taken)
    skills = find_mentions(
        tokens, skill_names(session, tokens), key=alias_key, taken=taken, accept=named
    )
    return Recognised(careers, skills, tokens)


def career_names(session: Session, tokens: list[str]) -> dict[str, list[Career]]:
    """Title key -> the careers it designates most strongly (at most a few)."""
    keys = candidate_keys(tokens, title_key)
    rows = session.execute(
        select(CareerTitle.key, CareerTitle.rank, Career)
        .join(Career, Career.id == CareerTitle.career_id)
        .where(CareerTitle.key.in_(keys))
    ).all()
    by_key: dict[str, list[tuple[int, Career]]] = defaultdict(list)
    for key, rank, career in rows:
        by_key[key].append((rank, career))
    found = {}
    for key, ranked in by_key.items():
        best = min(rank for rank, _ in ranked)
        careers = sorted((c for rank, c in ranked if rank == best), key=lambda c: c.id)
        if len(careers) <= MAX_CAREERS_PER_NAME:
            found[key] = careers
    return found

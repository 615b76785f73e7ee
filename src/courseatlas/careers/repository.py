"""Career queries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from courseatlas.careers.models import Career, CareerTitle, CareerTopic, Occupation

MAX_RELATED = 10
# A key this short ("rn", "ceo") is a name of its own, not a part of longer ones ("learning").
EXACT_KEY = 3
GUIDES_FIRST: tuple[Any, ...] = (
    Career.origin != "guide",
    Career.title,
    Career.id,
)


def career_by_slug(session: Session, slug: str) -> Career | None:
    return session.scalar(select(Career).where(Career.slug == slug))


def occupation(session: Session, code: str | None) -> Occupation | None:
    return session.get(Occupation, code) if code else None


def list_careers(
    session: Session, field_slug: str | None, title_key: str | None, offset: int, limit: int
) -> tuple[int, list[tuple[Career, str | None]]]:
    """A page of careers and the exact total; with ``title_key``, those with a title that
    contains it (best-ranked names first), each with the title that matched."""
    query: Select[Career] = select(Career)
    order: tuple[Any, ...] = GUIDES_FIRST
    if title_key:
        best = (
            select(CareerTitle.career_id, func.min(CareerTitle.rank).label("rank"))
            .where(_key_matches(title_key))
            .group_by(CareerTitle.career_id)
            .subquery()
        )
        query = query.join(best, best.c.career_id == Career.id)
        order = (best.c.rank, *GUIDES_FIRST)
    if field_slug:
        query = query.where(Career.field_slug == field_slug)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    careers = list(session.scalars(query.order_by(*order).offset(offset).limit(limit)))
    matched = _matched_titles(session, [c.id for c in careers], title_key) if title_key else {}
    return total, [(career, matched.get(career.id)) for career in careers]


def _key_matches(title_key: str) -> ColumnElement[bool]:
    if len(title_key) <= EXACT_KEY:
        return CareerTitle.key == title_key
    return CareerTitle.key.contains(title_key, autoescape=True)


def _matched_titles(session: Session, ids: list[int], title_key: str) -> dict[int, str]:
    rows = session.execute(
        select(CareerTitle.career_id, CareerTitle.title)
        .where(CareerTitle.career_id.in_(ids), _key_matches(title_key))
        .order_by(CareerTitle.career_id, CareerTitle.rank, func.length(CareerTitle.title))
    )
    found: dict[int, str] = {}
    for career_id, title in rows:
        found.setdefault(career_id, title)
    return found


def field_counts(session: Session) -> list[tuple[str, str, int]]:
    """(slug, name, careers) of every field, largest first."""
    rows = session.execute(
        select(Career.field_slug, Career.field, func.count())
        .where(Career.field_slug.is_not(None))
        .group_by(Career.field_slug, Career.field)
    ).all()
    return sorted(((s, n, c) for s, n, c in rows if s and n), key=lambda row: (-row[2], row[0]))


def related_careers(session: Session, career: Career, onet_codes: Sequence[str]) -> list[Career]:
    """The guide's related careers in its order, then those of O*NET's related occupations."""
    by_slug = {
        c.slug: c
        for c in session.scalars(select(Career).where(Career.slug.in_(career.related_slugs)))
    }
    found = [by_slug[slug] for slug in career.related_slugs if slug in by_slug]
    if onet_codes:
        rank = {code: i for i, code in enumerate(onet_codes)}
        others = session.scalars(select(Career).where(Career.onet_code.in_(onet_codes)))
        found += sorted(others, key=lambda c: (rank[c.onet_code or ""], c.origin != "guide"))
    unique = {c.id: c for c in found if c.id != career.id}
    return list(unique.values())[:MAX_RELATED]


def careers_for_topic(session: Session, path: str, limit: int = MAX_RELATED) -> list[Career]:
    """Careers studying this topic: exactly, a subtopic of it, or a topic that contains it."""
    ancestors = [" > ".join(path.split(" > ")[:n]) for n in range(1, path.count(" > ") + 1)]
    rows = session.execute(
        select(Career, CareerTopic.path, CareerTopic.position)
        .join(CareerTopic, CareerTopic.career_id == Career.id)
        .where(
            or_(
                CareerTopic.path == path,
                CareerTopic.path.startswith(path + " > ", autoescape=True),
                CareerTopic.path.in_(ancestors),
            )
        )
    ).all()

    def closeness(found: str) -> int:
        return 0 if found == path else 1 if found.startswith(path) else 2

    ordered = sorted(rows, key=lambda row: (closeness(row[1]), row[2], row[0].title))
    unique = {career.id: career for career, _, _ in ordered}
    return list(unique.values())[:limit]

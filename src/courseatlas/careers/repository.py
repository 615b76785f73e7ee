"""Career queries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from courseatlas.careers import names
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


def careers_version(session: Session) -> tuple[int, str]:
    """Changes whenever a career is added, removed or changed: for answers built from them."""
    count, latest = session.execute(select(func.count(), func.max(Career.updated_at))).one()
    return count, latest.isoformat() if latest else ""


def occupation(session: Session, code: str | None) -> Occupation | None:
    return session.get(Occupation, code) if code else None


def list_careers(
    session: Session, field_slug: str | None, offset: int, limit: int
) -> tuple[int, list[Career]]:
    """A page of careers, authored guides first, and the exact total."""
    query: Select[Career] = select(Career)
    if field_slug:
        query = query.where(Career.field_slug == field_slug)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    careers = list(session.scalars(query.order_by(*GUIDES_FIRST).offset(offset).limit(limit)))
    return total, careers


def search_careers(
    session: Session, field_slug: str | None, searched: list[list[str]], offset: int, limit: int
) -> tuple[int, list[tuple[Career, str]]]:
    """A page of the careers one of whose titles holds the searched words (any spelling of
    them), each with the title that matched, and the exact total. A title that is the words
    searched comes first, then the strongest names, then the least specific careers."""
    keys = {"".join(words) for words in searched if words}
    if not keys:
        return 0, []
    query = select(CareerTitle.career_id, CareerTitle.title, CareerTitle.rank).where(
        or_(*(_key_matches(key) for key in keys))
    )
    if field_slug:
        query = query.join(Career, Career.id == CareerTitle.career_id).where(
            Career.field_slug == field_slug
        )
    best: dict[int, tuple[int, int, int, str]] = {}
    for career_id, title, rank in session.execute(query):
        how = names.fit(searched, title)
        order = (how, rank, len(title), title) if how is not None else None
        if order is not None and (career_id not in best or order < best[career_id]):
            best[career_id] = order
    facts = {
        row.id: (row.origin != "guide", len(row.title), row.title)
        for row in session.execute(
            select(Career.id, Career.origin, Career.title).where(Career.id.in_(list(best)))
        )
    }
    ranked = sorted(best, key=lambda i: (*best[i][:2], *facts[i], i))
    page = ranked[offset : offset + limit]
    careers = {c.id: c for c in session.scalars(select(Career).where(Career.id.in_(page)))}
    return len(ranked), [(careers[i], best[i][3]) for i in page]


def _key_matches(title_key: str) -> ColumnElement[bool]:
    if len(title_key) <= EXACT_KEY:
        return CareerTitle.key == title_key
    return CareerTitle.key.contains(title_key, autoescape=True)


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

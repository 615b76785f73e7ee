"""Stored career matches: the rows, their terms, who touched them and who computes them."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import islice

from sqlalchemy import ColumnElement, and_, delete, insert, literal, or_, select, update
from sqlalchemy.orm import Session

from courseatlas.careers.models import Career, CareerMatches, CareerMatchTerm
from courseatlas.db.base import Base, utcnow
from courseatlas.db.bulk import bulk_insert

CHUNK = 500  # values per IN (...): well under every database's limit of parameters


@dataclass(frozen=True)
class Computed:
    payload: str  # ``CareerMatchesOut`` as JSON
    terms: set[str]  # what a change must share with the career to touch them
    cutoff: float | None  # the score a changed resource must reach; None: any reaching it
    ranked: str  # the best ranked candidates, as JSON


def fresh_payload(session: Session, career_id: int, profile_hash: str) -> str | None:
    """The stored matches, unless a change touched them since or the profile differs."""
    row = _fresh_row(session, career_id, profile_hash)
    return row.payload if row is not None else None


def fresh_ranked(session: Session, career_id: int, profile_hash: str) -> str | None:
    """The best ranked candidates stored with the matches, while those are fresh."""
    row = _fresh_row(session, career_id, profile_hash)
    return row.ranked if row is not None else None


def _fresh_row(session: Session, career_id: int, profile_hash: str) -> CareerMatches | None:
    row = session.get(CareerMatches, career_id)
    if row is None or row.payload is None or row.profile_hash != profile_hash:
        return None
    return row if row.computed_at is not None and row.computed_at >= row.touched_at else None


def save(
    session: Session, career_id: int, computed: Computed, profile_hash: str, floor: int
) -> None:
    """Store matches computed from an index at ``floor``, unless newer ones are stored."""
    row = session.get(CareerMatches, career_id)
    if row is None:
        row = CareerMatches(career_id=career_id, touched_at=0)
        session.add(row)
    elif row.profile_hash == profile_hash and (row.computed_at or -1) > floor:
        return
    row.payload, row.cutoff, row.ranked = computed.payload, computed.cutoff, computed.ranked
    row.profile_hash, row.computed_at = profile_hash, floor
    row.claimed_until, row.updated_at = None, utcnow()
    session.execute(delete(CareerMatchTerm).where(CareerMatchTerm.career_id == career_id))
    session.flush()
    table = Base.metadata.tables[CareerMatchTerm.__tablename__]
    rows = [{"term": t, "career_id": career_id} for t in sorted(computed.terms)]
    bulk_insert(session, table, rows)


def reached(session: Session, terms: set[str]) -> dict[int, set[str]]:
    """The careers holding one of ``terms``, each with those it holds."""
    found: dict[int, set[str]] = {}
    for chunk in _chunks(sorted(terms)):
        rows = session.execute(
            select(CareerMatchTerm.career_id, CareerMatchTerm.term).where(
                CareerMatchTerm.term.in_(chunk)
            )
        )
        for career_id, term in rows:
            found.setdefault(career_id, set()).add(term)
    return found


def cutoffs(session: Session, career_ids: Collection[int]) -> dict[int, float | None]:
    """The fresh stored matches among ``career_ids``, each with its cutoff."""
    found: dict[int, float | None] = {}
    for chunk in _chunks(sorted(career_ids)):
        rows = session.execute(
            select(CareerMatches.career_id, CareerMatches.cutoff).where(
                CareerMatches.career_id.in_(chunk), _fresh()
            )
        )
        found.update((career_id, cutoff) for career_id, cutoff in rows)
    return found


def touch(session: Session, career_ids: Collection[int] | None, change_id: int) -> int:
    """Mark stale the stored matches of ``career_ids`` (None: every career) as of
    ``change_id``; returns how many were fresh before."""
    later = CareerMatches.touched_at < change_id
    if career_ids is None:
        return _touch(session, [later], change_id)
    return sum(
        _touch(session, [later, CareerMatches.career_id.in_(chunk)], change_id)
        for chunk in _chunks(sorted(career_ids))
    )


def discard_all(session: Session) -> None:
    """What careers want changed (an import of guides or occupations): compute them anew."""
    session.execute(update(CareerMatches).values(computed_at=None))


def add_missing(session: Session) -> None:
    """A row for every career, so that those never computed are claimed like stale ones."""
    stored = select(CareerMatches.career_id).where(CareerMatches.career_id == Career.id)
    session.execute(
        insert(CareerMatches).from_select(
            ["career_id", "touched_at", "updated_at"],
            select(Career.id, literal(0), literal(utcnow(), CareerMatches.updated_at.type)).where(
                ~stored.exists()
            ),
        )
    )


def claim_next(session: Session, floor: int, seconds: float) -> int | None:
    """The next stale career that an index at ``floor`` can compute, claimed for ``seconds``
    (authored guides first); None when there is none."""
    now = utcnow()
    while True:
        career_id = session.scalar(
            select(CareerMatches.career_id)
            .join(Career, Career.id == CareerMatches.career_id)
            .where(_stale(), _unclaimed(now), CareerMatches.touched_at <= floor)
            .order_by(Career.origin != "guide", Career.id)
            .limit(1)
        )
        if career_id is None:
            return None
        claimed = session.execute(
            update(CareerMatches)
            .where(CareerMatches.career_id == career_id, _unclaimed(now))
            .values(claimed_until=now + timedelta(seconds=seconds))
        )
        if claimed.rowcount == 1:  # type: ignore[attr-defined]
            return career_id


def any_fresh(session: Session) -> bool:
    return session.scalar(select(CareerMatches.career_id).where(_fresh()).limit(1)) is not None


def stale_count(session: Session) -> int:
    rows = session.scalars(select(CareerMatches.career_id).where(_stale()))
    return len(list(rows))


def _touch(session: Session, where: list[ColumnElement[bool]], change_id: int) -> int:
    count = len(list(session.scalars(select(CareerMatches.career_id).where(*where, _fresh()))))
    session.execute(update(CareerMatches).where(*where).values(touched_at=change_id))
    return count


def _fresh() -> ColumnElement[bool]:
    return and_(CareerMatches.computed_at.is_not(None), ~_stale())


def _stale() -> ColumnElement[bool]:
    return or_(
        CareerMatches.computed_at.is_(None), CareerMatches.computed_at < CareerMatches.touched_at
    )


def _unclaimed(now: datetime) -> ColumnElement[bool]:
    return or_(CareerMatches.claimed_until.is_(None), CareerMatches.claimed_until < now)


def _chunks(values: Iterable[object]) -> Iterator[list[object]]:
    it = iter(values)
    while chunk := list(islice(it, CHUNK)):
        yield chunk

"""List queries. Every look-up of a list takes its owner: another learner's list is not found."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from courseatlas.catalog.models import Resource
from courseatlas.lists.models import ListItem, SavedList


def lists_of(session: Session, user_id: int) -> Sequence[SavedList]:
    query = (
        select(SavedList)
        .where(SavedList.user_id == user_id)
        .order_by(SavedList.is_default.desc(), SavedList.id)
    )
    return session.scalars(query).all()


def owned_list(session: Session, user_id: int, list_id: int) -> SavedList | None:
    query = select(SavedList).where(SavedList.id == list_id, SavedList.user_id == user_id)
    return session.scalar(query)


def default_list(session: Session, user_id: int) -> SavedList | None:
    query = select(SavedList).where(SavedList.user_id == user_id, SavedList.is_default)
    return session.scalar(query)


def career_list(session: Session, user_id: int, career_slug: str) -> SavedList | None:
    query = select(SavedList).where(
        SavedList.user_id == user_id, SavedList.career_slug == career_slug
    )
    return session.scalars(query.order_by(SavedList.id)).first()


def public_list(session: Session, share_id: str) -> SavedList | None:
    query = select(SavedList).where(
        SavedList.share_id == share_id, SavedList.visibility == "public"
    )
    return session.scalar(query)


def items_of(session: Session, list_id: int) -> Sequence[tuple[ListItem, Resource]]:
    """A list's items in order, with their resources; taken-down resources are left out."""
    rows = session.execute(
        select(ListItem, Resource)
        .join(Resource, Resource.id == ListItem.resource_id)
        .where(ListItem.list_id == list_id, Resource.hidden_at.is_(None))
        .order_by(ListItem.position, ListItem.added_at)
    ).all()
    return [(item, resource) for item, resource in rows]


def item(session: Session, list_id: int, resource_id: int) -> ListItem | None:
    return session.get(ListItem, (list_id, resource_id))


def next_position(session: Session, list_id: int) -> int:
    query = select(func.coalesce(func.max(ListItem.position), 0)).where(ListItem.list_id == list_id)
    return (session.scalar(query) or 0) + 1


def ordered_items(session: Session, list_id: int) -> list[ListItem]:
    query = select(ListItem).where(ListItem.list_id == list_id)
    return list(session.scalars(query.order_by(ListItem.position, ListItem.added_at)))


def item_counts(session: Session, list_ids: Sequence[int]) -> dict[int, int]:
    if not list_ids:
        return {}
    query = (
        select(ListItem.list_id, func.count())
        .join(Resource, Resource.id == ListItem.resource_id)
        .where(ListItem.list_id.in_(list_ids), Resource.hidden_at.is_(None))
        .group_by(ListItem.list_id)
    )
    return {list_id: count for list_id, count in session.execute(query).all()}


def recent_resource_ids(session: Session, user_id: int, limit: int) -> list[int]:
    """What a learner saved last, across their lists."""
    query = (
        select(ListItem.resource_id)
        .join(SavedList, SavedList.id == ListItem.list_id)
        .where(SavedList.user_id == user_id)
        .order_by(ListItem.added_at.desc())
        .limit(limit)
    )
    return list(dict.fromkeys(session.scalars(query)))


def saved_resource_ids(session: Session, user_id: int) -> set[int]:
    query = (
        select(ListItem.resource_id)
        .join(SavedList, SavedList.id == ListItem.list_id)
        .where(SavedList.user_id == user_id)
    )
    return set(session.scalars(query))

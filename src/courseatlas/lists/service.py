"""List rules: the default "Saved" list, items with note, order and status, sharing, paths."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import structlog
from sqlalchemy.orm import Session

from courseatlas.catalog import repository as catalog
from courseatlas.catalog.models import Resource
from courseatlas.catalog.schemas import ResourceSummary
from courseatlas.db.base import utcnow
from courseatlas.errors import Conflict, InvalidInput, NotFound
from courseatlas.lists import repository
from courseatlas.lists.models import ListItem, SavedList
from courseatlas.lists.schemas import (
    ItemIn,
    ItemOut,
    ItemPatch,
    ListDetail,
    ListIn,
    ListOut,
    ListPatch,
)

log = structlog.get_logger(__name__)

DEFAULT_TITLE = "Saved"
MAX_LISTS = 200
MAX_ITEMS = 2000


def ensure_default(session: Session, user_id: int) -> SavedList:
    found = repository.default_list(session, user_id)
    if found is None:
        found = SavedList(user_id=user_id, title=DEFAULT_TITLE, is_default=True, description="")
        session.add(found)
        session.flush()
    return found


def lists_of(session: Session, user_id: int) -> Sequence[SavedList]:
    ensure_default(session, user_id)
    return repository.lists_of(session, user_id)


def get_list(session: Session, user_id: int, list_id: int) -> SavedList:
    """The learner's own list; anyone else's is not found (never "forbidden")."""
    found = repository.owned_list(session, user_id, list_id)
    if found is None:
        raise NotFound(f"You have no list {list_id}.")
    return found


def create_list(
    session: Session, user_id: int, data: ListIn, career_slug: str | None = None
) -> SavedList:
    if len(repository.lists_of(session, user_id)) >= MAX_LISTS:
        raise InvalidInput(f"A learner can keep at most {MAX_LISTS} lists.")
    saved = SavedList(
        user_id=user_id,
        title=_clean_title(data.title),
        description=data.description.strip(),
        visibility="private",
        career_slug=career_slug,
    )
    session.add(saved)
    _set_visibility(saved, data.visibility)
    session.flush()
    return saved


def update_list(session: Session, user_id: int, list_id: int, patch: ListPatch) -> SavedList:
    saved = get_list(session, user_id, list_id)
    if patch.title is not None:
        saved.title = _clean_title(patch.title)
    if patch.description is not None:
        saved.description = patch.description.strip()
    if patch.visibility is not None:
        _set_visibility(saved, patch.visibility)
    saved.updated_at = utcnow()
    return saved


def delete_list(session: Session, user_id: int, list_id: int) -> None:
    saved = get_list(session, user_id, list_id)
    if saved.is_default:
        raise InvalidInput("The Saved list stays; remove its items instead.")
    session.delete(saved)


def add_item(session: Session, user_id: int, list_id: int, data: ItemIn) -> ListItem:
    saved = get_list(session, user_id, list_id)
    _visible_resource(session, data.resource_id)
    if repository.item(session, saved.id, data.resource_id) is not None:
        raise Conflict(f"Resource {data.resource_id} is already in this list.")
    if repository.next_position(session, saved.id) > MAX_ITEMS:
        raise InvalidInput(f"A list holds at most {MAX_ITEMS} items.")
    item = ListItem(
        list_id=saved.id,
        resource_id=data.resource_id,
        position=repository.next_position(session, saved.id),
        note=data.note.strip(),
    )
    _set_status(item, data.status, data.done_on)
    session.add(item)
    saved.updated_at = utcnow()
    session.flush()
    return item


def save(
    session: Session, user_id: int, resource_id: int, list_id: int | None = None
) -> tuple[SavedList, bool]:
    """Save to a list (the default one unless told); idempotent. Returns the list and whether
    the item is new."""
    saved = get_list(session, user_id, list_id) if list_id else ensure_default(session, user_id)
    if repository.item(session, saved.id, resource_id) is not None:
        _visible_resource(session, resource_id)
        return saved, False
    add_item(session, user_id, saved.id, ItemIn(resource_id=resource_id))
    return saved, True


def update_item(
    session: Session, user_id: int, list_id: int, resource_id: int, patch: ItemPatch
) -> ListItem:
    saved = get_list(session, user_id, list_id)
    item = _item(session, saved.id, resource_id)
    if patch.note is not None:
        item.note = patch.note.strip()
    if patch.status is not None or patch.done_on is not None:
        _set_status(item, patch.status or item.status, patch.done_on)
    if patch.position is not None:
        _move(session, saved.id, item, patch.position)
    saved.updated_at = utcnow()
    return item


def remove_item(session: Session, user_id: int, list_id: int, resource_id: int) -> None:
    saved = get_list(session, user_id, list_id)
    session.delete(_item(session, saved.id, resource_id))
    saved.updated_at = utcnow()


def move_item(session: Session, user_id: int, list_id: int, resource_id: int, step: int) -> None:
    """One place up (-1) or down (+1): the no-JavaScript way to reorder."""
    saved = get_list(session, user_id, list_id)
    items = repository.ordered_items(session, saved.id)
    index = next((i for i, it in enumerate(items) if it.resource_id == resource_id), None)
    if index is None:
        raise NotFound(f"Resource {resource_id} is not in this list.")
    _move(session, saved.id, items[index], max(1, index + 1 + step))


def detail(session: Session, saved: SavedList, origin: str) -> ListDetail:
    rows = repository.items_of(session, saved.id)
    items = [_item_out(item, resource) for item, resource in rows]
    return ListDetail(**summary(saved, len(items), origin).model_dump(), items=items)


def summary(saved: SavedList, count: int, origin: str) -> ListOut:
    return ListOut(
        id=saved.id,
        title=saved.title,
        description=saved.description,
        visibility="public" if saved.visibility == "public" else "private",
        share_url=share_url(origin, saved),
        is_default=saved.is_default,
        career_slug=saved.career_slug,
        item_count=count,
        created_at=saved.created_at,
        updated_at=saved.updated_at,
    )


def summaries(session: Session, user_id: int, origin: str) -> list[ListOut]:
    lists = lists_of(session, user_id)
    counts = repository.item_counts(session, [saved.id for saved in lists])
    return [summary(saved, counts.get(saved.id, 0), origin) for saved in lists]


def share_url(origin: str, saved: SavedList) -> str | None:
    if saved.visibility != "public" or not saved.share_id:
        return None
    return f"{origin}/lists/{saved.share_id}"


def public_list(session: Session, share_id: str) -> SavedList:
    found = repository.public_list(session, share_id) if len(share_id) <= 40 else None
    if found is None:
        raise NotFound(
            "There is no public list at this address. Its owner may have made it private."
        )
    return found


@dataclass(frozen=True)
class Progress:
    list_id: int
    done: int
    taking: int
    total: int


def progress(session: Session, saved: SavedList) -> Progress:
    statuses = [item.status for item, _ in repository.items_of(session, saved.id)]
    return Progress(saved.id, statuses.count("done"), statuses.count("taking"), len(statuses))


def _item_out(item: ListItem, resource: Resource) -> ItemOut:
    return ItemOut(
        resource=ResourceSummary.of(resource),
        position=item.position,
        note=item.note,
        status="done" if item.status == "done" else "taking" if item.status == "taking" else "want",
        done_on=item.done_on,
        added_at=item.added_at,
    )


def _visible_resource(session: Session, resource_id: int) -> Resource:
    resource = catalog.get_resource(session, resource_id)
    if resource is None:
        raise InvalidInput(f"No course or book has id {resource_id}.")
    return resource


def _item(session: Session, list_id: int, resource_id: int) -> ListItem:
    item = repository.item(session, list_id, resource_id)
    if item is None:
        raise NotFound(f"Resource {resource_id} is not in this list.")
    return item


def _set_status(item: ListItem, status: str, done_on: date | None) -> None:
    item.status = status
    if status == "done":
        item.done_on = done_on or item.done_on or date.today()
    elif done_on is not None:
        raise InvalidInput("Only a done item has a date it was done.")
    else:
        item.done_on = None


def _set_visibility(saved: SavedList, visibility: str) -> None:
    saved.visibility = visibility
    if visibility == "public" and not saved.share_id:
        saved.share_id = secrets.token_urlsafe(16)  # 128 bits: not guessable, not listed


def _move(session: Session, list_id: int, item: ListItem, position: int) -> None:
    items = [it for it in repository.ordered_items(session, list_id) if it is not item]
    items.insert(min(position, len(items) + 1) - 1, item)
    for number, it in enumerate(items, start=1):
        it.position = number


def _clean_title(title: str) -> str:
    cleaned = title.strip()
    if not cleaned:
        raise InvalidInput("Give the list a title.")
    return cleaned

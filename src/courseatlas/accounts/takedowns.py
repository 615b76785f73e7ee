"""Takedowns: an admin hides a resource from the site, search and sitemaps without deleting it."""

from __future__ import annotations

from collections.abc import Sequence

import structlog
from sqlalchemy import select
from sqlalchemy.orm import Session

from courseatlas.catalog.models import Resource
from courseatlas.db.base import utcnow
from courseatlas.errors import InvalidInput, NotFound
from courseatlas.ingest.changelog import SearchChange

log = structlog.get_logger(__name__)
MAX_REASON = 500


def hide(session: Session, resource_id: int, reason: str, admin_id: int) -> Resource:
    resource = _resource(session, resource_id)
    reason = reason.strip()
    if not reason or len(reason) > MAX_REASON:
        raise InvalidInput(f"Give the reason for the takedown in 1 to {MAX_REASON} characters.")
    resource.hidden_at, resource.hidden_reason = utcnow(), reason
    # The change log takes it out of every search index, as it would a deleted resource.
    session.add(SearchChange(resource_id=resource.id))
    log.info("resource_hidden", resource_id=resource.id, admin_id=admin_id)
    return resource


def restore(session: Session, resource_id: int, admin_id: int) -> Resource:
    resource = _resource(session, resource_id)
    resource.hidden_at, resource.hidden_reason = None, None
    session.add(SearchChange(resource_id=resource.id))
    log.info("resource_restored", resource_id=resource.id, admin_id=admin_id)
    return resource


def hidden(session: Session) -> Sequence[Resource]:
    query = select(Resource).where(Resource.hidden_at.is_not(None)).order_by(Resource.hidden_at)
    return session.scalars(query).all()


def _resource(session: Session, resource_id: int) -> Resource:
    resource = session.get(Resource, resource_id)
    if resource is None:
        raise NotFound(f"no resource has id {resource_id}")
    return resource

"""The outbound link: the redirect target of ``/go/{id}`` and the click it records."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from courseatlas.errors import NotFound
from courseatlas.referrals import repository
from courseatlas.referrals.bots import is_bot
from courseatlas.referrals.recorder import ClickRecorder
from courseatlas.referrals.repository import ClickEvent
from courseatlas.referrals.targets import is_web_address, route
from courseatlas.referrals.visitors import visitor_key


@dataclass(frozen=True)
class Visit:
    """Who followed the link, from where; only its hash is ever stored."""

    address: str
    user_agent: str
    page: str
    at: datetime


def follow(
    session: Session,
    resource_id: int,
    visit: Visit | None,
    recorder: ClickRecorder | None,
    secret_key: str,
) -> str:
    """The URL to send the visitor to; queues the click when ``visit`` and ``recorder`` are given."""
    link = repository.outbound_link(session, resource_id)
    if link is None or link.url is None or not is_web_address(link.url):
        raise NotFound("This course or book has no address we can send you to.")
    click_id = secrets.token_hex(16)
    target, partner_id = route(link.url, link.partner, click_id, resource_id)
    if visit is not None and recorder is not None:
        recorder.record(
            ClickEvent(
                click_id=click_id,
                resource_id=resource_id,
                partner_id=partner_id,
                page=visit.page,
                at=visit.at,
                visitor=visitor_key(secret_key, visit.at.date(), visit.address, visit.user_agent),
                bot=is_bot(visit.user_agent),
            )
        )
    return target

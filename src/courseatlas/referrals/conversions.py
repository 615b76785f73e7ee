"""Partners' signed conversion reports: the signature scheme, and recording them idempotently.

Scheme: ``X-Courseatlas-Timestamp`` holds Unix seconds; ``X-Courseatlas-Signature`` holds
``sha256=`` and the hex HMAC-SHA256 of ``timestamp + "." + raw body`` keyed by the partner's
secret. A timestamp more than five minutes from our clock is refused, so a captured request
cannot be replayed later; within the window a replay finds its ``order_id`` and changes nothing.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

from pydantic import ValidationError
from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from courseatlas.errors import InvalidInput, Unauthorized
from courseatlas.referrals.models import Click, Conversion, Partner
from courseatlas.referrals.schemas import ConversionIn, ConversionOut

WINDOW_SECONDS = 300
SIGNATURE_PREFIX = "sha256="


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """The header value a partner sends: what both sides compute."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return SIGNATURE_PREFIX + digest.hexdigest()


def verify(
    secret: str | None, timestamp: str | None, signed: str | None, body: bytes, now: float
) -> None:
    """Raise ``Unauthorized`` unless the request is signed by ``secret`` within the window."""
    if not secret:
        raise Unauthorized("This partner has no webhook secret yet; the operator makes one.")
    if timestamp is None or not timestamp.isascii() or not timestamp.isdigit():
        raise Unauthorized("X-Courseatlas-Timestamp must be the time in Unix seconds.")
    if abs(now - int(timestamp)) > WINDOW_SECONDS:
        raise Unauthorized("X-Courseatlas-Timestamp is more than 5 minutes from our clock.")
    expected = signature(secret, timestamp, body).encode()
    if signed is None or not hmac.compare_digest(expected, signed.strip().encode()):
        raise Unauthorized(
            'X-Courseatlas-Signature must be "sha256=" and the hex HMAC-SHA256 of '
            'timestamp + "." + body, keyed by your secret.'
        )


def parse(body: bytes) -> ConversionIn:
    try:
        return ConversionIn.model_validate_json(body)
    except ValidationError as error:
        errors = [
            {
                "field": ".".join(str(p) for p in e["loc"]) or "body",
                "in": "body",
                "reason": e["msg"],
            }
            for e in error.errors(include_url=False)
        ]
        detail = "; ".join(f"{e['field']}: {e['reason']}" for e in errors)
        raise InvalidInput(detail, errors=errors) from None


def record(
    session: Session, partner: Partner, report: ConversionIn, now: datetime
) -> ConversionOut:
    """Store a conversion once per order; a later reversal cancels it, nothing else changes it."""
    existing = _by_order(session, partner.id, report.order_id)
    changed = False
    if existing is None:
        try:
            with session.begin_nested():
                session.add(_new(partner, report, now))
            changed = True
        except IntegrityError:  # the same order, reported twice at once
            existing = _by_order(session, partner.id, report.order_id)
    if existing is not None and report.status == "reversed" and existing.status == "approved":
        existing.status = "reversed"
        existing.reversed_at = now
        changed = True
    status = existing.status if existing is not None else report.status
    return ConversionOut(
        order_id=report.order_id,
        status=status,
        changed=changed,
        attributed=_attributed(session, partner.id, report.click_id),
    )


def _new(partner: Partner, report: ConversionIn, now: datetime) -> Conversion:
    return Conversion(
        partner_id=partner.id,
        order_id=report.order_id,
        click_id=report.click_id,
        amount=report.amount,
        currency=report.currency,
        status=report.status,
        received_at=now,
        reversed_at=now if report.status == "reversed" else None,
    )


def _by_order(session: Session, partner_id: int, order_id: str) -> Conversion | None:
    return session.scalar(
        select(Conversion).where(
            Conversion.partner_id == partner_id, Conversion.order_id == order_id
        )
    )


def _attributed(session: Session, partner_id: int, click_id: str) -> bool:
    found = session.scalar(
        select(exists().where(Click.click_id == click_id, Click.partner_id == partner_id))
    )
    return bool(found)

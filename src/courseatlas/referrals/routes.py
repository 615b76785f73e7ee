"""HTTP of referrals: partners' conversion webhook, and the click recorder requests use."""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Path, Request
from starlette.concurrency import run_in_threadpool

from courseatlas.db.base import utcnow
from courseatlas.db.database import Database
from courseatlas.errors import BadRequest, NotFound
from courseatlas.referrals import conversions, repository
from courseatlas.referrals.schemas import ConversionOut

router = APIRouter(prefix="/api/v1", tags=["referrals"])

MAX_BODY = 64 * 1024
PartnerSlug = Annotated[str, Path(max_length=200, pattern=r"^[a-z0-9-]+$")]


@router.post(
    "/partners/{slug}/conversions",
    response_model=ConversionOut,
    responses={401: {"description": "Missing, wrong or stale signature: nothing stored."}},
)
async def report_conversion(slug: PartnerSlug, request: Request) -> ConversionOut:
    """A partner's signed report of a sale (see docs/referrals.md for the signature scheme).

    Idempotent by `order_id`; `status: reversed` cancels an approved conversion.
    """
    body = await _capped_body(request)
    headers = request.headers
    database: Database = request.app.state.database
    return await run_in_threadpool(
        _receive,
        database,
        slug,
        headers.get("x-courseatlas-timestamp"),
        headers.get("x-courseatlas-signature"),
        body,
    )


def _receive(
    database: Database, slug: str, timestamp: str | None, signed: str | None, body: bytes
) -> ConversionOut:
    with database.session() as session:
        partner = repository.partner_by_slug(session, slug)
        if partner is None:
            raise NotFound(f"No partner {slug!r}.")
        conversions.verify(partner.secret, timestamp, signed, body, time.time())
        return conversions.record(session, partner, conversions.parse(body), utcnow())


async def _capped_body(request: Request) -> bytes:
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise BadRequest(f"A conversion report is at most {MAX_BODY // 1024} KiB.")
    return bytes(body)

"""A request's database writes are committed before its response leaves: the client's next
request (a sign-in's redirect, a reload after saving) must see them."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import FastAPI
from sqlalchemy import select

from courseatlas.catalog.models import Provider
from courseatlas.db.database import Database
from courseatlas.http.deps import DbSession


def _app_that_writes(db: Database) -> FastAPI:
    app = FastAPI()
    app.state.database = db

    @app.post("/write")
    def write(session: DbSession) -> dict[str, str]:
        session.add(Provider(slug="written", name="Written", name_key="written"))
        return {"wrote": "Written"}

    return app


def test_the_write_is_committed_when_the_response_starts(db: Database) -> None:
    seen_at_response_start: list[list[str]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            with db.session() as other:  # another connection, as the next request has
                names = other.scalars(select(Provider.name).where(Provider.slug == "written"))
                seen_at_response_start.append(list(names))

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": "/write", "raw_path": b"/write", "query_string": b"",
        "headers": [], "client": ("127.0.0.1", 1), "server": ("testserver", 80),
    }  # fmt: skip
    asyncio.run(_app_that_writes(db)(scope, receive, send))
    assert seen_at_response_start == [["Written"]]

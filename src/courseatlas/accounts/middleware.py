"""Finds the signed-in learner of each request from its session cookie, and keeps personal
pages out of shared caches.

Pages are cacheable by anyone (``public``) as long as they are the same for everybody. A
signed-in learner's page holds their name and form tokens, so it becomes ``private, no-cache``;
every cacheable page varies on ``Cookie`` so a shared cache never hands one to the other.
"""

from __future__ import annotations

from http.cookies import CookieError, SimpleCookie

import anyio.to_thread
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from courseatlas.accounts import sessions
from courseatlas.accounts.identity import Learner
from courseatlas.db.database import Database

PERSONAL = "private, no-cache"
MAX_KEY = 100
STATIC = "/static/"  # the same for everyone, whoever asks


class SessionMiddleware:
    def __init__(self, app: ASGIApp, database: Database, store: sessions.Sessions) -> None:
        self.app = app
        self.database = database
        self.store = store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(STATIC):
            await self.app(scope, receive, send)
            return
        key = _session_cookie(scope)
        learner = await anyio.to_thread.run_sync(self._resolve, key) if key else None
        state = scope.setdefault("state", {})
        state["learner"], state["session_key"] = learner, key if learner else None

        async def send_private(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if headers.get("cache-control", "").startswith("public"):
                    if learner is not None:
                        headers["cache-control"] = PERSONAL
                    headers.add_vary_header("Cookie")
            await send(message)

        await self.app(scope, receive, send_private)

    def _resolve(self, key: str) -> Learner | None:
        with self.database.session() as session:
            return self.store.resolve(session, key)


def _session_cookie(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            try:
                cookie = SimpleCookie(value.decode("latin-1"))
            except CookieError:
                return None
            morsel = cookie.get(sessions.COOKIE)
            if morsel is not None and 0 < len(morsel.value) <= MAX_KEY:
                return morsel.value
    return None

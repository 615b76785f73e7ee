"""HEAD on every GET route: answered as the GET would be, headers only.

Pages declare HEAD themselves; this covers the API, the probes and anything added later,
without a second operation per route in the OpenAPI document.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send


def is_head(request: Request) -> bool:
    """Whether the client asked with HEAD, which reaches the routes as a GET."""
    return request.method == "HEAD" or bool(request.scope.get("head"))


class HeadAsGetMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET", "head": True}, receive, headers_only)

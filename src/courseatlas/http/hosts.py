"""The public origin, not the Host header, names the site: in links and in redirects.

With ``COURSEATLAS_PUBLIC_URL`` set, every request is seen by the app as addressed to that
origin (scheme and host), so any absolute URL it builds, Starlette's trailing-slash
redirect included, uses it whatever Host a client forged. In production requests for
another host are refused, but for the probes, which load balancers send by address.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from courseatlas.errors import BadRequest
from courseatlas.http.errors import render_error
from courseatlas.settings import Settings

PROBE_PATHS = ("/healthz", "/readyz", "/metrics")


def origin(request: Request) -> str:
    """The site's public origin: the configured one, else the one the request came to."""
    configured: str = request.app.state.settings.public_url
    return configured or f"{request.url.scheme}://{request.url.netloc}"


class PublicOriginMiddleware:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.scheme = settings.public_url.split("://", 1)[0] if settings.public_url else ""
        self.host = settings.public_host.encode("latin-1")
        self.refuse_others = settings.env == "production"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.host:
            await self.app(scope, receive, send)
            return
        asked = next((value for name, value in scope["headers"] if name == b"host"), b"")
        if self.refuse_others and asked.lower() != self.host and scope["path"] not in PROBE_PATHS:
            error = BadRequest(f"this site answers for {self.host.decode()} only")
            await render_error(Request(scope), error)(scope, receive, send)
            return
        headers = [(n, v) for n, v in scope["headers"] if n != b"host"] + [(b"host", self.host)]
        await self.app({**scope, "scheme": self.scheme, "headers": headers}, receive, send)

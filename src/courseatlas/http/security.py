"""Security headers on every response: what the browser may load, frame, sniff and share."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from courseatlas.http.docs import DOCS_CONTENT_SECURITY_POLICY

# Scripts and styles come only from this site. JSON-LD blocks are data, not scripts, so
# script-src does not apply to them and no inline script needs allowing.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)
HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}
# The interactive API docs run Swagger UI and ReDoc (vendored) under a policy of their own.
DOCS_PATHS = ("/docs", "/redoc")


# Sent when the public URL is https: browsers then never use plain http for the site.
HSTS = {"strict-transport-security": "max-age=63072000; includeSubDomains"}


def security_headers(path: str, hsts: bool = False) -> dict[str, str]:
    headers = {**HEADERS, **HSTS} if hsts else HEADERS
    if path.startswith(DOCS_PATHS):
        return {**headers, "content-security-policy": DOCS_CONTENT_SECURITY_POLICY}
    return headers


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, hsts: bool = False) -> None:
        self.app = app
        self.hsts = hsts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        wanted = security_headers(scope["path"], self.hsts)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in wanted.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)

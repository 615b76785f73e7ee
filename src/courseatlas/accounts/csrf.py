"""CSRF protection for every state-changing request that a browser's cookies could authenticate.

One dependency on the whole app, so no route can forget it. The token is an HMAC of the
visitor's cookie (the session's, or before sign-in a random ``courseatlas_csrf`` one), sent as
the ``csrf_token`` form field or the ``X-CSRF-Token`` header. API requests with a bearer token
or no session cookie carry no ambient authority and need none.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response

from courseatlas.accounts.secrets import bearer_token, csrf_token, csrf_valid, new_secret
from courseatlas.accounts.sessions import COOKIE
from courseatlas.errors import Forbidden

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
ANONYMOUS_COOKIE = "courseatlas_csrf"
FIELD = "csrf_token"
HEADER = "x-csrf-token"
FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


async def csrf_guard(request: Request) -> None:
    if request.method in SAFE_METHODS:
        return
    cookies = [request.cookies.get(name) for name in (COOKIE, ANONYMOUS_COOKIE)]
    bound = [value for value in cookies if value]
    if request.url.path.startswith("/api/") and (
        bearer_token(request) is not None or COOKIE not in request.cookies
    ):
        return
    token = request.headers.get(HEADER) or await _form_token(request)
    secret: str = request.app.state.settings.effective_secret_key
    if not token or not any(csrf_valid(secret, value, token) for value in bound):
        raise Forbidden(
            "This form has expired or did not come from this site. Reload the page and try again."
        )


async def _form_token(request: Request) -> str:
    if not request.headers.get("content-type", "").startswith(FORMS):
        return ""
    value = (await request.form()).get(FIELD)
    return value if isinstance(value, str) else ""


def anonymous_cookie(request: Request) -> tuple[str, bool]:
    """The cookie value a form shown before sign-in is bound to, and whether it is new."""
    value = request.cookies.get(ANONYMOUS_COOKIE) or ""
    return (value, False) if len(value) >= 40 else (new_secret(), True)


def set_anonymous_cookie(response: Response, value: str, secure: bool) -> None:
    response.set_cookie(
        ANONYMOUS_COOKIE, value, httponly=True, samesite="lax", secure=secure, path="/"
    )


def token_for(request: Request, cookie_value: str) -> str:
    secret: str = request.app.state.settings.effective_secret_key
    return csrf_token(secret, cookie_value)

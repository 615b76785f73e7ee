"""How pages of accounts answer: personal pages are never cached, forms carry their token,
and the session cookie is set and cleared in one place."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.params import Depends
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from courseatlas.accounts import csrf, sessions
from courseatlas.accounts.deps import page_context, session_learner
from courseatlas.accounts.middleware import SessionMiddleware
from courseatlas.accounts.throttle import Throttle
from courseatlas.db.database import Database
from courseatlas.db.redis_client import SharedRedis
from courseatlas.http.caching import NO_STORE
from courseatlas.site.seo import PageMeta
from courseatlas.site.templating import render_text


def install(app: FastAPI, database: Database, redis: SharedRedis) -> None:
    """Sessions, throttling and CSRF on the whole app; call before routers are included."""
    app.state.throttle = Throttle(redis)
    app.state.sessions = sessions.Sessions(database.settings, redis)
    app.add_middleware(SessionMiddleware, database=database, store=app.state.sessions)
    app.router.dependencies.append(Depends(csrf.csrf_guard))


def throttle(request: Request) -> Throttle:
    found: Throttle = request.app.state.throttle
    return found


def session_store(request: Request) -> sessions.Sessions:
    found: sessions.Sessions = request.app.state.sessions
    return found


def client_key(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def secure_cookies(request: Request) -> bool:
    public_url: str = request.app.state.settings.public_url
    return public_url.startswith("https://")


def personal_page(
    request: Request,
    template: str,
    title: str,
    context: Mapping[str, Any],
    status: int = 200,
) -> HTMLResponse:
    """A page for one visitor only: no-store, with a form token bound to their cookie."""
    meta = PageMeta(title=title, description=title, path=request.url.path, indexable=False)
    full: dict[str, Any] = {"meta": meta, **page_context(request), **context}
    new_cookie = None
    if session_learner(request) is None:
        value, is_new = csrf.anonymous_cookie(request)
        full["csrf_token"] = csrf.token_for(request, value)
        new_cookie = value if is_new else None
    body = render_text(request, template, full)
    response = HTMLResponse(body, status_code=status, headers={"Cache-Control": NO_STORE})
    if new_cookie:
        csrf.set_anonymous_cookie(response, new_cookie, secure_cookies(request))
    return response


def safe_next(target: str | None, default: str = "/account") -> str:
    """Only a path on this site: never another host (``//evil``, ``/\\evil``, ``https:``)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return default
    return target if len(target) <= 2000 else default


def redirect(target: str) -> RedirectResponse:
    return RedirectResponse(target, status_code=303, headers={"Cache-Control": NO_STORE})


def signed_in(request: Request, key: str, target: str) -> Response:
    response = redirect(target)
    settings = request.app.state.settings
    response.set_cookie(
        sessions.COOKIE,
        key,
        max_age=sessions.cookie_max_age(settings),
        httponly=True,
        samesite="lax",
        secure=secure_cookies(request),
        path="/",
    )
    return response


def signed_out(target: str) -> Response:
    response = redirect(target)
    response.delete_cookie(sessions.COOKIE, path="/")
    return response

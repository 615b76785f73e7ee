"""Every error is rendered once: problem+json (RFC 9457) for the API, a page for the site.

Never a traceback either way. The site hands in how its error page is drawn, so this module
knows nothing of templates.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import DataError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, Response

from courseatlas.errors import CourseatlasError
from courseatlas.http.security import security_headers

log = structlog.get_logger(__name__)

PROBLEM_JSON = "application/problem+json"
# Paths that answer machines; every other path answers people with a page.
RETRY_AFTER_SECONDS = 5
MACHINE_PATHS = ("/api/", "/healthz", "/readyz", "/metrics", "/openapi.json", "/exports/")

# (request, status, title, detail) -> the error as a page people read.
ErrorPage = Callable[[Request, int, str, str], Response]


def problem(request: Request, status: int, title: str, detail: str, **extra: Any) -> JSONResponse:
    body = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        **extra,
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON)


def respond(request: Request, status: int, title: str, detail: str, **extra: Any) -> Response:
    """The one rendering of an error: problem+json for machines, a page for people."""
    if request.url.path.startswith(MACHINE_PATHS):
        return problem(request, status, title, detail, **extra)
    page: ErrorPage = request.app.state.error_page
    return page(request, status, title, detail)


async def _courseatlas_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, CourseatlasError)
    return render_error(request, error)


def render_error(request: Request, error: CourseatlasError) -> Response:
    response = respond(request, error.status, error.title, error.detail, **error.extra)
    response.headers.update(error.headers())
    return response


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    title = _REASONS.get(error.status_code, "Error")
    response = respond(request, error.status_code, title, str(error.detail))
    if error.headers:
        response.headers.update(error.headers)
    return response


async def _validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    errors = [
        {
            "field": ".".join(str(p) for p in item["loc"][1:]) or str(item["loc"][0]),
            "in": str(item["loc"][0]),
            "reason": item["msg"],
        }
        for item in error.errors()
    ]
    detail = "; ".join(f"{e['field']}: {e['reason']}" for e in errors)
    return respond(request, 422, "Unprocessable Content", detail, errors=errors)


async def _database_unavailable(request: Request, error: Exception) -> Response:
    """A database outage, or every pooled connection busy: the client may retry shortly.
    Pool pre-ping replaces the broken connections once the database is back."""
    cause = getattr(error, "orig", None) or error
    log.warning("database_unavailable", path=request.url.path, error=type(cause).__name__)
    detail = "The catalog database is not answering; try again in a few seconds."
    response = respond(request, 503, "Service Unavailable", detail)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


async def _unstorable_value(request: Request, error: Exception) -> Response:
    """A value the database refuses (PostgreSQL takes no NUL character in text): the
    request's transaction is rolled back, so nothing of it is stored."""
    cause = getattr(error, "orig", None) or error
    log.warning("unstorable_value", path=request.url.path, error=type(cause).__name__)
    detail = "A value cannot be stored as given (text must not contain NUL characters)."
    return respond(request, 422, "Unprocessable Content", detail)


async def _unexpected_error(request: Request, error: Exception) -> Response:
    request_id = getattr(request.state, "request_id", None)
    log.exception("unhandled_error", path=request.url.path, request_id=request_id)
    response = respond(
        request,
        500,
        "Internal Server Error",
        "Something went wrong on our side.",
        request_id=request_id,
    )
    # This answer leaves from outside every middleware, so it takes its headers here.
    hsts = request.app.state.settings.public_url.startswith("https:")
    response.headers.update(security_headers(request.url.path, hsts))
    if request_id is not None:
        response.headers["x-request-id"] = request_id
    return response


_REASONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
    429: "Too Many Requests",
    503: "Service Unavailable",
}


def install_error_handlers(app: FastAPI, error_page: ErrorPage) -> None:
    app.state.error_page = error_page
    app.add_exception_handler(CourseatlasError, _courseatlas_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    for outage in (OperationalError, InterfaceError, PoolTimeout):
        app.add_exception_handler(outage, _database_unavailable)
    app.add_exception_handler(DataError, _unstorable_value)
    app.add_exception_handler(Exception, _unexpected_error)

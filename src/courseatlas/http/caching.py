"""HTTP caching: ETags with 304 answers for pages, long-lived caching for versioned static files."""

from __future__ import annotations

import hashlib
import os

from fastapi import Request
from fastapi.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

PAGE_CACHE = "public, max-age=300"
NO_STORE = "no-store"
VERSIONED_ASSET = "public, max-age=31536000, immutable"
UNVERSIONED_ASSET = "public, max-age=3600"


def etag(body: bytes) -> str:
    # Weak: compression changes the bytes on the wire but not what the page means.
    return f'W/"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'


def matches(if_none_match: str | None, tag: str) -> bool:
    """Whether an If-None-Match header names this tag (weak comparison, RFC 9110)."""
    if not if_none_match:
        return False
    wanted = tag.removeprefix("W/")
    candidates = (value.strip().removeprefix("W/") for value in if_none_match.split(","))
    return any(value in ("*", wanted) for value in candidates)


def conditional_response(
    request: Request, body: bytes, media_type: str, cache_control: str
) -> Response:
    tag = etag(body)
    headers = {"ETag": tag, "Cache-Control": cache_control}
    if matches(request.headers.get("if-none-match"), tag):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)


class CachedStaticFiles(StaticFiles):
    """Static files whose versioned URLs (``?v=<hash>``) may be cached for good."""

    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        versioned = scope.get("query_string", b"").startswith(b"v=")
        response.headers["Cache-Control"] = VERSIONED_ASSET if versioned else UNVERSIONED_ASSET
        return response

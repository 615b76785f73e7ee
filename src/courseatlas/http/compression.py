"""Answers kept gzipped: sent as they are to clients that take gzip, inflated for others."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response

from courseatlas.cache import gunzipped


def gzipped_response(request: Request, body: bytes, media_type: str) -> Response:
    """``body`` (gzip) with its encoding declared, or inflated when the client does not
    take gzip (read as the responses' gzip middleware reads it)."""
    if "gzip" in request.headers.get("accept-encoding", ""):
        headers = {"content-encoding": "gzip", "vary": "Accept-Encoding"}
        return Response(body, media_type=media_type, headers=headers)
    return Response(gunzipped(body), media_type=media_type)

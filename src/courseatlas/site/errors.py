"""The page people see when something goes wrong (the API answers problem+json instead)."""

from __future__ import annotations

from fastapi import Request
from starlette.responses import HTMLResponse

from courseatlas.http.caching import NO_STORE
from courseatlas.site.seo import PageMeta
from courseatlas.site.templating import render_text


def error_page(request: Request, status: int, title: str, detail: str) -> HTMLResponse:
    meta = PageMeta(title=title, description=title, path=request.url.path, indexable=False)
    context = {
        "meta": meta,
        "status": status,
        "title": title,
        "detail": detail,
        "request_id": getattr(request.state, "request_id", None),
    }
    body = render_text(request, "error.html", context)
    return HTMLResponse(body, status_code=status, headers={"Cache-Control": NO_STORE})

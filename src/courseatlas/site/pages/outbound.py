"""``/go/{id}``: the way out to a provider, only ever to the stored address of that resource."""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi.responses import RedirectResponse

from courseatlas.catalog import repository
from courseatlas.catalog.schemas import ResourceId
from courseatlas.errors import NotFound
from courseatlas.http.caching import NO_STORE
from courseatlas.http.deps import DbSession
from courseatlas.site.pages.routing import PageRouter

router = PageRouter()


@router.page("/go/{resource_id}")
def go(resource_id: ResourceId, session: DbSession) -> RedirectResponse:
    url = repository.resource_url(session, resource_id)
    if url is None or not is_web_address(url):
        raise NotFound("This course or book has no address we can send you to.")
    headers = {"Cache-Control": NO_STORE, "X-Robots-Tag": "noindex"}
    return RedirectResponse(url, status_code=302, headers=headers)


def is_web_address(url: str) -> bool:
    """An absolute http(s) URL with a host and nothing that could bend a Location header."""
    if any(c.isspace() or ord(c) < 0x20 or c == "\\" for c in url):
        return False
    parts = urlsplit(url)
    return parts.scheme.lower() in {"http", "https"} and bool(parts.hostname)

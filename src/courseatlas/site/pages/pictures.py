"""``/pictures/{id}``: a resource's picture from this host, or its generated cover.

Pictures come from the site's own host only (the policy says ``img-src 'self'``): the picture
job stored them, re-encoded, under the data directory.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Request
from fastapi.responses import Response

from courseatlas.errors import NotFound
from courseatlas.http.caching import conditional_response
from courseatlas.http.deps import AppSettings, DbSession
from courseatlas.images import repository
from courseatlas.images.covers import cover_svg
from courseatlas.images.service import picture_path
from courseatlas.site.formatting import kind as kind_name
from courseatlas.site.pages.routing import PageRouter

router = PageRouter()

PICTURE_CACHE = "public, max-age=86400"


@router.page("/pictures/{resource_id}")
def picture(
    request: Request,
    session: DbSession,
    settings: AppSettings,
    resource_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
) -> Response:
    found = repository.pictured(session, resource_id)
    if found is None:
        raise NotFound(f"There is no course or book with id {resource_id}.")
    path = picture_path(settings.data_dir, resource_id)
    if found.stored and path.is_file():
        return conditional_response(request, path.read_bytes(), "image/webp", PICTURE_CACHE)
    svg = cover_svg(found.title, kind_name(found.kind)).encode()
    return conditional_response(request, svg, "image/svg+xml", PICTURE_CACHE)

"""``/compare``: two to four courses or books side by side, picked with checkboxes in a list.

The ids come as a GET form sends them (``ids=3&ids=7``) or as one comma-separated value, so
a comparison works without JavaScript and can be shared by its address.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import Response

from courseatlas.catalog import repository
from courseatlas.catalog.schemas import ResourceOut
from courseatlas.errors import InvalidInput, NotFound
from courseatlas.http.deps import DbSession
from courseatlas.site import seo
from courseatlas.site.pages.routing import PageRouter
from courseatlas.site.templating import render

router = PageRouter()

MIN_COMPARED, MAX_COMPARED = 2, 4
MAX_ID = 2**31 - 1
IdsParam = Annotated[list[str] | None, Query(max_length=MAX_COMPARED * 2)]


def compared_ids(values: list[str]) -> list[int]:
    """The distinct ids asked for, in order; a value that is not an id is refused."""
    ids: list[int] = []
    for value in (part.strip() for raw in values for part in raw.split(",")):
        if not value:
            continue
        if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= MAX_ID:
            raise InvalidInput(f"ids: “{value[:40]}” is not the id of a course or book.")
        if int(value) not in ids:
            ids.append(int(value))
    if ids and not MIN_COMPARED <= len(ids) <= MAX_COMPARED:
        raise InvalidInput(
            f"ids: pick {MIN_COMPARED} to {MAX_COMPARED} courses or books to compare, "
            f"not {len(ids)}."
        )
    return ids


@router.page("/compare")
def compare_page(request: Request, session: DbSession, ids: IdsParam = None) -> Response:
    wanted = compared_ids(ids or [])
    found = repository.resources_in_full(session, wanted) if wanted else {}
    missing = [str(i) for i in wanted if i not in found]
    if missing:
        raise NotFound(f"There is no course or book with id {', '.join(missing)}.")
    items = [ResourceOut.of(found[i]) for i in wanted]
    path = "/compare?" + "&".join(f"ids={i}" for i in wanted) if wanted else "/compare"
    titles = " and ".join(item.title for item in items)
    meta = seo.PageMeta(
        title=f"Compare {titles}" if items else "Compare courses and books",
        description="Courses and books side by side: provider, level, hours, price, rating, "
        "certificate and skills.",
        path=path,
        indexable=False,
    )
    trail = seo.trail(("Compare", path))
    return render(request, "compare.html", {"meta": meta, "items": items, "trail": trail})

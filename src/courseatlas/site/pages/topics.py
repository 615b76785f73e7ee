"""Topic pages: the taxonomy with its counts, and each topic's resources, best first."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import Response

from courseatlas.catalog.schemas import Kind
from courseatlas.http.deps import DbSession, Runtime
from courseatlas.http.hosts import origin
from courseatlas.site import seo
from courseatlas.site.pages.listing import Link, ListState, pager, past_the_end
from courseatlas.site.pages.resources import SlugPath
from courseatlas.site.pages.routing import PageRouter
from courseatlas.site.templating import render
from courseatlas.topics import service as topics
from courseatlas.topics.schemas import TopicPage

router = PageRouter()

PER_PAGE = 20
MAX_PAGE = topics.MAX_BROWSE // PER_PAGE


@router.page("/topics")
def topics_page(request: Request, session: DbSession, runtime: Runtime) -> Response:
    meta = seo.PageMeta(
        title="All topics",
        description="Every subject on courseatlas, from computer science to music, "
        "with the number of courses and books in each.",
        path="/topics",
    )
    tree = topics.topic_tree(session, runtime)
    return render(request, "topics.html", {"meta": meta, "tree": tree})


@router.page("/topics/{slug}")
def topic_page(
    request: Request,
    session: DbSession,
    runtime: Runtime,
    slug: SlugPath,
    kind: Kind | None = None,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
) -> Response:
    found = topics.topic_page(session, runtime, slug, kind, page, PER_PAGE)
    state = ListState(f"/topics/{slug}", {"kind": kind or "", "page": str(page)}, {"page": "1"})
    beyond = past_the_end(state, found.resources.total, page, PER_PAGE, MAX_PAGE)
    if beyond is not None:
        return beyond
    trail = seo.trail(
        seo.TOPICS,
        *((t.name, f"/topics/{t.slug}") for t in found.ancestors),
        (found.topic.name, found.topic.url),
    )
    context = {
        "meta": _meta(request, found, state.canonical, trail),
        "found": found,
        "trail": trail,
        "kinds": _kind_links(state, found, kind),
        "pager": pager(state, found.resources.total, page, PER_PAGE, MAX_PAGE),
    }
    return render(request, "topic.html", context)


def _kind_links(state: ListState, found: TopicPage, kind: str | None) -> list[Link]:
    counts = found.counts
    return [
        Link("All", state.href(kind=None), counts.total, kind is None),
        Link("Courses", state.href(kind="course"), counts.courses, kind == "course"),
        Link("Books", state.href(kind="book"), counts.books, kind == "book"),
    ]


def _meta(
    request: Request, found: TopicPage, path: str, trail: list[tuple[str, str]]
) -> seo.PageMeta:
    name = found.topic.name
    return seo.PageMeta(
        title=f"{name}: courses and books",
        description=f"The best of {found.counts.total:,} courses and books on {name}, "
        "with their ratings, levels and prices.",
        path=path,
        structured=[seo.breadcrumbs(origin(request), trail)],
    )

"""Career guides: the list of careers, and each guide with its matches and learning path."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query, Request
from fastapi.responses import Response

from courseatlas.accounts.deps import OptionalLearner
from courseatlas.careers import interests, service
from courseatlas.careers.guides import SLUG_PATTERN
from courseatlas.careers.schemas import CareerList, CareerPage
from courseatlas.http.deps import DbSession, Runtime, Semantic
from courseatlas.http.hosts import origin
from courseatlas.lists.paths import path_progress
from courseatlas.matching.schemas import MatchedResource
from courseatlas.site import seo
from courseatlas.site.pages.listing import ListState, pager, past_the_end
from courseatlas.site.pages.routing import PageRouter
from courseatlas.site.templating import render

router = PageRouter()

PER_PAGE = 24
MAX_PAGE = 10_000


@router.page("/careers")
def careers_page(
    request: Request,
    session: DbSession,
    field: Annotated[str | None, Query(max_length=100, pattern=SLUG_PATTERN)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
) -> Response:
    q = (q or "").strip() or None
    careers = service.list_careers(session, field, q, page, PER_PAGE)
    state = ListState(
        "/careers", {"q": q or "", "field": field or "", "page": str(page)}, {"page": "1"}
    )
    beyond = past_the_end(state, careers.total, page, PER_PAGE, MAX_PAGE)
    if beyond is not None:
        return beyond
    context = {
        "meta": _list_meta(careers, state.canonical),
        "careers": careers,
        "fields": [
            (
                f.name,
                state.href(field=None if f.slug == field else f.slug),
                f.count,
                f.slug == field,
            )
            for f in careers.fields
        ],
        "pager": pager(state, careers.total, page, PER_PAGE, MAX_PAGE),
        "interests": interests.INTERESTS,
    }
    return render(request, "careers.html", context)


@router.page("/careers/interests/{code}")
def interest_page(
    request: Request,
    session: DbSession,
    code: Annotated[str, Path(max_length=20)],
) -> Response:
    found = interests.interest(code)
    path = f"/careers/interests/{found.slug}"
    trail = seo.trail(seo.CAREERS, (f"{found.name} interests", path))
    context = {
        "meta": seo.PageMeta(
            title=f"Careers for {found.name} interests",
            description=f"{found.description} Careers whose strongest interest is {found.name}.",
            path=path,
        ),
        "interest": found,
        "interests": interests.INTERESTS,
        "careers": interests.careers_for(session, found),
        "trail": trail,
    }
    return render(request, "interests.html", context)


@router.page("/careers/{slug}")
def career_page(
    request: Request,
    session: DbSession,
    runtime: Runtime,
    meaning: Semantic,
    learner: OptionalLearner,
    slug: Annotated[str, Path(max_length=200)],
) -> Response:
    career = service.get_career_page(session, runtime, slug, meaning)
    trail = seo.trail(seo.CAREERS, (career.title, f"/careers/{career.slug}"))
    context = {
        "meta": _career_meta(request, career, trail),
        "career": career,
        "trail": trail,
        "more_courses": _not_in_path(career, career.courses),
        "more_books": _not_in_path(career, career.books),
        "path_progress": path_progress(session, learner.id, career.slug) if learner else None,
    }
    return render(request, "career.html", context)


def _not_in_path(career: CareerPage, matched: list[MatchedResource]) -> list[MatchedResource]:
    """The matches the learning path does not already show: a page lists each once."""
    shown = {step.resource.id for step in career.learning_path.steps}
    return [r for r in matched if r.id not in shown]


def _list_meta(careers: CareerList, path: str) -> seo.PageMeta:
    return seo.PageMeta(
        title="Career guides",
        description=f"{careers.total:,} career guides: what the work is like, how to get "
        "there, and the courses and books that teach the skills.",
        path=path,
        indexable=not careers.q,
    )


def _career_meta(
    request: Request, career: CareerPage, trail: list[tuple[str, str]]
) -> seo.PageMeta:
    base = origin(request)
    return seo.PageMeta(
        title=f"{career.title}: career guide",
        description=career.summary,
        path=f"/careers/{career.slug}",
        og_type="article",
        structured=[seo.occupation(base, career), seo.breadcrumbs(base, trail)],
    )

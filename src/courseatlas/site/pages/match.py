"""The match page: what a learner wants to become or learn, and the resources that lead there."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import Response

from courseatlas.careers import goals
from courseatlas.http.deps import DbSession, Runtime
from courseatlas.site.pages.routing import PageRouter
from courseatlas.site.seo import PageMeta
from courseatlas.site.templating import render

router = PageRouter()

RESULTS = 20


@router.page("/match")
def match_page(
    request: Request,
    session: DbSession,
    runtime: Runtime,
    goal: Annotated[str, Query(max_length=300)] = "",
) -> Response:
    goal = goal.strip()
    found = goals.match_goal(session, runtime, goal, RESULTS) if goal else None
    title = f"“{goal}”: where to start" if goal else "What do you want to become or learn?"
    context = {
        # Pages for one learner's goal are for people, not for search engines' lists.
        "meta": PageMeta(
            title=title,
            description="Careers and skills recognised in a goal, and the courses and books "
            "that lead there, each with the reason it matches.",
            path="/match",
            indexable=False,
        ),
        "goal": goal,
        "found": found,
    }
    return render(request, "match.html", context)

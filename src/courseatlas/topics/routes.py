"""JSON API of topics: ``/api/v1/topics`` and ``/api/v1/topics/{slug}``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from courseatlas.catalog.schemas import Kind
from courseatlas.http.deps import DbSession, Runtime
from courseatlas.topics import service as topics
from courseatlas.topics.schemas import TopicPage, TopicTree

router = APIRouter(prefix="/api/v1", tags=["topics"])

TopicSlug = Annotated[str, Path(max_length=300, pattern=r"^[a-z0-9-]+$")]


@router.get("/topics", response_model=TopicTree)
def list_topics(session: DbSession, runtime: Runtime) -> TopicTree:
    """The topic hierarchy, each topic with the number of resources under it."""
    return topics.topic_tree(session, runtime)


@router.get("/topics/{slug}", response_model=TopicPage)
def get_topic(
    slug: TopicSlug,
    session: DbSession,
    runtime: Runtime,
    kind: Kind | None = None,
    page: Annotated[int, Query(ge=1, le=topics.MAX_BROWSE)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
) -> TopicPage:
    """A topic: its subtopics, counts, related careers, and its resources best first
    (quality and popularity); the first 5,000 of them, the rest through search."""
    return topics.topic_page(session, runtime, slug, kind, page, per_page)

"""Topics as the API and the pages ask for them: the tree with counts, and a topic's page.

Counts come from the search index's exact facets (a resource filed under "SQL" counts once
for "Databases" and once for "Computer Science"), so the tree costs one aggregation, not a
join per topic. A topic's resources come best first by ``catalog.quality.quality``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from courseatlas.careers import repository as careers
from courseatlas.careers.schemas import CareerRef
from courseatlas.catalog import repository
from courseatlas.catalog.models import Resource, Topic
from courseatlas.catalog.quality import quality
from courseatlas.catalog.schemas import ResourcePage, ResourceSummary, TopicRef
from courseatlas.errors import InvalidInput, NotFound
from courseatlas.search.base import (
    SearchBackend,
    SearchFilters,
    SearchRequest,
    SearchResult,
    Sort,
)
from courseatlas.topics.schemas import TopicCounts, TopicNode, TopicPage, TopicTree

MAX_BROWSE = 5000  # resources a topic page lists best first; search pages further
FIRST_DEPTH = 50


def topic_tree(session: Session, runtime: SearchBackend) -> TopicTree:
    result = runtime.search(SearchRequest(limit=1, snippets=False))
    topics = repository.all_topics(session)
    counts = _topic_counts(runtime, result, [t.slug for t in topics])
    nodes = {t.id: _node(t, counts) for t in topics}
    roots: list[TopicNode] = []
    for topic in topics:
        parent = nodes.get(topic.parent_id) if topic.parent_id else None
        (parent.children if parent else roots).append(nodes[topic.id])
    return TopicTree(total=result.total, topics=roots)


def topic_page(
    session: Session,
    runtime: SearchBackend,
    slug: str,
    kind: str | None,
    page: int,
    per_page: int,
) -> TopicPage:
    topic = repository.topic_by_slug(session, slug)
    if topic is None:
        raise NotFound(f"no topic has slug {slug!r}")
    offset = (page - 1) * per_page
    if offset + per_page > MAX_BROWSE:
        raise InvalidInput(
            f"a topic lists its best {MAX_BROWSE} resources; use /api/v1/search?topic={slug}",
            field="page",
        )
    filters = SearchFilters(topic=slug, kind=kind)
    summary = runtime.search(SearchRequest(filters=filters, limit=1, snippets=False))
    children = repository.subtopics(session, topic.id)
    counts = _topic_counts(runtime, summary, [topic.slug, *(c.slug for c in children)])
    node = _node(topic, counts)
    node.children = [_node(child, counts) for child in children]
    ids = BestFirst(session, runtime, filters).page(offset, per_page)
    resources = repository.resources_by_id(session, ids)
    return TopicPage(
        topic=node,
        ancestors=[TopicRef.model_validate(t) for t in _ancestors(session, topic)],
        counts=_counts(summary),
        resources=ResourcePage(
            total=summary.total,
            page=page,
            per_page=per_page,
            results=[ResourceSummary.of(resources[i]) for i in ids if i in resources],
        ),
        careers=[CareerRef.of(c) for c in careers.careers_for_topic(session, topic.path)],
    )


@dataclass
class _Facts:
    rating: float | None
    rating_count: int | None
    popularity: int | None


class BestFirst:
    """Resources of a filter ordered by quality, exactly, from two orders the index keeps.

    Quality grows with the Bayesian rating and with popularity, and the index sorts by each.
    Reading both lists to depth d, nothing unseen can beat quality(rating at d, popularity
    at d) (Fagin's threshold algorithm), so once the page's last item reaches that bound
    the page is exact; otherwise read deeper.
    """

    def __init__(self, session: Session, runtime: SearchBackend, filters: SearchFilters) -> None:
        self.session = session
        self.search: Callable[[SearchRequest], SearchResult] = runtime.search
        self.filters = filters
        self.facts: dict[int, _Facts] = {}

    def page(self, offset: int, limit: int) -> list[int]:
        need = offset + limit
        depth = max(FIRST_DEPTH, need)
        while True:
            by_rating, by_popularity, total = self._lists(depth)
            ranked = sorted(self.facts, key=lambda i: (-self._quality(i), i))
            if depth >= total or not by_rating or not by_popularity:
                return ranked[offset:need]
            bound = self._bound(by_rating[-1], by_popularity[-1])
            if len(ranked) >= need and self._quality(ranked[need - 1]) >= bound:
                return ranked[offset:need]
            if depth >= MAX_BROWSE:
                return ranked[offset:need]
            depth = min(MAX_BROWSE, depth * 4)

    def _lists(self, depth: int) -> tuple[list[int], list[int], int]:
        lists, total = [], 0
        sort: Sort
        for sort in ("rating", "popular"):
            request = SearchRequest(
                filters=self.filters, sort=sort, limit=depth, facets=False, snippets=False
            )
            result = self.search(request)
            lists.append([hit.id for hit in result.hits])
            total = result.total
        self._load([i for ids in lists for i in ids if i not in self.facts])
        return lists[0], lists[1], total

    def _load(self, ids: list[int]) -> None:
        if not ids:
            return
        rows = self.session.execute(
            select(Resource.id, Resource.rating, Resource.rating_count, Resource.popularity).where(
                Resource.id.in_(ids)
            )
        )
        for rid, rating, count, popularity in rows:
            self.facts[rid] = _Facts(rating, count, popularity)

    def _quality(self, rid: int) -> float:
        f = self.facts[rid]
        return quality(f.rating, f.rating_count, f.popularity)

    def _bound(self, last_by_rating: int, last_by_popularity: int) -> float:
        rated = self.facts.get(last_by_rating, _Facts(None, None, None))
        popular = self.facts.get(last_by_popularity, _Facts(None, None, None))
        return quality(rated.rating, rated.rating_count, popular.popularity)


def _topic_counts(
    runtime: SearchBackend, result: SearchResult, slugs: Sequence[str]
) -> dict[str, int]:
    """Resources per topic (its subtopics' included): from the facet, which names only the
    most frequent topics, and a counting search for each of the others."""
    counts = dict(result.facets.get("topic", []))
    for slug in slugs:
        if slug not in counts:
            counts[slug] = runtime.count(SearchFilters(topic=slug))
    return counts


def _ancestors(session: Session, topic: Topic) -> Sequence[Topic]:
    parts = topic.path.split(" > ")
    return repository.topics_at_paths(
        session, [" > ".join(parts[:n]) for n in range(1, len(parts))]
    )


def _node(topic: Topic, counts: dict[str, int]) -> TopicNode:
    return TopicNode(
        slug=topic.slug,
        name=topic.name,
        path=topic.path,
        depth=topic.depth,
        count=counts.get(topic.slug, 0),
        url=f"/topics/{topic.slug}",
    )


def _counts(result: SearchResult) -> TopicCounts:
    """Counts of every kind (the kind facet leaves out a kind filter)."""
    kinds = dict(result.facets.get("kind", []))
    courses, books = kinds.get("course", 0), kinds.get("book", 0)
    return TopicCounts(total=courses + books, courses=courses, books=books)

"""API shapes of topics: the tree with its counts, and a topic's page."""

from __future__ import annotations

from pydantic import BaseModel, Field

from courseatlas.careers.schemas import CareerRef
from courseatlas.catalog.schemas import ResourcePage, TopicRef


class TopicNode(TopicRef):
    depth: int
    count: int  # resources filed under it or any of its subtopics
    url: str  # the topic's page on this site
    children: list[TopicNode] = Field(default_factory=list)


class TopicTree(BaseModel):
    total: int  # resources in the catalog
    topics: list[TopicNode]  # the roots, each with its subtopics


class TopicCounts(BaseModel):
    total: int
    courses: int
    books: int


class TopicPage(BaseModel):
    topic: TopicNode  # its children are the subtopics
    ancestors: list[TopicRef]  # from the root down
    counts: TopicCounts
    resources: ResourcePage  # best first: quality and popularity
    careers: list[CareerRef]  # careers whose learners study it

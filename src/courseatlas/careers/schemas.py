"""API shapes of careers: the list, and the page with its guide, O*NET data and matches."""

from __future__ import annotations

from typing import Literal, Self

from pydantic import BaseModel

from courseatlas.careers.models import Career
from courseatlas.catalog.schemas import TopicRef
from courseatlas.matching.schemas import LearningPath, MatchedResource

Origin = Literal["guide", "onet"]


class CareerRef(BaseModel):
    slug: str
    title: str
    field: str | None
    origin: Origin
    url: str  # the career's page on this site

    @classmethod
    def of(cls, career: Career, **extra: object) -> Self:
        return cls.model_validate(
            {
                "slug": career.slug,
                "title": career.title,
                "field": career.field,
                "origin": career.origin,
                "url": f"/careers/{career.slug}",
                "onet_code": career.onet_code,
                "summary": career.summary,
                **extra,
            }
        )


class CareerSummary(CareerRef):
    onet_code: str | None
    summary: str
    matched_title: str | None  # with `q`: the title or alternate title that matched


class FieldCount(BaseModel):
    slug: str
    name: str
    count: int


class CareerList(BaseModel):
    total: int
    page: int
    per_page: int
    q: str | None
    field: str | None
    results: list[CareerSummary]
    fields: list[FieldCount]


class Section(BaseModel):
    key: str
    title: str
    body: str  # Markdown
    # Written for the guide, composed from O*NET data, or composed from the career's skills.
    source: Literal["guide", "onet", "composed"]


class CareerSkillOut(BaseModel):
    slug: str
    name: str
    weight: float
    source: Origin


class EducationLevel(BaseModel):
    level: str
    share: float  # percent of workers who say the job needs it


class Education(BaseModel):
    zone: int | None = None
    name: str | None = None
    education: str | None = None
    experience: str | None = None
    training: str | None = None
    levels: list[EducationLevel] = []


class InterestScore(BaseModel):
    name: str
    score: float  # 1 to 7


class Interests(BaseModel):
    scores: list[InterestScore] = []
    high_point: list[str] = []  # the strongest RIASEC types, first first


class WorkStyle(BaseModel):
    name: str
    importance: float  # 1 to 5


class Task(BaseModel):
    text: str
    core: bool


class Technology(BaseModel):
    name: str
    category: str
    hot: bool
    in_demand: bool


class OccupationOut(BaseModel):
    code: str
    title: str
    description: str
    url: str  # O*NET OnLine's page of the occupation
    job_zone: int | None
    education: Education
    interests: Interests
    work_styles: list[WorkStyle]
    tasks: list[Task]
    technologies: list[Technology]
    alternate_titles: list[str]


class Attribution(BaseModel):
    text: str
    license: str
    license_url: str
    source_url: str


class CareerMatchesOut(BaseModel):
    """What matching finds for a career, as stored for every worker (``careers.matches``)."""

    courses: list[MatchedResource]
    books: list[MatchedResource]
    learning_path: LearningPath


class CareerPage(BaseModel):
    slug: str
    title: str
    field: str | None
    origin: Origin
    onet_code: str | None
    summary: str
    alternate_titles: list[str]
    sections: list[Section]
    skills: list[CareerSkillOut]
    topics: list[TopicRef]
    related: list[CareerRef]
    occupation: OccupationOut | None
    courses: list[MatchedResource]
    books: list[MatchedResource]
    learning_path: LearningPath
    # When no resource passes the relevance floor: why, and the topic nearest the career.
    no_match: str | None = None
    nearest_topic: TopicRef | None = None
    attribution: Attribution | None  # present whenever the page shows O*NET data

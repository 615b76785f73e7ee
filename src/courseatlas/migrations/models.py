"""Imports every model so that ``Base.metadata`` is complete (Alembic, tests)."""

from courseatlas.careers.models import Career, CareerSkill, CareerTitle, CareerTopic, Occupation
from courseatlas.catalog.links import LinkState
from courseatlas.catalog.models import (
    Provider,
    Resource,
    ResourceContribution,
    ResourceSkill,
    ResourceTopic,
    Skill,
    SkillAlias,
    Topic,
)
from courseatlas.db.base import Base
from courseatlas.ingest.changelog import SearchChange, SearchReplica
from courseatlas.ingest.models import ImportRejection, ImportRun
from courseatlas.referrals.models import Click, Conversion, Partner
from courseatlas.semantic.models import ResourceEmbedding

__all__ = [
    "Base",
    "Career",
    "CareerSkill",
    "CareerTitle",
    "CareerTopic",
    "Click",
    "Conversion",
    "ImportRejection",
    "ImportRun",
    "LinkState",
    "Occupation",
    "Partner",
    "Provider",
    "Resource",
    "ResourceContribution",
    "ResourceEmbedding",
    "ResourceSkill",
    "ResourceTopic",
    "SearchChange",
    "SearchReplica",
    "Skill",
    "SkillAlias",
    "Topic",
]

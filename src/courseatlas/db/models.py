"""Imports every model so that ``Base.metadata`` is complete (Alembic, tests)."""

from courseatlas.accounts.models import AccountSession, ApiToken, EmailToken, User
from courseatlas.careers.models import Career, CareerSkill, CareerTitle, CareerTopic, Occupation
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
from courseatlas.ingest.models import ImportRejection, ImportRun
from courseatlas.lists.models import ListItem, SavedList
from courseatlas.search.models import SearchChange
from courseatlas.semantic.models import ResourceEmbedding

__all__ = [
    "AccountSession",
    "ApiToken",
    "Base",
    "Career",
    "CareerSkill",
    "CareerTitle",
    "CareerTopic",
    "EmailToken",
    "ImportRejection",
    "ImportRun",
    "ListItem",
    "Occupation",
    "Provider",
    "Resource",
    "ResourceContribution",
    "ResourceEmbedding",
    "ResourceSkill",
    "ResourceTopic",
    "SavedList",
    "SearchChange",
    "Skill",
    "SkillAlias",
    "Topic",
    "User",
]

"""Imports every model so that ``Base.metadata`` is complete (Alembic, tests)."""

from courseatlas.accounts.models import AccountSession, ApiToken, EmailToken, User
from courseatlas.careers.models import (
    Career,
    CareerMatches,
    CareerMatchTerm,
    CareerSkill,
    CareerTitle,
    CareerTopic,
    Occupation,
)
from courseatlas.catalog.links import LinkState
from courseatlas.catalog.models import (
    Provider,
    Resource,
    ResourceContribution,
    ResourceCredit,
    ResourceSkill,
    ResourceTopic,
    Skill,
    SkillAlias,
    Topic,
)
from courseatlas.catalog.money import ExchangeRate
from courseatlas.db.base import Base
from courseatlas.db.instance import Instance
from courseatlas.images.models import ImageFetch
from courseatlas.ingest.changelog import SearchChange, SearchReplica
from courseatlas.ingest.models import ImportRejection, ImportRun
from courseatlas.lists.models import ListItem, SavedList
from courseatlas.referrals.models import Click, Conversion, Partner
from courseatlas.semantic.models import ResourceEmbedding

__all__ = [
    "AccountSession",
    "ApiToken",
    "Base",
    "Career",
    "CareerMatchTerm",
    "CareerMatches",
    "CareerSkill",
    "CareerTitle",
    "CareerTopic",
    "Click",
    "Conversion",
    "EmailToken",
    "ExchangeRate",
    "ImageFetch",
    "ImportRejection",
    "ImportRun",
    "Instance",
    "LinkState",
    "ListItem",
    "Occupation",
    "Partner",
    "Provider",
    "Resource",
    "ResourceContribution",
    "ResourceCredit",
    "ResourceEmbedding",
    "ResourceSkill",
    "ResourceTopic",
    "SavedList",
    "SearchChange",
    "SearchReplica",
    "Skill",
    "SkillAlias",
    "Topic",
    "User",
]

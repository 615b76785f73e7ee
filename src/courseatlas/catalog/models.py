"""ORM models of the catalog."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from courseatlas.db.base import Base, JSONType, utcnow
from courseatlas.text import canonical_json


class Provider(Base):
    __tablename__ = "providers"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    # The name as compared: "Coursera" and "coursera " are one provider (see provider_key).
    name_key: Mapped[str] = mapped_column(String(300), unique=True)
    url: Mapped[str | None] = mapped_column(String(2048))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Topic(Base):
    __tablename__ = "topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(300), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # Full name path ("Computer Science > Databases"): the natural key of a topic.
    path: Mapped[str] = mapped_column(String(1000), unique=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("topics.id", ondelete="CASCADE"))
    depth: Mapped[int] = mapped_column(Integer, default=0)

    parent: Mapped[Topic | None] = relationship(remote_side=[id])


class Skill(Base):
    __tablename__ = "skills"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class SkillAlias(Base):
    """A spelling of a skill ("js", "javascript") pointing at its canonical skill."""

    __tablename__ = "skill_aliases"

    alias: Mapped[str] = mapped_column(String(200), primary_key=True)
    skill_id: Mapped[int] = mapped_column(ForeignKey("skills.id", ondelete="CASCADE"), index=True)


LIVE_INDEX = "ix_resources_live"


class Resource(Base):
    """A course or a book: one table keeps search, lists, referrals and matching uniform."""

    __tablename__ = "resources"
    __table_args__ = (
        CheckConstraint("kind IN ('course', 'book')", name="kind"),
        CheckConstraint(
            "level IS NULL OR level IN ('beginner', 'intermediate', 'advanced', 'all')",
            name="level",
        ),
        CheckConstraint("rating IS NULL OR (rating >= 0 AND rating <= 5)", name="rating"),
        CheckConstraint("price IS NULL OR price >= 0", name="price"),
        CheckConstraint("pace IS NULL OR pace IN ('self-paced', 'scheduled')", name="pace"),
        Index("ix_resources_kind_provider", "kind", "provider_id"),
        # Which search results still exist, asked of every new search: this index answers it
        # alone (a few hundred KB that stay cached), where the table's rows are kilobytes each.
        Index(
            LIVE_INDEX,
            "id",
            sqlite_where=text("hidden_at IS NULL"),
            postgresql_where=text("hidden_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    # How imports recognise the resource: "isbn:<13 digits>", "src:<source>:<id>", "url:<url>" or "title:...".
    identity_key: Mapped[str] = mapped_column(String(2200), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)
    syllabus: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(2048))
    image_url: Mapped[str | None] = mapped_column(String(2048))
    provider_id: Mapped[int | None] = mapped_column(
        ForeignKey("providers.id", ondelete="SET NULL"), index=True
    )
    source: Mapped[str | None] = mapped_column(String(200))
    external_id: Mapped[str | None] = mapped_column(String(300))
    institution: Mapped[str | None] = mapped_column(String(300))
    language: Mapped[str | None] = mapped_column(String(8))
    level: Mapped[str | None] = mapped_column(String(16))
    free: Mapped[bool | None]
    price: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    rating: Mapped[float | None] = mapped_column(Float)
    rating_count: Mapped[int | None] = mapped_column(Integer)
    popularity: Mapped[int | None] = mapped_column(BigInteger)
    duration_hours: Mapped[float | None] = mapped_column(Float)
    certificate: Mapped[bool | None]
    pace: Mapped[str | None] = mapped_column(String(12))  # "self-paced" or "scheduled"
    starts_on: Mapped[date | None] = mapped_column(Date)  # the next start a feed gave
    instructors: Mapped[list[str]] = mapped_column(JSONType, default=list)
    authors: Mapped[list[str]] = mapped_column(JSONType, default=list)
    isbn13: Mapped[str | None] = mapped_column(String(13), index=True)
    publisher: Mapped[str | None] = mapped_column(String(300))
    year: Mapped[int | None] = mapped_column(Integer)
    pages: Mapped[int | None] = mapped_column(Integer)
    published_at: Mapped[date | None] = mapped_column(Date)
    content_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # A takedown: kept, but shown nowhere (pages, search, sitemaps, lists) until restored.
    hidden_at: Mapped[datetime | None]
    hidden_reason: Mapped[str | None] = mapped_column(String(500))

    provider: Mapped[Provider | None] = relationship()
    skills: Mapped[list[ResourceSkill]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    topics: Mapped[list[Topic]] = relationship(secondary="resource_topics", viewonly=True)


class ResourceSkill(Base):
    __tablename__ = "resource_skills"
    # Skill first, resource second: "the resources with these skills" reads the index alone
    # (career matching aggregates it per resource).
    __table_args__ = (Index("ix_resource_skills_skill_id_resource_id", "skill_id", "resource_id"),)

    resource_id: Mapped[int] = mapped_column(
        ForeignKey("resources.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[int] = mapped_column(
        ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True
    )
    weight: Mapped[float] = mapped_column(Float, default=1.0)

    skill: Mapped[Skill] = relationship()


class ResourceTopic(Base):
    __tablename__ = "resource_topics"

    resource_id: Mapped[int] = mapped_column(
        ForeignKey("resources.id", ondelete="CASCADE"), primary_key=True
    )
    topic_id: Mapped[int] = mapped_column(
        ForeignKey("topics.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ResourceCredit(Base):
    """Who made a resource, by name and the slug of their page: an author, an instructor or
    the institution behind it. Written with the resource, from its authors, instructors and
    institution columns, so "books by this author" reads an index."""

    __tablename__ = "resource_credits"
    __table_args__ = (
        CheckConstraint("role IN ('author', 'instructor', 'institution')", name="role"),
        Index("ix_resource_credits_slug_role", "slug", "role"),
    )

    resource_id: Mapped[int] = mapped_column(
        ForeignKey("resources.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(12), primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))


class ResourceContribution(Base):
    """What one feed said about a resource; the resource is the merge of its contributions.

    Keeping each feed's normalised row lets a changed row update the resource while rows of
    other feeds with the same identity still merge in, whatever order the files come in.
    """

    __tablename__ = "resource_contributions"
    __table_args__ = (UniqueConstraint("resource_id", "feed"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id", ondelete="CASCADE"))
    feed: Mapped[str] = mapped_column(String(300))
    run_id: Mapped[int | None] = mapped_column(Integer)
    # Hashes of the rows merged into ``data``: a row seen before changes nothing.
    row_hashes: Mapped[list[str]] = mapped_column(JSONType)
    # The normalised row as canonical JSON text, written as the import worker encoded it.
    # Deferred: a re-import compares row hashes and needs the row itself only to merge.
    data_json: Mapped[str] = mapped_column(Text, deferred=True)

    @property
    def data(self) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(self.data_json)
        return loaded

    @data.setter
    def data(self, value: dict[str, Any]) -> None:
        self.data_json = canonical_json(value)

"""ORM models of careers: authored guides, O*NET occupations, and what matching reads of them.

A ``Career`` is one page. Authored guides are careers of origin ``guide``; every O*NET
occupation that no guide claims (by its ``onet_code``) becomes a career of origin ``onet``.
The side tables (titles, skills, topics) are derived from the guide and the occupation
together by ``careers.importers.reconcile``, so the order of imports never matters.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Float,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from courseatlas.catalog.models import Skill
from courseatlas.db.base import Base, JSONType, utcnow


class Occupation(Base):
    """One O*NET-SOC occupation as the O*NET database describes it (CC BY 4.0, see docs)."""

    __tablename__ = "occupations"

    code: Mapped[str] = mapped_column(String(10), primary_key=True)  # "15-1252.00"
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    job_zone: Mapped[int | None] = mapped_column(SmallInteger)
    # {"zone": 4, "name": ..., "education": ..., "experience": ..., "training": ...,
    #  "levels": [{"level": "Bachelor's Degree", "share": 61.5}, ...]}
    education: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    # {"scores": {"Realistic": 3.9, ...}, "high_point": ["Investigative", ...]}
    interests: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    work_styles: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    tasks: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    technologies: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    # Detailed work activities (DWA titles), the most tasks first; tools ({"name", "category"}).
    activities: Mapped[list[str]] = mapped_column(JSONType, default=list)
    tools: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    alternate_titles: Mapped[list[str]] = mapped_column(JSONType, default=list)
    related: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    release: Mapped[str | None] = mapped_column(String(50))  # "O*NET 29.2 Database"
    data_hash: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def has_data(self) -> bool:
        """Codes such as "All Other" carry a title and nothing else: no page for them."""
        return bool(self.tasks or self.technologies or self.job_zone)


class Career(Base):
    __tablename__ = "careers"
    __table_args__ = (CheckConstraint("origin IN ('guide', 'onet')", name="origin"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    origin: Mapped[str] = mapped_column(String(10))
    onet_code: Mapped[str | None] = mapped_column(String(10), index=True)
    field: Mapped[str | None] = mapped_column(String(100))
    field_slug: Mapped[str | None] = mapped_column(String(100), index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    # The guide as written: sections in order ([{"key", "title", "body"}]) and front matter.
    sections: Mapped[list[dict[str, str]]] = mapped_column(JSONType, default=list)
    alternate_titles: Mapped[list[str]] = mapped_column(JSONType, default=list)
    guide_skills: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    topic_paths: Mapped[list[str]] = mapped_column(JSONType, default=list)
    related_slugs: Mapped[list[str]] = mapped_column(JSONType, default=list)
    # What the career's work is about in words: stem -> weight, derived on reconcile from
    # everything known about it (``careers.context``); matching tells senses apart with it.
    context: Mapped[dict[str, float]] = mapped_column(JSONType, default=dict)
    guide_file: Mapped[str | None] = mapped_column(String(300))
    guide_hash: Mapped[str | None] = mapped_column(String(64))
    # Hash of the derived rows below, so reconciling rewrites only what changed.
    derived_hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    skills: Mapped[list[CareerSkill]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="CareerSkill.weight.desc()"
    )


class CareerTitle(Base):
    """A name the career is known by: its title, authored and O*NET alternate titles."""

    __tablename__ = "career_titles"

    career_id: Mapped[int] = mapped_column(
        ForeignKey("careers.id", ondelete="CASCADE"), primary_key=True
    )
    # ``careers.names.title_key`` of the title: how goals and searches find it.
    key: Mapped[str] = mapped_column(String(300), primary_key=True, index=True)
    title: Mapped[str] = mapped_column(String(300))
    # How strongly the name designates this career (0 strongest): see ``careers.names.RANKS``.
    rank: Mapped[int] = mapped_column(SmallInteger)


class CareerSkill(Base):
    __tablename__ = "career_skills"
    __table_args__ = (
        CheckConstraint("source IN ('guide', 'onet')", name="source"),
        CheckConstraint("weight > 0 AND weight <= 1", name="weight"),
    )

    career_id: Mapped[int] = mapped_column(
        ForeignKey("careers.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[int] = mapped_column(
        ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    weight: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(10))

    skill: Mapped[Skill] = relationship()


class CareerTopic(Base):
    """A topic path a career's learners study; a path, so it may precede the topic itself."""

    __tablename__ = "career_topics"

    career_id: Mapped[int] = mapped_column(
        ForeignKey("careers.id", ondelete="CASCADE"), primary_key=True
    )
    path: Mapped[str] = mapped_column(String(1000), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


ChangeId = BigInteger().with_variant(Integer, "sqlite")


class CareerMatches(Base):
    """A career's matched courses, books and learning path, stored where every worker and host
    reads them (``careers.matches``): computed after the catalog changes, discarded only when
    a change touches the career (``touched_at``)."""

    __tablename__ = "career_matches"

    career_id: Mapped[int] = mapped_column(
        ForeignKey("careers.id", ondelete="CASCADE"), primary_key=True
    )
    # The change-log floor of the search index they were computed from; None: not computed.
    computed_at: Mapped[int | None] = mapped_column(ChangeId)
    # The last change that could alter them (``careers.matches.affected``): stored matches
    # older than it are stale.
    touched_at: Mapped[int] = mapped_column(ChangeId, default=0)
    # ``careers.matches.career_hash``: the career, semantic layer, display currency and code
    # they came from.
    profile_hash: Mapped[str | None] = mapped_column(String(64))
    payload: Mapped[str | None] = mapped_column(Text)  # ``CareerMatchesOut`` as JSON
    # The lowest score of the candidates they were chosen from: a changed resource that
    # cannot reach it leaves them as they are. None: any change reaching them touches them.
    cutoff: Mapped[float | None] = mapped_column(Float)
    # The best ranked candidates (``careers.matches.StoredRanking`` as JSON): what a goal
    # naming the career alone is answered from.
    ranked: Mapped[str | None] = mapped_column(Text)
    # A process computing them holds them until then, so others pick another career.
    claimed_until: Mapped[datetime | None] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class CareerMatchTerm(Base):
    """What a change must share with a career to touch its stored matches: ``w:<stem>`` of a
    searched word, ``s:<skill name>``, ``t:<topic slug>``, ``r:<id>`` of a resource among
    the candidates they were chosen from."""

    __tablename__ = "career_match_terms"

    term: Mapped[str] = mapped_column(String(300), primary_key=True)
    career_id: Mapped[int] = mapped_column(
        ForeignKey("careers.id", ondelete="CASCADE"), primary_key=True, index=True
    )

"""ORM models of saved lists and their items."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from courseatlas.db.base import Base, utcnow

VISIBILITIES = ("private", "public")
STATUSES = ("want", "taking", "done")


class SavedList(Base):
    __tablename__ = "saved_lists"
    __table_args__ = (
        CheckConstraint("visibility IN ('private', 'public')", name="visibility"),
        Index("ix_saved_lists_user_id_career_slug", "user_id", "career_slug"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    is_default: Mapped[bool] = mapped_column(default=False)  # the "Saved" list Save fills
    visibility: Mapped[str] = mapped_column(String(10), default="private")
    # Random, and kept when a list goes private and public again, so shared links keep working.
    share_id: Mapped[str | None] = mapped_column(String(40), unique=True)
    career_slug: Mapped[str | None] = mapped_column(String(200))  # a saved learning path
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ListItem(Base):
    __tablename__ = "list_items"
    __table_args__ = (CheckConstraint("status IN ('want', 'taking', 'done')", name="status"),)

    list_id: Mapped[int] = mapped_column(
        ForeignKey("saved_lists.id", ondelete="CASCADE"), primary_key=True
    )
    resource_id: Mapped[int] = mapped_column(
        ForeignKey("resources.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="want")
    done_on: Mapped[date | None] = mapped_column(Date)
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

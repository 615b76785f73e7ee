"""What the picture job did with each resource's feed image: stored, or rejected and why."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from courseatlas.db.base import Base, utcnow


class ImageFetch(Base):
    __tablename__ = "image_fetches"

    resource_id: Mapped[int] = mapped_column(
        ForeignKey("resources.id", ondelete="CASCADE"), primary_key=True
    )
    # The feed's URL when it was fetched: a changed URL is fetched again.
    source_url: Mapped[str] = mapped_column(String(2048))
    stored: Mapped[bool]
    reason: Mapped[str | None] = mapped_column(String(500))  # why it was rejected
    width: Mapped[int | None]
    height: Mapped[int | None]
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)

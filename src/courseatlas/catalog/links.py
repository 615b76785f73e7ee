"""What the last checks of a resource's stored URL found: kept beside the catalog, read by search
(dead links are left out by default) and by pages, written by ``courseatlas links check``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from courseatlas.db.base import Base


class LinkState(Base):
    __tablename__ = "link_states"

    resource_id: Mapped[int] = mapped_column(
        ForeignKey("resources.id", ondelete="CASCADE"), primary_key=True
    )
    # The URL checked: when an import changes the resource's URL, this state no longer applies.
    url: Mapped[str] = mapped_column(String(2048))
    checked_at: Mapped[datetime]
    status: Mapped[int | None] = mapped_column(Integer)  # the final HTTP status, if any
    error: Mapped[str | None] = mapped_column(String(300))
    final_url: Mapped[str | None] = mapped_column(String(2048))
    failures: Mapped[int] = mapped_column(Integer, default=0)  # in a row
    failing_since: Mapped[datetime | None]
    dead: Mapped[bool] = mapped_column(default=False, index=True)

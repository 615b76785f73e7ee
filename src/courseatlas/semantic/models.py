"""Stored embeddings: one vector per resource, tagged with the model and content it came from."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from courseatlas.db.base import Base, utcnow

EMBED_BATCH = 1024  # resources read, embedded and committed together by ``embed_pending``


class ResourceEmbedding(Base):
    """A resource's vector as float16 bytes (half the size of float32, same ranking)."""

    __tablename__ = "resource_embeddings"
    # The change marker of in-memory indexes: row count and latest ``embedded_at`` of a model,
    # both read from this index alone.
    __table_args__ = (Index("ix_resource_embeddings_model_embedded_at", "model", "embedded_at"),)

    resource_id: Mapped[int] = mapped_column(
        ForeignKey("resources.id", ondelete="CASCADE"), primary_key=True
    )
    model: Mapped[str] = mapped_column(String(100))
    # The resource's ``content_hash`` when embedded: a different one means the text changed.
    content_hash: Mapped[str] = mapped_column(String(64))
    vector: Mapped[bytes] = mapped_column(LargeBinary)
    embedded_at: Mapped[datetime] = mapped_column(default=utcnow)

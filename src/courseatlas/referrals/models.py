"""ORM models of referrals: partners, clicks and conversions."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Integer, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from courseatlas.catalog.models import Provider
from courseatlas.db.base import Base, JSONType, utcnow


class Partner(Base):
    """A provider with a referral programme; its slug is the provider's."""

    __tablename__ = "partners"

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[int] = mapped_column(
        ForeignKey("providers.id", ondelete="CASCADE"), unique=True
    )
    # Placeholders: {url}, {url_encoded}, {click_id}, {resource_id}.
    template: Mapped[str] = mapped_column(String(2048))
    hosts: Mapped[list[str]] = mapped_column(JSONType, default=list)
    # Kept as given: verifying an HMAC needs the key itself, not a hash of it.
    secret: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    provider: Mapped[Provider] = relationship()


class Click(Base):
    __tablename__ = "clicks"
    __table_args__ = (
        # The dedupe window's lookup: this visitor's last counted click on this resource.
        Index("ix_clicks_visitor_resource_id_at", "visitor", "resource_id", "at"),
    )

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    click_id: Mapped[str] = mapped_column(String(32), unique=True)
    resource_id: Mapped[int | None] = mapped_column(ForeignKey("resources.id", ondelete="SET NULL"))
    # The partner whose template the redirect went through; None when it went direct.
    partner_id: Mapped[int | None] = mapped_column(
        ForeignKey("partners.id", ondelete="SET NULL"), index=True
    )
    page: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(index=True)
    # A salted hash of address and user agent; the salt changes every day.
    visitor: Mapped[str] = mapped_column(String(32))
    bot: Mapped[bool] = mapped_column(default=False)
    # False for bots and for a repeat of the same visitor's click within the dedupe window.
    counted: Mapped[bool] = mapped_column(default=True)


class Conversion(Base):
    __tablename__ = "conversions"
    __table_args__ = (
        CheckConstraint("status IN ('approved', 'reversed')", name="status"),
        CheckConstraint("amount >= 0", name="amount"),
        Index("uq_conversions_partner_id_order_id", "partner_id", "order_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"))
    order_id: Mapped[str] = mapped_column(String(200))
    # As the partner sent it: a click we never recorded leaves the conversion unattributed.
    click_id: Mapped[str] = mapped_column(String(64), index=True)
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 4))
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(10))
    received_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    reversed_at: Mapped[datetime | None]

"""Prices in one currency: the operator's exchange rates and the one conversion everything uses.

Rates are kept per euro, as central banks publish them (1 EUR = ``per_eur`` units), in the
table ``exchange_rates`` (``courseatlas rates load``; the bundled ``data/rates.csv`` fills an
empty table when the database is prepared). The display currency is a setting, handed to
every session by ``db.database`` (``session.info``), so no caller passes it around.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import Numeric, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from courseatlas.db.base import Base, utcnow

REFERENCE = "EUR"  # what rates are quoted against, and what the search index holds prices in
DEFAULT_DISPLAY = "USD"  # the setting's default, for sessions made without settings
CENT = Decimal("0.01")
_INFO_RATES = "exchange_rates"


class ExchangeRate(Base):
    """Units of ``currency`` one euro buys, as the operator last loaded them."""

    __tablename__ = "exchange_rates"

    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    per_eur: Mapped[Decimal] = mapped_column(Numeric(20, 8))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


@dataclass(frozen=True)
class Rates:
    per_eur: Mapping[str, Decimal]
    display: str

    def to_display(self, amount: Decimal, currency: str) -> Decimal | None:
        return convert(self, amount, currency, self.display)

    def to_reference(self, amount: Decimal, currency: str) -> Decimal | None:
        return convert(self, amount, currency, REFERENCE)

    def from_display(self, amount: Decimal) -> Decimal | None:
        """A display amount (a learner's "under 50") in the reference currency, unrounded."""
        return convert(self, amount, self.display, REFERENCE, rounded=False)


def convert(
    rates: Rates, amount: Decimal, source: str, target: str, rounded: bool = True
) -> Decimal | None:
    """``amount`` of ``source`` in ``target``, to the cent; None when either has no rate."""
    if source == target:
        return amount
    source_rate, target_rate = _per_eur(rates, source), _per_eur(rates, target)
    if not source_rate or not target_rate:
        return None
    converted = amount / source_rate * target_rate
    return converted.quantize(CENT, ROUND_HALF_UP) if rounded else converted


def _per_eur(rates: Rates, currency: str) -> Decimal | None:
    return Decimal(1) if currency == REFERENCE else rates.per_eur.get(currency)


def rates(session: Session) -> Rates:
    """The rates in force, read once per session (prices on one page convert alike)."""
    found = session.info.get(_INFO_RATES)
    if not isinstance(found, Rates):
        stored = dict(session.execute(select(ExchangeRate.currency, ExchangeRate.per_eur)).all())
        found = Rates(stored, display_currency(session))
        session.info[_INFO_RATES] = found
    return found


def display_currency(session: Session) -> str:
    return str(session.info.get("display_currency", DEFAULT_DISPLAY))


def forget_rates(session: Session) -> None:
    """After the rates change: the session reads them again."""
    session.info.pop(_INFO_RATES, None)

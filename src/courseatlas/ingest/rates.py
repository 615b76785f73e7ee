"""Exchange rates from a CSV file (``currency,per_eur``), checked row by row, and stored.

A rates file is all or nothing: one bad row and none is stored, since half a table of new
rates beside half of old ones would price the catalog inconsistently. Storing announces to the
search index (which holds prices in the display currency) every resource priced in a currency
whose rate changed, and every priced resource when the display currency's own rate changed.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from courseatlas.catalog.models import Resource
from courseatlas.catalog.money import REFERENCE, ExchangeRate, display_currency, forget_rates
from courseatlas.catalog.vocabularies import CURRENCIES
from courseatlas.db.base import utcnow
from courseatlas.ingest.changelog import SearchChange
from courseatlas.ingest.problems import Problem

HEADER = ("currency", "per_eur")
MAX_FILE_BYTES = 64 * 1024  # some 170 ISO currencies take under 4 KB
MAX_RATE = Decimal("1e11")  # what the column holds (20 digits, 8 after the point)
BUNDLED = "data/rates.csv"


@dataclass(frozen=True)
class RatesChange:
    changed: tuple[str, ...]  # currencies added or given another rate
    unchanged: int
    repriced: int  # resources announced to the search index


def read_rates(data: bytes, file: str) -> tuple[dict[str, Decimal], list[Problem]]:
    """The rates a file states, or every problem with it (file, line, field, reason)."""
    if len(data) > MAX_FILE_BYTES:
        return {}, [Problem(0, "file", f"larger than {MAX_FILE_BYTES // 1024} KB", file)]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return {}, [Problem(0, "file", f"not UTF-8 text (byte {error.start})", file)]
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return {}, [Problem(0, "file", "empty: expected a header line currency,per_eur", file)]
    header = tuple(cell.strip().lower() for cell in rows[0])
    if header != HEADER:
        shown = ",".join(rows[0])
        return {}, [Problem(1, "header", f"expected currency,per_eur, got {shown!r}", file)]
    found: dict[str, Decimal] = {}
    problems: list[Problem] = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        problem = _row_problem(line, row, found)
        if problem is not None:
            problems.append(Problem(problem.line, problem.field, problem.reason, file))
        else:
            found[row[0].strip().upper()] = Decimal(row[1].strip())
    if not found and not problems:
        problems.append(Problem(0, "file", "no rates: the file has only its header", file))
    return ({} if problems else found), problems


def _row_problem(line: int, row: list[str], found: dict[str, Decimal]) -> Problem | None:
    if len(row) != len(HEADER):
        return Problem(line, "row", f"expected 2 fields (currency,per_eur), got {len(row)}")
    code, text = row[0].strip().upper(), row[1].strip()
    if code not in CURRENCIES:
        return Problem(line, "currency", f"unknown currency {row[0]!r} (an ISO 4217 code)")
    if code in found:
        return Problem(line, "currency", f"{code} is listed twice")
    try:
        rate = Decimal(text)
    except InvalidOperation:
        return Problem(line, "per_eur", f"not a number: {text!r}")
    if not rate.is_finite() or rate <= 0 or rate >= MAX_RATE:
        return Problem(line, "per_eur", f"must be above 0 and below {MAX_RATE:,.0f}, got {text}")
    if code == REFERENCE and rate != 1:
        return Problem(line, "per_eur", f"{REFERENCE} is the reference: its rate is 1, got {text}")
    return None


def store_rates(session: Session, new: dict[str, Decimal]) -> RatesChange:
    """Upsert the rates (those not in ``rates`` stay) and announce the resources to reprice."""
    stored = {row.currency: row for row in session.scalars(select(ExchangeRate))}
    changed = []
    for code, rate in sorted(new.items()):
        row = stored.get(code)
        if row is None:
            session.add(ExchangeRate(currency=code, per_eur=rate))
        elif row.per_eur != rate:
            row.per_eur, row.updated_at = rate, utcnow()
        else:
            continue
        changed.append(code)
    repriced = _announce_repriced(session, changed) if changed else 0
    forget_rates(session)
    return RatesChange(tuple(changed), len(new) - len(changed), repriced)


def _announce_repriced(session: Session, changed: list[str]) -> int:
    priced = select(Resource.id).where(Resource.price.is_not(None))
    if display_currency(session) not in changed:
        priced = priced.where(Resource.currency.in_(changed))
    session.flush()
    announce = insert(SearchChange).from_select(["resource_id"], priced)
    return len(session.execute(announce.returning(SearchChange.id)).all())


def bundled_rates() -> tuple[bytes, str]:
    """The default rates shipped with courseatlas, and the name problems would cite."""
    source = resources.files("courseatlas.catalog").joinpath(BUNDLED)
    return source.read_bytes(), str(Path("courseatlas/catalog") / BUNDLED)


def ensure_default_rates(session: Session) -> None:
    """Fill an empty rates table with the bundled rates (a database made ready to serve)."""
    if session.scalar(select(ExchangeRate.currency).limit(1)) is None:
        data, name = bundled_rates()
        found, problems = read_rates(data, name)
        if problems:  # A broken bundled file is a bug in this release.
            raise RuntimeError(f"{problems[0].file}:{problems[0].line}: {problems[0].reason}")
        store_rates(session, found)

"""A list out as CSV or JSON, and a CSV of titles, ISBNs or URLs in, matched to the catalog."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from courseatlas.catalog.models import Resource
from courseatlas.errors import InvalidInput
from courseatlas.ingest.normalise import parse_isbn13
from courseatlas.lists import service
from courseatlas.lists.models import SavedList
from courseatlas.lists.schemas import ListDetail

CSV_COLUMNS = ("position", "title", "kind", "page", "provider", "status", "done_on", "note")
MAX_LINES = 1000
MAX_BYTES = 1_000_000
ISBN_LIKE = re.compile(r"^[\d\s\-]{9,17}[\dXx]$")
PAGE_PATH = re.compile(r"^/(courses|books)/([a-z0-9-]+)/?$")
HEADERS = {"title", "isbn", "isbn13", "url", "link"}


def to_csv(detail: ListDetail) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in detail.items:
        r = item.resource
        writer.writerow(
            [
                item.position,
                _cell(r.title),
                r.kind,
                r.url,
                _cell(r.provider.name if r.provider else ""),
                item.status,
                item.done_on or "",
                _cell(item.note),
            ]
        )
    return out.getvalue()


def _cell(text: str) -> str:
    """Spreadsheets run a cell that starts with = + - @ as a formula: such text is quoted."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@dataclass
class Unmatched:
    line: int
    value: str
    reason: str


@dataclass
class ImportReport:
    added: int = 0
    already: int = 0
    unmatched: list[Unmatched] = field(default_factory=list)


def import_csv(session: Session, user_id: int, saved: SavedList, data: bytes) -> ImportReport:
    """Each line names one resource, by ISBN, URL (its page here or at the provider) or exact
    title; a header row naming the column is allowed. Lines that match nothing are reported."""
    if len(data) > MAX_BYTES:
        raise InvalidInput(f"The file is over {MAX_BYTES // 1000} KB.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("The file is not UTF-8 text.") from None
    rows = list(csv.reader(io.StringIO(text)))
    if len(rows) > MAX_LINES:
        raise InvalidInput(f"The file has more than {MAX_LINES} lines.")
    report = ImportReport()
    column = _column(rows[0]) if rows else None
    for number, row in enumerate(rows, start=1):
        if number == 1 and column is not None:
            continue
        value = (row[column or 0] if len(row) > (column or 0) else "").strip()
        if not value:
            continue
        resource_id, reason = match(session, value)
        if resource_id is None:
            report.unmatched.append(Unmatched(number, value, reason))
            continue
        _, new = service.save(session, user_id, resource_id, saved.id)
        report.added += new
        report.already += not new
    return report


def _column(header: list[str]) -> int | None:
    names = [cell.strip().lower() for cell in header]
    return next((i for i, name in enumerate(names) if name in HEADERS), None)


def match(session: Session, value: str) -> tuple[int | None, str]:
    """The id of the visible resource ``value`` names, or None and why not."""
    if ISBN_LIKE.match(value):
        try:
            isbn = parse_isbn13(value)
        except ValueError as error:
            return None, str(error)
        return _first(session, Resource.isbn13 == isbn), "no book in the catalog has this ISBN"
    if value.startswith(("http://", "https://")):
        return _by_url(session, value), "no course or book in the catalog has this address"
    found = _first(session, func.lower(Resource.title) == value.lower())
    return found, "no course or book in the catalog has exactly this title"


def _by_url(session: Session, url: str) -> int | None:
    page = PAGE_PATH.match(urlsplit(url).path)
    if page:
        found = _first(session, Resource.slug == page.group(2))
        if found:
            return found
    return _first(session, Resource.url.in_([url, url.rstrip("/"), url.rstrip("/") + "/"]))


def _first(session: Session, condition: object) -> int | None:
    query = (
        select(Resource.id)
        .where(condition, Resource.hidden_at.is_(None))  # type: ignore[arg-type]
        .order_by(Resource.popularity.desc().nulls_last(), Resource.id)
        .limit(1)
    )
    return session.scalar(query)

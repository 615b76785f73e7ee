"""Turns raw rows into prepared ones (validated, normalised, identified, hashed) or rejections.

Pure and picklable, so large imports can run it in a second process while the first writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from courseatlas.ingest.problems import Problem
from courseatlas.ingest.readers import RawRow
from courseatlas.ingest.record import (
    ResourceRecord,
    content_hash,
    hash_json,
    validation_problems,
)
from courseatlas.text import canonical_json, json_loads


@dataclass(frozen=True)
class PreparedRow:
    identity_key: str
    data: dict[str, Any]
    row_hash: str
    encoded: str  # ``data`` as canonical JSON
    columns: dict[str, Any]  # Resource column values, but for the provider id.

    @classmethod
    def of(cls, identity_key: str, data: dict[str, Any]) -> PreparedRow:
        """The row of canonical ``data``: encoded, hashed and spread into columns once."""
        encoded = canonical_json(data)
        return _spread(identity_key, data, hash_json(encoded), encoded)

    def __reduce__(self) -> tuple[Any, ...]:
        # Batches cross from the validating process by pickle: as their JSON, a sixth of
        # the CPU of pickling the dicts with their dates and decimals (measured per batch).
        return (_decoded, (self.identity_key, self.row_hash, self.encoded))


def _decoded(identity_key: str, row_hash: str, encoded: str) -> PreparedRow:
    """A row from its canonical JSON (read back exactly as it was written)."""
    return _spread(identity_key, json_loads(encoded), row_hash, encoded)


def _spread(identity_key: str, data: dict[str, Any], row_hash: str, encoded: str) -> PreparedRow:
    """The row with ``data`` spread into its resource columns."""
    return PreparedRow(identity_key, data, row_hash, encoded, resource_columns(data, row_hash))


# Fields that say which resource a row is: a bad one rejects the row. Any other bad
# (optional) value is dropped with a warning and the row stored without it.
IDENTIFYING = frozenset(
    {"row", "kind", "title", "source", "external_id", "url", "isbn", "provider"}
)


@dataclass
class PreparedBatch:
    rows: list[PreparedRow] = field(default_factory=list)
    rejections: list[Problem] = field(default_factory=list)
    rejected_rows: int = 0
    file_errors: list[str] = field(default_factory=list)  # the file itself could not be read


def prepare(items: list[RawRow | Problem]) -> PreparedBatch:
    batch = PreparedBatch()
    for item in items:
        if isinstance(item, Problem):
            batch.rejected_rows += 1
            batch.rejections.append(item)
            continue
        record = _validate(item, batch)
        if record is None:
            continue
        batch.rows.append(PreparedRow.of(record.identity_key, record.to_data()))
    return batch


def _validate(item: RawRow, batch: PreparedBatch) -> ResourceRecord | None:
    """The row's record, without its bad optional values (each a warning); None: rejected."""
    try:
        return ResourceRecord.model_validate(item.data)
    except ValidationError as error:
        problems = validation_problems(error)
    bad = {name.split(".")[0] for name, _ in problems}
    if not bad & IDENTIFYING:
        try:
            record = ResourceRecord.model_validate(
                {k: v for k, v in item.data.items() if k not in bad}
            )
        except ValidationError:
            pass  # Rejected for the problems first found.
        else:
            batch.rejections.extend(
                Problem(item.line, name, f"{reason}; stored without it", severity="warning")
                for name, reason in problems
            )
            return record
    batch.rejected_rows += 1
    batch.rejections.extend(Problem(item.line, name, reason) for name, reason in problems)
    return None


# Row fields stored in resource columns of the same name.
_SAME_NAME = (
    "kind",
    "title",
    "description",
    "syllabus",
    "url",
    "image_url",
    "source",
    "external_id",
    "institution",
    "language",
    "level",
    "free",
    "currency",
    "rating",
    "rating_count",
    "popularity",
    "duration_hours",
    "certificate",
    "pace",
    "publisher",
    "year",
    "pages",
)


def resource_columns(data: dict[str, Any], data_hash: str | None = None) -> dict[str, Any]:
    """The resource's column values for a (merged) row; the provider is resolved by the writer."""
    columns: dict[str, Any] = {name: data.get(name) for name in _SAME_NAME}
    columns["authors"] = data.get("authors", [])
    columns["instructors"] = data.get("instructors", [])
    columns["isbn13"] = data.get("isbn")
    columns["price"] = Decimal(data["price"]) if "price" in data else None
    for name in ("published_at", "starts_on"):
        day = data.get(name)
        columns[name] = date.fromisoformat(day) if day else None
    columns["content_hash"] = data_hash or content_hash(data)
    return columns

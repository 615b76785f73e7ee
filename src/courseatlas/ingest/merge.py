"""Deterministic merging of rows that share an identity: lists united, the richer value wins."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

Row = dict[str, Any]

LIST_FIELDS = ("authors", "instructors", "skills", "topics")
LONGEST_FIELDS = ("title", "description", "syllabus", "institution", "publisher")
LARGEST_FIELDS = ("popularity", "duration_hours", "pages")
PRICE_FIELDS = ("free", "price", "currency")
RATING_FIELDS = ("rating", "rating_count")
SCHEDULE_FIELDS = ("pace", "starts_on")


def merge_rows(rows: Sequence[Row]) -> Row:
    """Merge rows given in a stable order; with one row, the row itself."""
    if len(rows) == 1:
        return dict(rows[0])
    merged: Row = {}
    for row in rows:  # Plain fields: the first row that has a value wins.
        for field, value in row.items():
            merged.setdefault(field, value)
    for field in LIST_FIELDS:
        _put(merged, field, _union([row.get(field) or [] for row in rows]))
    for field in LONGEST_FIELDS:
        _put(merged, field, _best([row.get(field) for row in rows], key=len))
    for field in LARGEST_FIELDS:
        _put(merged, field, _best([row.get(field) for row in rows], key=float))
    _put_group(merged, rows, RATING_FIELDS, key=lambda row: (row.get("rating_count") or 0,))
    _put_group(merged, rows, PRICE_FIELDS, key=lambda row: (row.get("price") is not None,))
    _put_group(merged, rows, SCHEDULE_FIELDS, key=lambda row: ("starts_on" in row,))
    if any(row.get("certificate") for row in rows):
        merged["certificate"] = True
    return merged


def _union(lists: list[list[str]]) -> list[str]:
    return list(dict.fromkeys(item for items in lists for item in items))


def _best(values: list[Any], key: Callable[[Any], Any]) -> Any:
    """The value with the largest key; the earliest one on ties."""
    present = [value for value in values if value is not None]
    return max(present, key=key) if present else None


def _put(merged: Row, field: str, value: Any) -> None:
    if value is None or value == []:
        merged.pop(field, None)
    else:
        merged[field] = value


def _put_group(
    merged: Row, rows: Sequence[Row], fields: tuple[str, ...], key: Callable[[Row], Any]
) -> None:
    """Fields that only make sense together come from one row: the best one that has any."""
    candidates = [row for row in rows if any(field in row for field in fields)]
    if not candidates:
        return
    best = max(candidates, key=key)
    for field in fields:
        _put(merged, field, best.get(field))

"""The machinery every dataset profile shares: read rows, recognise the layout, map each row.

A profile is mostly a function from one dataset row to canonical fields. Everything around
it (reading CSV or a JSON array, telling which layout a file has, turning a row that cannot
be mapped into a reported error) lives here once.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from courseatlas.ingest.problems import Problem
from courseatlas.ingest.profiles.base import Profile
from courseatlas.ingest.readers import RawRow, ReadResult, read_csv

Row = dict[str, Any]
Mapper = Callable[[Row], Row]

# A JSON array is parsed whole, so it gets a size limit; JSON Lines has no such need.
MAX_JSON_ARRAY_BYTES = 64 * 2**20


class Unmappable(ValueError):
    """A row that cannot be mapped onto canonical fields: reported, never raised further."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


@dataclass(frozen=True)
class Layout:
    """One shape a dataset file comes in: the columns that identify it and its row mapper."""

    columns: frozenset[str]
    map: Mapper

    @classmethod
    def of(cls, columns: str, mapper: Mapper) -> Layout:
        """A layout from a comma-separated list of the columns it needs."""
        return cls(frozenset(name.strip() for name in columns.split(",")), mapper)


def map_rows(items: Iterator[ReadResult], layouts: tuple[Layout, ...]) -> Iterator[ReadResult]:
    """Rows mapped by the layout their first row shows; errors passed on, nothing raised."""
    layout: Layout | None = None
    for item in items:
        if isinstance(item, Problem):
            yield item
            continue
        if layout is None:
            layout = _recognise(item.data, layouts)
            if layout is None:
                yield Problem(1, "header", _missing_columns(item.data, layouts))
                return
        yield map_row(item, layout.map)


def map_row(item: RawRow, mapper: Mapper) -> ReadResult:
    try:
        return RawRow(item.line, mapper(item.data))
    except Unmappable as error:
        return Problem(item.line, error.field, error.reason)
    except KeyError as error:  # A column the layout needs is absent from this row.
        return Problem(item.line, str(error.args[0]), "missing from this row")


def _recognise(row: Row, layouts: tuple[Layout, ...]) -> Layout | None:
    return next((layout for layout in layouts if layout.columns <= row.keys()), None)


def _missing_columns(row: Row, layouts: tuple[Layout, ...]) -> str:
    closest = min(layouts, key=lambda layout: len(layout.columns - row.keys()))
    missing = ", ".join(sorted(closest.columns - row.keys()))
    return f"not this profile's file: missing columns {missing}"


def csv_profile(
    name: str,
    description: str,
    *layouts: Layout,
    encoding: str = "utf-8-sig",
    delimiter: str = ",",
    quoting: Literal[0, 1, 2, 3] = csv.QUOTE_MINIMAL,
) -> Profile:
    """A profile for a CSV dataset: read with these options, map each row by its layout."""

    def read(path: Path, stream: IO[bytes]) -> Iterator[ReadResult]:
        rows = read_csv(stream, encoding=encoding, delimiter=delimiter, quoting=quoting)
        return map_rows(rows, layouts)

    return Profile(name, description, read)


def json_array_profile(name: str, description: str, layout: Layout) -> Profile:
    """A profile for a file holding one JSON array of objects."""

    def read(path: Path, stream: IO[bytes]) -> Iterator[ReadResult]:
        return map_rows(read_json_array(stream), (layout,))

    return Profile(name, description, read)


def read_json_array(stream: IO[bytes]) -> Iterator[ReadResult]:
    """The objects of a JSON array, each with the line its opening brace is on.

    Line numbers (not element indexes) are what an operator can open the file at. An element
    that does not parse ends the file: past a syntax error there is no reliable next element.
    """
    data = stream.read(MAX_JSON_ARRAY_BYTES + 1)
    if len(data) > MAX_JSON_ARRAY_BYTES:
        yield Problem(1, "file", f"a JSON array file is at most {MAX_JSON_ARRAY_BYTES // 2**20} MB")
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        yield Problem(data.count(b"\n", 0, error.start) + 1, "row", "invalid UTF-8")
        return
    yield from _array_elements(text)


def _array_elements(text: str) -> Iterator[ReadResult]:
    decoder = json.JSONDecoder()
    lines = _LineCounter(text)
    position = _skip(text, 0)
    if not text.startswith("[", position):
        yield Problem(lines.at(position), "file", "expected a JSON array")
        return
    position = _skip(text, position + 1)
    while position < len(text) and text[position] != "]":
        line = lines.at(position)
        try:
            element, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError as error:
            yield Problem(error.lineno, "row", f"invalid JSON: {error.msg}")
            return
        if isinstance(element, dict):
            yield RawRow(line, element)
        else:
            yield Problem(line, "row", f"expected a JSON object, got {type(element).__name__}")
        position = _skip(text, position)
        if text.startswith(",", position):
            position = _skip(text, position + 1)
        elif not text.startswith("]", position):
            yield Problem(lines.at(position), "row", "invalid JSON: expected , or ]")
            return


def _skip(text: str, position: int) -> int:
    """The position of the next character that is not JSON whitespace."""
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


class _LineCounter:
    """Line numbers of increasing positions in a text, counting each newline once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.position = 0
        self.line = 1

    def at(self, position: int) -> int:
        self.line += self.text.count("\n", self.position, position)
        self.position = position
        return self.line

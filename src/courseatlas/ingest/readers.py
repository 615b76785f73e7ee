"""Streaming readers for JSON Lines and CSV: rows with their line numbers, or why a line is unreadable.

Memory stays flat: one row at a time, and no line or field longer than ``MAX_LINE_BYTES``.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal, cast

from courseatlas.ingest.problems import Problem
from courseatlas.text import json_loads

MAX_LINE_BYTES = 16 * 1024 * 1024
csv.field_size_limit(MAX_LINE_BYTES)


@dataclass(frozen=True, slots=True)
class RawRow:
    line: int
    data: dict[str, Any]


ReadResult = RawRow | Problem


class ByteCounter:
    """Tracks how far into the file on disk reading has got, for progress bars."""

    def __init__(self, raw: IO[bytes], total: int) -> None:
        self.raw = raw
        self.total = total

    @property
    def done(self) -> int:
        return self.raw.tell()


@contextmanager
def open_binary(path: Path) -> Iterator[tuple[IO[bytes], ByteCounter]]:
    """The file's bytes, gunzipped when its name ends in .gz."""
    with path.open("rb") as raw:
        counter = ByteCounter(raw, path.stat().st_size)
        if path.suffix != ".gz":
            yield raw, counter
            return
        with gzip.GzipFile(fileobj=raw, mode="rb") as unzipped:
            yield cast(IO[bytes], unzipped), counter


def read_jsonl(stream: IO[bytes]) -> Iterator[ReadResult]:
    line_no = 0
    while True:
        chunk = stream.readline(MAX_LINE_BYTES + 1)
        if not chunk:
            return
        line_no += 1
        if len(chunk) > MAX_LINE_BYTES and not chunk.endswith(b"\n"):
            while (rest := stream.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass
            yield Problem(line_no, "row", f"line longer than {MAX_LINE_BYTES // 2**20} MB")
            continue
        yield _parse_json_line(line_no, chunk)


def _parse_json_line(line_no: int, chunk: bytes) -> ReadResult:
    if not chunk.strip():
        return Problem(line_no, "row", "empty line")
    try:
        text = chunk.decode("utf-8-sig" if line_no == 1 else "utf-8")
    except UnicodeDecodeError as error:
        return Problem(line_no, "row", f"invalid UTF-8 at byte {error.start}")
    try:
        data = json_loads(text)
    except json.JSONDecodeError as error:
        hint = "" if chunk.endswith(b"\n") else " (the last line looks truncated)"
        return Problem(
            line_no,
            "row",
            f"invalid JSON: {error.msg.removesuffix(' at')} (column {error.colno}){hint}",
        )
    if not isinstance(data, dict):
        return Problem(line_no, "row", f"expected a JSON object, got {type(data).__name__}")
    return RawRow(line_no, data)


def read_csv(
    stream: IO[bytes],
    encoding: str = "utf-8-sig",
    delimiter: str = ",",
    quoting: Literal[0, 1, 2, 3] = csv.QUOTE_MINIMAL,
    fieldnames: list[str] | None = None,
) -> Iterator[ReadResult]:
    """CSV rows as dicts keyed by the header; undecodable bytes make the row's error, not the file's."""
    text = io.TextIOWrapper(stream, encoding=encoding, errors="surrogateescape", newline="")
    try:
        yield from _csv_rows(csv.reader(text, delimiter=delimiter, quoting=quoting), fieldnames)
    finally:
        text.detach()  # The caller owns the byte stream and closes it.


def _csv_rows(reader: Any, fieldnames: list[str] | None) -> Iterator[ReadResult]:
    header = fieldnames or _header(reader)
    if header is None:
        return
    start = reader.line_num + 1
    for values in reader:
        line, start = start, reader.line_num + 1
        if not any(v.strip() for v in values):
            continue
        bad = next((name for name, v in zip(header, values, strict=False) if _undecodable(v)), None)
        if bad is not None:
            yield Problem(line, bad, "invalid bytes for the file's text encoding")
            continue
        if len(values) > len(header):
            yield Problem(line, "row", f"{len(values)} fields but the header has {len(header)}")
            continue
        yield RawRow(line, dict(zip(header, values, strict=False)))


def _header(reader: Any) -> list[str] | None:
    for names in reader:
        return [name.strip() for name in names]
    return None


_SURROGATE = re.compile("[\udc80-\udcff]")


def _undecodable(value: str) -> bool:
    """Bytes the text encoding could not decode (kept as lone surrogates)."""
    return not value.isascii() and _SURROGATE.search(value) is not None


Reader = Callable[[IO[bytes]], Iterator[ReadResult]]


def reader_for(path: Path) -> Reader:
    """The canonical reader for a file name: .jsonl/.ndjson or .csv, optionally gzipped."""
    name = path.name.removesuffix(".gz").lower()
    if name.endswith((".jsonl", ".ndjson", ".json")):
        return read_jsonl
    if name.endswith(".csv"):
        return read_csv
    raise ValueError(f"{path}: unknown feed format (expected .jsonl or .csv, optionally .gz)")

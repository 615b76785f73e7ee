"""Streaming readers: rows with line numbers, unreadable lines reported, never a crash."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from courseatlas.ingest.problems import Problem
from courseatlas.ingest.readers import RawRow, open_binary, read_csv, read_jsonl


def _jsonl(data: bytes) -> list[RawRow | Problem]:
    return list(read_jsonl(io.BytesIO(data)))


def test_jsonl_rows_carry_their_line_numbers() -> None:
    rows = _jsonl(b'{"a": 1}\n\n{"a": 2}\n')
    assert rows == [RawRow(1, {"a": 1}), Problem(2, "row", "empty line"), RawRow(3, {"a": 2})]


def test_jsonl_reports_invalid_utf8_and_keeps_going() -> None:
    rows = _jsonl(b'{"a": "\xff\xfe"}\n{"a": 2}\n')
    assert isinstance(rows[0], Problem) and "invalid UTF-8" in rows[0].reason
    assert rows[1] == RawRow(2, {"a": 2})


def test_jsonl_truncated_last_line() -> None:
    rows = _jsonl(b'{"a": 1}\n{"a": "unfinished')
    assert isinstance(rows[1], Problem)
    assert rows[1].line == 2 and "truncated" in rows[1].reason


def test_jsonl_non_object_rows() -> None:
    rows = _jsonl(b"[1, 2]\n42\n")
    assert all(isinstance(r, Problem) and "JSON object" in r.reason for r in rows)


def test_jsonl_bom_is_ignored() -> None:
    assert _jsonl(b'\xef\xbb\xbf{"a": 1}\n') == [RawRow(1, {"a": 1})]


def test_csv_line_numbers_count_multiline_fields() -> None:
    data = b'kind,title\ncourse,"two\nlines"\ncourse,third\n'
    rows = list(read_csv(io.BytesIO(data)))
    assert rows == [
        RawRow(2, {"kind": "course", "title": "two\nlines"}),
        RawRow(4, {"kind": "course", "title": "third"}),
    ]


def test_csv_invalid_bytes_name_the_field() -> None:
    rows = list(read_csv(io.BytesIO(b"kind,title\ncourse,bad \xff byte\ncourse,ok\n")))
    assert rows[0] == Problem(2, "title", "invalid bytes for the file's text encoding")
    assert rows[1] == RawRow(3, {"kind": "course", "title": "ok"})


def test_csv_too_many_fields() -> None:
    rows = list(read_csv(io.BytesIO(b"kind,title\ncourse,a,extra\n")))
    assert isinstance(rows[0], Problem) and "3 fields" in rows[0].reason


def test_csv_short_rows_leave_fields_absent() -> None:
    rows = list(read_csv(io.BytesIO(b"kind,title,url\ncourse,a\n")))
    assert rows == [RawRow(2, {"kind": "course", "title": "a"})]


def test_gzip_files_are_read_transparently(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"a": 1}\n'))
    with open_binary(path) as (stream, counter):
        assert list(read_jsonl(stream)) == [RawRow(1, {"a": 1})]
        assert counter.done == counter.total

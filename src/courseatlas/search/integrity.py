"""Whether an index directory is whole: its meta.json there, each segment's files intact.

tantivy ends every segment file with a footer: JSON holding a CRC-32 of the content, the
JSON's length, and a magic number. The Python binding does not expose tantivy's checksum
check, so it is repeated here; reading the files costs well under a second at 150k resources.
"""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path
from typing import BinaryIO

FOOTER_MAGIC = 1337
_CHUNK = 1 << 20


def damage(path: Path, expects_documents: bool) -> str | None:
    """What is wrong with the index at ``path``, or None when it is whole.

    ``expects_documents``: the directory has been brought into the change log, so an index
    with no meta.json there lost it (tantivy would quietly start an empty one)."""
    meta_path = path / "meta.json"
    if not meta_path.exists():
        segments_left = any(path.glob("*.store"))
        return "meta.json is missing" if expects_documents or segments_left else None
    try:
        segments = json.loads(meta_path.read_text())["segments"]
    except (ValueError, KeyError, TypeError):
        return "meta.json is unreadable"
    for segment in segments:
        name = str(segment.get("segment_id", "")).replace("-", "")
        files = sorted(path.glob(f"{name}.*"))
        if not name or not files:
            return f"segment {name or '?'} has no files"
        for file in files:
            problem = _footer_problem(file)
            if problem is not None:
                return f"{file.name}: {problem}"
    return None


def _footer_problem(file: Path) -> str | None:
    with file.open("rb") as handle:
        size = handle.seek(0, 2)
        if size < 8:
            return "truncated"
        handle.seek(size - 8)
        length, magic = struct.unpack("<II", handle.read(8))
        if magic != FOOTER_MAGIC or length > size - 8:
            return "its footer is damaged"
        handle.seek(size - 8 - length)
        try:
            expected = int(json.loads(handle.read(length))["crc"])
        except (ValueError, KeyError, TypeError):
            return "its footer is damaged"
        return None if _crc(handle, size - 8 - length) == expected else "checksum mismatch"


def _crc(handle: BinaryIO, length: int) -> int:
    handle.seek(0)
    crc, left = 0, length
    while left > 0:
        chunk = handle.read(min(_CHUNK, left))
        if not chunk:
            break
        crc = zlib.crc32(chunk, crc)
        left -= len(chunk)
    return crc

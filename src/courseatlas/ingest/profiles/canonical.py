"""The canonical feed: JSON Lines or CSV with the field names of docs/feeds.md."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO

from courseatlas.ingest.profiles.base import Profile
from courseatlas.ingest.readers import ReadResult, reader_for


def read(path: Path, stream: IO[bytes]) -> Iterator[ReadResult]:
    return reader_for(path)(stream)


PROFILE = Profile("canonical", __doc__ or "", read)

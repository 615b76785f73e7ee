"""What a profile is: a name, a description and a reader yielding rows with canonical keys."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from courseatlas.ingest.readers import ReadResult


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    # Gets the file's path (to find sibling files) and its opened byte stream.
    read: Callable[[Path, IO[bytes]], Iterator[ReadResult]]

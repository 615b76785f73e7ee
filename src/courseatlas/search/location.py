"""Where the index lives on disk: versioned directories, a CURRENT pointer, the writer lock.

``reindex`` builds a new directory beside the live one and swaps CURRENT atomically; every
process notices the swap and reopens. Each directory records how far into the change log
it has been brought (``applied.json``), so it can always be caught up or rebuilt, and the
schema version and display currency it was built with (its prices are in that currency: a
directory of another one is outdated, as one of another schema is).
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from courseatlas.search.fields import SCHEMA_VERSION


class IndexLocation:
    def __init__(self, data_dir: Path, currency: str) -> None:
        self.root = data_dir / "search"
        self.currency = currency
        self._lock_file: IO[bytes] | None = None

    def current(self) -> Path | None:
        try:
            name = (self.root / "CURRENT").read_text().strip()
        except FileNotFoundError:
            return None
        path = self.root / name
        return path if path.is_dir() and self.usable(path) else None

    def current_marker(self) -> float:
        """Changes whenever CURRENT is replaced: cheap to poll."""
        try:
            return (self.root / "CURRENT").stat().st_mtime_ns
        except FileNotFoundError:
            return 0

    def new_directory(self) -> Path:
        """An empty index directory that appears whole, its applied.json in it: another
        process's ``remove_outdated`` must never take it for an outdated one."""
        staged = self.root / f".new-{uuid.uuid4().hex}"
        staged.mkdir(parents=True)
        self.set_applied(staged, Applied(0))
        path = self.root / f"index-{time.time_ns()}"
        staged.rename(path)
        return path

    def current_or_first(self) -> Path:
        """The index CURRENT names, or a first one made now. Under a lock: workers starting
        together on a new data dir must all open the same one, not one each."""
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / "first.lock").open("ab") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            path = self.current()
            if path is None:  # No index yet, or one of an older schema: start afresh.
                path = self.new_directory()
                self.switch_to(path)
                self.remove_outdated()
            return path

    def switch_to(self, path: Path) -> None:
        _atomic_write(self.root / "CURRENT", path.name)

    def remove_others(self, keep: Path) -> None:
        for path in self.root.glob("index-*"):
            if path != keep:
                shutil.rmtree(path, ignore_errors=True)

    def remove_outdated(self) -> None:
        """Index directories of another schema version or currency: no process uses them."""
        for path in self.root.glob("index-*"):
            if not self.usable(path):
                shutil.rmtree(path, ignore_errors=True)

    def applied(self, path: Path) -> Applied:
        """How far the index at ``path`` is brought into the change log."""
        state = self._read_json(path / "applied.json")
        above = tuple((int(first), int(last)) for first, last in state.get("above", []))
        return Applied(int(state.get("floor", 0)), above)

    def usable(self, path: Path) -> bool:
        state = self._read_json(path / "applied.json")
        return state.get("schema") == SCHEMA_VERSION and state.get("currency") == self.currency

    def set_applied(self, path: Path, applied: Applied) -> None:
        state = {
            "floor": applied.floor,
            "above": applied.above,
            "schema": SCHEMA_VERSION,
            "currency": self.currency,
        }
        self._write_json(path / "applied.json", state)

    def request_rebuild(self) -> None:
        """Ask the writing process to rebuild the index (this one found it damaged)."""
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "REBUILD").touch()

    def rebuild_requested(self) -> bool:
        return (self.root / "REBUILD").exists()

    def clear_rebuild_request(self) -> None:
        (self.root / "REBUILD").unlink(missing_ok=True)

    @property
    def holds_writer(self) -> bool:
        return self._lock_file is not None

    def try_lock_writer(self) -> bool:
        """Become the one process that writes the index; False while another one is."""
        if self._lock_file is not None:
            return True
        self.root.mkdir(parents=True, exist_ok=True)
        handle = (self.root / "writer.lock").open("ab")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        self._lock_file = handle
        return True

    def unlock_writer(self) -> None:
        if self._lock_file is not None:
            fcntl.flock(self._lock_file, fcntl.LOCK_UN)
            self._lock_file.close()
            self._lock_file = None

    @staticmethod
    def _read_json(path: Path) -> dict[str, Any]:
        try:
            loaded: dict[str, Any] = json.loads(path.read_text())
        except (FileNotFoundError, ValueError):
            return {}
        return loaded

    @staticmethod
    def _write_json(path: Path, value: dict[str, Any]) -> None:
        _atomic_write(path, json.dumps(value))


@dataclass(frozen=True)
class Applied:
    """Every change up to ``floor`` is in the index, and those in the ranges ``above`` it
    (changes beyond a hole in the ids: a transaction still in flight, or rolled back)."""

    floor: int
    above: tuple[tuple[int, int], ...] = ()

    @property
    def count_above(self) -> int:
        return sum(last - first + 1 for first, last in self.above)


def _atomic_write(path: Path, content: str) -> None:
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}")  # one per writer, even a thread
    temporary.write_text(content)
    os.replace(temporary, path)

"""Clicks written off the request path: a request only queues its click; a background thread
writes what has queued in one transaction every ``flush_seconds``, and stopping writes the rest."""

from __future__ import annotations

import queue
import threading

import structlog

from courseatlas.db.database import Database
from courseatlas.referrals.repository import ClickEvent, write_clicks

log = structlog.get_logger(__name__)


class ClickRecorder:
    def __init__(self, database: Database, flush_seconds: float) -> None:
        self.database = database
        self.flush_seconds = flush_seconds
        self._queue: queue.SimpleQueue[ClickEvent] = queue.SimpleQueue()
        self._pending: list[ClickEvent] = []  # taken from the queue, not yet written
        self._lock = threading.Lock()  # one flush at a time: the thread's or stop()'s
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def record(self, event: ClickEvent) -> None:
        """Queue a click; never blocks and never touches the database."""
        self._queue.put(event)

    def start(self) -> None:
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="click-recorder", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the thread and write every click still queued (graceful shutdown)."""
        self._stopping.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if not self.flush():
            log.error("clicks_lost", count=len(self._pending))

    def flush(self) -> bool:
        """Write what has queued; on failure the clicks stay pending for the next flush."""
        with self._lock:
            while True:
                try:
                    self._pending.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            if not self._pending:
                return True
            try:
                with self.database.session() as session:
                    write_clicks(session, self._pending)
            except Exception:
                log.exception("clicks_write_failed", pending=len(self._pending))
                return False
            self._pending = []
            return True

    def _run(self) -> None:
        while not self._stopping.wait(self.flush_seconds):
            self.flush()

"""Where rows are read and validated: in this process for small files, in a second process
for large ones, which then reads, parses and validates while this one writes.

Either way the writer sees the same stream: prepared batches, each with how far into the
file reading has got.
"""

from __future__ import annotations

import csv
import multiprocessing
import os
import queue
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from courseatlas.collector import tune_collector
from courseatlas.ingest.problems import Problem
from courseatlas.ingest.profiles import get_profile
from courseatlas.ingest.readers import ReadResult, open_binary
from courseatlas.ingest.validate import PreparedBatch, prepare

# Below this size a second process costs more to start than it saves.
PARALLEL_FROM_BYTES = 4 * 2**20
AHEAD = 2  # batches the reading process may prepare before the writer takes them
READ_ERRORS = (OSError, EOFError, zlib.error, ValueError, UnicodeError, csv.Error)


@dataclass(frozen=True)
class Produced:
    batch: PreparedBatch
    bytes_read: int
    bytes_total: int


def prepared_batches(path: Path, profile_name: str, batch_size: int) -> Iterator[Produced]:
    """The file's rows in prepared batches; a file that cannot be read ends in an error row."""
    profile = get_profile(profile_name)
    try:
        with open_binary(path) as (stream, counter):
            items = _until_unreadable(lambda: profile.read(path, stream))
            while chunk := list(islice(items, batch_size)):
                yield Produced(prepare(chunk), counter.done, counter.total)
    except OSError as error:  # The file cannot be opened at all.
        yield Produced(PreparedBatch(file_errors=[unreadable(error)]), 0, 0)


def batches(path: Path, profile_name: str, batch_size: int) -> Iterator[Produced]:
    """Prepared batches from wherever they are best made for this file."""
    if not worth_a_process(path):
        return prepared_batches(path, profile_name, batch_size)
    return _from_process(path, profile_name, batch_size)


def unreadable(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return f"cannot read: {error.strerror}"
    return f"cannot read: {error}"


def _until_unreadable(read: Callable[[], Iterator[ReadResult]]) -> Iterator[ReadResult]:
    """The rows, then, if the file turns out unreadable (at once or part way), one error.

    Rows read before the failure are kept: they are stored like any others.
    """
    try:
        yield from read()
    except READ_ERRORS as error:
        yield Problem(0, "file", unreadable(error))


def worth_a_process(path: Path) -> bool:
    """Whether the file is large enough for work beside its storing to pay for a process."""
    try:
        return path.stat().st_size >= PARALLEL_FROM_BYTES and (os.cpu_count() or 1) > 1
    except OSError:
        return False


_DONE = "done"


class _WriterGone(Exception):
    """The importing process died: nobody will take another batch."""


def _produce_into(out: Any, path: Path, profile_name: str, batch_size: int) -> None:
    tune_collector()
    try:
        _produce(out, path, profile_name, batch_size)
    except _WriterGone:
        out.cancel_join_thread()  # What is buffered for the pipe is for nobody: exit at once.


def _produce(out: Any, path: Path, profile_name: str, batch_size: int) -> None:
    try:
        for produced in prepared_batches(path, profile_name, batch_size):
            _hand_over(out, produced)
        _hand_over(out, _DONE)
    except _WriterGone:
        raise
    except BaseException as error:  # Reported to the writer, which fails the run with it.
        _hand_over(out, RuntimeError(f"reading {path} failed: {type(error).__name__}: {error}"))


def _hand_over(out: Any, item: object) -> None:
    """Put ``item`` on the queue once the writer has room for it, unless the writer died
    (killed alone, it leaves this process waiting for ever otherwise)."""
    writer = multiprocessing.parent_process()
    while True:
        try:
            out.put(item, timeout=1.0)
            return
        except queue.Full:
            if writer is not None and not writer.is_alive():
                raise _WriterGone from None


def _from_process(path: Path, profile_name: str, batch_size: int) -> Iterator[Produced]:
    context = multiprocessing.get_context("spawn")  # Never fork a process holding connections.
    out = context.Queue(maxsize=AHEAD)
    process = context.Process(
        target=_produce_into, args=(out, path, profile_name, batch_size), daemon=True
    )
    process.start()
    try:
        while True:
            try:
                item = out.get(timeout=1.0)
            except queue.Empty:
                if not process.is_alive():
                    raise RuntimeError(f"the process reading {path} died") from None
                continue
            if isinstance(item, BaseException):
                raise item
            if item == _DONE:
                return
            yield item
    finally:
        if process.is_alive():
            process.terminate()
        process.join()
        out.close()

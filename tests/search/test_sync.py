"""The index follows the catalog through the change log, on SQLite and PostgreSQL."""

from __future__ import annotations

import math
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import delete, select

from courseatlas.catalog.models import Resource
from courseatlas.catalog.summaries import summaries
from courseatlas.db.database import Database
from courseatlas.ingest.changelog import SearchChange
from courseatlas.ingest.service import run_import
from courseatlas.search import indexer as indexer_module
from courseatlas.search.base import SearchRequest
from courseatlas.search.indexer import GAP_GRACE, ChangeCursor, Horizon
from courseatlas.search.location import Applied
from courseatlas.search.query import parse_query
from courseatlas.search.runtime import SearchRuntime
from tests.helpers import course, database_ids, indexed_ids, write_jsonl


def _titles(runtime: SearchRuntime, q: str) -> list[str]:
    hits = runtime.search(SearchRequest(query=parse_query(q + " "))).hits
    with runtime.database.session() as session:
        found = summaries(session, [h.id for h in hits])
        return [found[h.id].title for h in hits]


def test_imports_reach_the_index(db: Database, tmp_path: Path) -> None:
    runtime = SearchRuntime(db)
    assert runtime.sync() == 0
    feed = write_jsonl(tmp_path / "a.jsonl", *(course(n) for n in range(50)))
    run_import(db.sessions, [feed])
    assert runtime.lag() == 50
    assert runtime.sync() == 50
    assert indexed_ids(runtime) == database_ids(db)
    assert runtime.lag() == 0

    renamed = write_jsonl(tmp_path / "a.jsonl", course(0, title="Quantum Origami Basics"))
    run_import(db.sessions, [renamed])
    runtime.sync()
    assert _titles(runtime, "origami") == ["Quantum Origami Basics"]
    assert runtime.engine.document_count() == 50  # replaced, not added beside the old one
    runtime.stop()


def test_deleted_resources_leave_the_index(db: Database, tmp_path: Path) -> None:
    run_import(db.sessions, [write_jsonl(tmp_path / "a.jsonl", course(1), course(2))])
    runtime = SearchRuntime(db)
    runtime.sync()
    with db.session() as session:
        gone = session.scalars(select(Resource.id).order_by(Resource.id)).first()
        session.execute(delete(Resource).where(Resource.id == gone))
        session.add(SearchChange(resource_id=gone))
    runtime.sync()
    assert indexed_ids(runtime) == database_ids(db)
    assert len(indexed_ids(runtime)) == 1
    runtime.stop()


def test_one_process_writes_the_others_follow(db: Database, tmp_path: Path) -> None:
    leader, follower = SearchRuntime(db), SearchRuntime(db)
    leader.sync()
    run_import(db.sessions, [write_jsonl(tmp_path / "a.jsonl", course(1, title="Zebra Finance"))])
    assert follower.sync() == 0  # the leader holds the writer lock
    assert _titles(follower, "zebra") == []
    leader.sync()
    assert leader.lag() == 0
    assert follower.lag() == 1  # committed by the leader, not yet searched here
    assert _titles(follower, "zebra") == []
    follower.sync()  # reloads what the leader committed
    assert _titles(follower, "zebra") == ["Zebra Finance"]
    assert follower.lag() == 0
    leader.stop()
    assert follower.sync() == 0  # nothing left to apply once it takes over
    follower.stop()


def test_reindex_swaps_in_a_fresh_index(db: Database, tmp_path: Path) -> None:
    run_import(db.sessions, [write_jsonl(tmp_path / "a.jsonl", *(course(n) for n in range(20)))])
    live = SearchRuntime(db)
    live.sync()
    old_path = live.engine.path
    builder = SearchRuntime(db)
    new_path = builder.indexer.rebuild()
    assert new_path != old_path
    assert live.engine.path == new_path  # the live runtime noticed the swap
    assert indexed_ids(live) == database_ids(db)
    run_import(db.sessions, [write_jsonl(tmp_path / "b.jsonl", course(99, title="After Swap"))])
    live.stop()
    builder.stop()
    fresh = SearchRuntime(db)
    fresh.sync()
    assert _titles(fresh, "swap") == ["After Swap"]
    fresh.stop()


def test_a_rebuild_writes_what_was_followed_commit_by_commit_in_one_segment(
    db: Database, tmp_path: Path
) -> None:
    """Every segment is visited by every search: a rebuild (reindex, repair) compacts."""
    live = SearchRuntime(db)
    for part in range(3):
        _import(db, tmp_path, part * 10, 10)
        live.sync()
    assert live.engine.index.searcher().num_segments == 3
    live.indexer.rebuild()
    assert live.engine.index.searcher().num_segments == 1
    assert indexed_ids(live) == database_ids(db)
    live.stop()


def test_cursor_waits_for_holes_then_gives_up() -> None:
    cursor = ChangeCursor(floor=10)
    cursor.advance([11, 12, 14], now=0.0)
    assert (cursor.floor, cursor.applied_above) == (12, {14})
    cursor.advance([13], now=1.0)  # a late commit fills the hole
    assert (cursor.floor, cursor.applied_above) == (14, set())
    cursor.advance([16], now=2.0)  # 15 may still be in flight...
    assert cursor.floor == 14
    cursor.advance([], now=2.0 + GAP_GRACE + 1)  # ...or rolled back: skipped eventually
    assert (cursor.floor, cursor.applied_above) == (16, set())


def test_cursor_is_persisted_as_floor_and_ranges() -> None:
    cursor = ChangeCursor(floor=10, applied_above={12, 13, 14, 20})
    assert cursor.applied() == Applied(10, ((12, 14), (20, 20)))
    assert ChangeCursor.of(cursor.applied()).applied_above == {12, 13, 14, 20}


def test_a_hole_in_the_change_log_is_not_lag_for_other_processes(
    db: Database, tmp_path: Path
) -> None:
    feed = write_jsonl(tmp_path / "a.jsonl", course(1), course(2), course(3))
    run_import(db.sessions, [feed])
    with db.session() as session:
        first, hole, *rest = sorted(session.scalars(select(SearchChange.id)))
        # As a transaction killed mid-import leaves it: an id that never commits.
        session.execute(delete(SearchChange).where(SearchChange.id == hole))
    writer = SearchRuntime(db)
    writer.sync()
    assert writer.location.applied(writer.engine.path) == Applied(first, ((rest[0], rest[-1]),))
    writer.stop()
    fresh = SearchRuntime(db)  # another process: a follower's /readyz, or the next writer
    assert fresh.lag() == 0
    assert fresh.sync() == 0  # nothing applied twice
    fresh.stop()


def test_a_hole_waits_for_every_transaction_that_could_fill_it() -> None:
    cursor = ChangeCursor(floor=10)
    cursor.advance([12], now=0.0, horizon=Horizon(xmin=500, xmax=510))
    late = GAP_GRACE + 1
    cursor.advance([], now=late, horizon=Horizon(xmin=500, xmax=520))  # notes xid 520
    cursor.advance([], now=late * 100, horizon=Horizon(xmin=519, xmax=600))
    assert cursor.floor == 10  # transaction 519 may hold change 11: it is not skipped
    cursor.advance([], now=late * 101, horizon=Horizon(xmin=520, xmax=600))
    assert cursor.floor == 12  # every transaction before 520 ended without it: rolled back


def test_a_change_committed_long_after_a_later_one_is_never_skipped(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: no change commits after a later one")
    clock = [1000.0]
    monkeypatch.setattr(indexer_module, "time", SimpleNamespace(monotonic=lambda: clock[0]))
    run_import(db.sessions, [write_jsonl(tmp_path / "a.jsonl", course(1), course(2))])
    runtime = SearchRuntime(db)
    runtime.sync()
    with db.sessions() as long_running:  # A long transaction takes a change id...
        resource = long_running.scalars(select(Resource).filter_by(external_id="c1")).one()
        resource.title = "Slowly Committed Semantics"
        long_running.add(SearchChange(resource_id=resource.id))
        long_running.flush()
        # ...a later import commits changes above it, and hours go by.
        run_import(db.sessions, [write_jsonl(tmp_path / "b.jsonl", course(3))])
        for n in range(3):
            runtime.sync()
            clock[0] += GAP_GRACE * 30
            later = write_jsonl(tmp_path / f"c{n}.jsonl", course(10 + n))
            run_import(db.sessions, [later])
        assert _titles(runtime, "semantics") == []
        long_running.commit()
    runtime.sync()
    assert _titles(runtime, "semantics") == ["Slowly Committed Semantics"]
    assert indexed_ids(runtime) == database_ids(db)
    runtime.stop()


def test_a_process_taking_over_the_writer_sees_what_the_last_one_committed(
    db: Database, tmp_path: Path
) -> None:
    run_import(db.sessions, [write_jsonl(tmp_path / "a.jsonl", course(1, title="Okapi Care"))])
    writer, successor = SearchRuntime(db), SearchRuntime(db)
    successor.engine  # noqa: B018 - the successor opens its reader first...
    assert writer.sync() == 1  # ...then the writer commits the change
    assert _titles(writer, "okapi") == ["Okapi Care"]
    writer.stop()  # dies: the lock is free
    assert successor.sync() == 0  # nothing left to apply, but its reader must move on
    assert _titles(successor, "okapi") == ["Okapi Care"]
    successor.stop()


def test_processes_starting_together_search_one_index(db: Database, tmp_path: Path) -> None:
    """Workers starting at once on a new data dir each find no index: one of them makes it
    and every one opens that one, so what the writer indexes reaches them all (each used to
    make its own, and a follower could stay on an empty one for good)."""
    run_import(db.sessions, [write_jsonl(tmp_path / "a.jsonl", *(course(n) for n in range(5)))])
    runtimes = [SearchRuntime(db) for _ in range(4)]
    together = threading.Barrier(len(runtimes))

    def start(runtime: SearchRuntime) -> None:
        together.wait()
        runtime.sync()

    starting = [threading.Thread(target=start, args=(r,)) for r in runtimes]
    for thread in starting:
        thread.start()
    for thread in starting:
        thread.join()
    for runtime in runtimes:  # the writer has committed by now: followers reload
        runtime.sync()
    current = runtimes[0].location.current()
    assert {runtime.engine.path for runtime in runtimes} == {current}
    assert [runtime.document_count() for runtime in runtimes] == [5] * len(runtimes)
    assert sorted(p.name for p in (tmp_path / "search").glob("index-*")) == [current.name]
    for runtime in runtimes:
        runtime.stop()


def _import(db: Database, tmp_path: Path, first: int, count: int) -> None:
    rows = (course(n) for n in range(first, first + count))
    run_import(db.sessions, [write_jsonl(tmp_path / f"{first}.jsonl", *rows)])


def test_a_bulk_load_is_followed_in_few_index_segments(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import's index follower holds what it caught up (each commit is a segment every
    search visits), committing every BULK_COMMIT changes and when the load ends."""
    monkeypatch.setattr(indexer_module, "BATCH", 10)
    monkeypatch.setattr(indexer_module, "BULK_COMMIT", 40)
    _import(db, tmp_path, 100, 1)  # a catalog already searched
    follower, reader = SearchRuntime(db), SearchRuntime(db)
    follower.follow_bulk_load()
    follower.sync()
    for part in range(7):  # a load arriving 10 at a time, caught up after each part
        _import(db, tmp_path, part * 10, 10)
        follower.sync(follower.hold_seconds)
    reader.sync()
    # 70 caught up, 40 committed: what is held is neither searchable nor recorded applied.
    assert reader.document_count() == 41
    assert follower.indexer.floor(follower.engine) < max(_change_ids(db))
    assert reader.lag() == 30
    _import(db, tmp_path, 70, 5)
    follower.sync(follower.hold_seconds)
    follower.stop()  # the load ended: what is held is committed
    reader.sync()
    assert indexed_ids(reader) == database_ids(db)
    assert reader.lag() == 0
    assert reader.engine.index.searcher().num_segments <= 4
    reader.stop()


def test_a_first_bulk_load_is_committed_once_when_it_ends(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Into an index nobody can search yet, a bulk load's follower commits only at the end:
    the index appears whole, in one segment, as a rebuild writes it."""
    monkeypatch.setattr(indexer_module, "BATCH", 10)
    monkeypatch.setattr(indexer_module, "BULK_COMMIT", 40)
    follower, reader = SearchRuntime(db), SearchRuntime(db)
    follower.follow_bulk_load()
    for part in range(7):
        _import(db, tmp_path, part * 10, 10)
        follower.sync(follower.hold_seconds)
    reader.sync()
    assert reader.document_count() == 0
    assert reader.lag() == 70
    follower.stop()
    reader.sync()
    assert indexed_ids(reader) == database_ids(db)
    assert reader.engine.index.searcher().num_segments == 1
    reader.stop()


def test_a_stream_of_changes_is_committed_every_few_seconds(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server's background sync commits the first change after a quiet spell at once,
    then holds what it catches up until it committed ``hold_seconds`` ago; an explicit
    sync commits at once."""
    clock = SimpleNamespace(now=1000.0)
    monkeypatch.setattr(indexer_module, "time", SimpleNamespace(monotonic=lambda: clock.now))
    writer, reader = SearchRuntime(db), SearchRuntime(db)
    _import(db, tmp_path, 0, 3)
    writer.sync(hold_seconds=3.0)
    reader.sync()
    assert reader.document_count() == 3
    clock.now += 1.0
    _import(db, tmp_path, 3, 2)
    writer.sync(hold_seconds=3.0)
    reader.sync()
    assert reader.document_count() == 3  # committed a second ago: held
    clock.now += 2.5
    writer.sync(hold_seconds=3.0)  # nothing new, and the hold is over
    reader.sync()
    assert reader.document_count() == 5
    clock.now += 1.0
    _import(db, tmp_path, 5, 1)
    writer.sync(hold_seconds=3.0)
    writer.sync()  # as `courseatlas import` and the tests ask: committed now
    reader.sync()
    assert indexed_ids(reader) == database_ids(db)
    writer.stop()
    reader.stop()


def test_a_failed_commit_leaves_held_changes_to_be_applied_again(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indexer_module, "BATCH", 10)
    runtime = SearchRuntime(db)
    _import(db, tmp_path, 0, 30)
    runtime.sync(hold_seconds=math.inf)
    engine = runtime.engine
    commit = engine.commit

    def full_disk() -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(engine, "commit", full_disk)
    with pytest.raises(OSError):
        runtime.indexer.flush(engine)
    assert runtime.indexer.floor(engine) == 0  # nothing recorded applied
    monkeypatch.setattr(engine, "commit", commit)
    runtime.sync()  # the cursor went back: the 30 are written again, and committed
    assert indexed_ids(runtime) == database_ids(db)
    assert runtime.indexer.floor(engine) == max(_change_ids(db))
    runtime.stop()


def _change_ids(db: Database) -> list[int]:
    with db.session() as session:
        return list(session.scalars(select(SearchChange.id)))

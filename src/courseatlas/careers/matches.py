"""A career's matches, stored in the database so that every worker and host reads them.

Matching a career reads about a thousand candidates from some fifty searches: too much for a
page view. The matches are computed in the background after the catalog changes
(``Precompute``, in the process that writes a host's search index), or on demand the first
time a page asks before that, and stored with the terms a change must share with the
career to alter them (``matching.reach``) and the lowest score a resource needs to be among
the candidates they were chosen from (``Matches.chosen_from``). The indexer tells
``touch_changed`` of every batch it applies: a career goes stale only when a changed
resource was among those candidates, or could now enter them: it shares a term with the
career and the highest score it could have as the career's candidate
(``candidates.ceiling``) reaches that lowest score.

Stored matches are fresh while no change touched them since the index they came from, the
career's profile is the one they were computed for, and the code that computed them is the
code running.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypedDict

import structlog
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from courseatlas.cache import LRUCache
from courseatlas.careers import stored
from courseatlas.careers.models import Career
from courseatlas.careers.profiles import career_profile
from courseatlas.careers.repository import careers_version
from courseatlas.careers.schemas import CareerMatchesOut
from courseatlas.catalog.money import display_currency
from courseatlas.db.database import Database
from courseatlas.matching import candidates, reach
from courseatlas.matching.scoring import Candidate
from courseatlas.matching.service import (
    PATH_POOL,
    find_matches,
    learning_path,
    matched_resources,
)
from courseatlas.matching.wants import Profile
from courseatlas.search.base import SearchBackend
from courseatlas.search.documents import IndexDocument
from courseatlas.search.runtime import SearchRuntime
from courseatlas.semantic.meaning import Meaning

log = structlog.get_logger(__name__)

MATCHED_COURSES = 12
MATCHED_BOOKS = 8
# A batch of more changed resources than this reaches every career in practice (a
# thousand resources' words cover most careers' phrases): all are touched, unread.
WHOLE_CATALOG = 1000
CLAIM_SECONDS = 300.0  # a career being computed is left to its process this long
PRECOMPUTE_SECONDS = 5.0  # how often the background job looks for stale careers
PROFILES_KEPT = 2000  # career profiles remembered for checking changes against (O*NET: ~1,000)
_CODE = ("matching", "careers/profiles.py", "careers/matches.py", "careers/context.py")


def career_matches(
    session: Session, runtime: SearchBackend, career: Career, meaning: Meaning | None = None
) -> CareerMatchesOut:
    """The stored matches if fresh, else computed now and stored for every worker."""
    digest = career_hash(career, meaning, display_currency(session))
    payload = stored.fresh_payload(session, career.id, digest)
    if payload is not None:
        return CareerMatchesOut.model_validate_json(payload)
    floor = runtime.floor()  # Before computing: the index may move on meanwhile.
    matches, computed = compute(session, runtime, career_profile(session, career), meaning)
    try:
        with session.begin_nested():
            stored.save(session, career.id, computed, digest, floor)
    except SQLAlchemyError as error:  # Busy, or stored by another worker: computed again later.
        log.info("career_matches_not_stored", career=career.slug, error=type(error).__name__)
    return matches


def compute(
    session: Session, runtime: SearchBackend, profile: Profile, meaning: Meaning | None
) -> tuple[CareerMatchesOut, stored.Computed]:
    """The matches, and them as stored: with the terms a change must share to touch them and
    the score it must reach."""
    matches = find_matches(session, runtime, profile, meaning)
    out = CareerMatchesOut(
        courses=matched_resources(session, matches, matches.top(MATCHED_COURSES, "course")),
        books=matched_resources(session, matches, matches.top(MATCHED_BOOKS, "book")),
        learning_path=learning_path(session, matches),
    )
    chosen_from, cutoff = matches.chosen_from({"course": MATCHED_COURSES, "book": MATCHED_BOOKS})
    terms = reach.profile_reach(session, profile) | {reach.resource_term(c.id) for c in chosen_from}
    # Closeness in meaning is not worked out for a change: any change it reaches touches it.
    ranked = StoredRanking(
        complete=len(matches.ranked) <= PATH_POOL,
        candidates=[c.as_dict() for c in matches.ranked[:PATH_POOL]],
    )
    payload = out.model_dump_json()
    return out, stored.Computed(payload, terms, None if meaning else cutoff, json.dumps(ranked))


class StoredRanking(TypedDict):
    complete: bool  # every ranked candidate, not only the best PATH_POOL
    candidates: list[dict[str, Any]]  # ``Candidate.as_dict``, best first


def stored_ranking(session: Session, career: Career, needed: int) -> list[Candidate] | None:
    """The career's best ``needed`` ranked candidates (or all, when fewer qualify) as stored
    with its fresh matches (computed without the semantic layer); None when they are not
    stored or too few are."""
    digest = career_hash(career, None, display_currency(session))
    found = stored.fresh_ranked(session, career.id, digest)
    if found is None:
        return None
    ranking: StoredRanking = json.loads(found)
    if not ranking["complete"] and len(ranking["candidates"]) < needed:
        return None
    return [Candidate.from_dict(data) for data in ranking["candidates"]]


def career_hash(career: Career, meaning: Meaning | None, currency: str) -> str:
    """What the matches were computed from: the career as last changed (a change to its
    words bumps ``updated_at``, to its skills or topics ``derived_hash``; a change to any
    career's skills discards every career's matches, see ``importers.reconcile``), the
    semantic layer, the display currency of their prices (a change of exchange rates
    reprices through the change log), and the code."""
    data = {
        "career": [career.id, career.updated_at.isoformat(), career.derived_hash],
        "meaning": meaning is not None,
        "currency": currency,
        "code": _code_hash(),
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


@cache
def _code_hash() -> str:
    root = Path(__file__).resolve().parents[1]
    paths = [root / part for part in _CODE]
    files = sorted(f for p in paths for f in (p.rglob("*.py") if p.is_dir() else [p]))
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.read_bytes())
    return digest.hexdigest()


def touch_changed(
    database: Database, documents: list[IndexDocument], deleted: list[int], change_id: int
) -> int:
    """Mark stale the careers whose stored matches the changed (or deleted) resources could
    enter or leave; returns how many were fresh."""
    with database.session() as session:
        # With none fresh (as while a catalog is first imported) there is nothing to work out.
        if len(documents) + len(deleted) > WHOLE_CATALOG or not stored.any_fresh(session):
            touched = stored.touch(session, None, change_id)
        else:
            touched = stored.touch(session, affected(session, documents, deleted), change_id)
    if touched:
        log.info("career_matches_touched", careers=touched, change=change_id)
    return touched


def affected(session: Session, documents: list[IndexDocument], deleted: list[int]) -> set[int]:
    """The careers a change may alter the stored matches of: those stale already (their
    matches may be being computed from an index without it), and the fresh ones that one of
    the resources was a candidate of or could now be a good enough candidate of."""
    by_term: dict[str, set[int]] = {}  # term -> the changed resources that hold it
    for document in documents:
        for term in reach.document_terms(document):
            by_term.setdefault(term, set()).add(document.id)
    for resource_id in deleted:
        by_term.setdefault(reach.resource_term(resource_id), set()).add(resource_id)
    reached = stored.reached(session, set(by_term))
    cutoffs = stored.cutoffs(session, reached)
    touched = {career_id for career_id in reached if career_id not in cutoffs}
    loaded: candidates.Loaded | None = None
    version = careers_version(session)
    for career in session.scalars(select(Career).where(Career.id.in_(cutoffs))):
        terms, cutoff = reached[career.id], cutoffs[career.id]
        if cutoff is None or any(t.startswith(reach.RESOURCE) for t in terms):
            touched.add(career.id)
            continue
        loaded = loaded or candidates.load(session, {d.id for d in documents})
        ids = {resource_id for term in terms for resource_id in by_term[term]}
        ceiling = candidates.ceiling(loaded.only(ids), _profile(session, career, version))
        if ceiling and ceiling[0].score >= cutoff:
            touched.add(career.id)
    return touched


def _profile(session: Session, career: Career, version: tuple[int, str]) -> Profile:
    """The career's profile; remembered while no career changes (``version``: a change to
    any career's skills changes every career's ``distinctiveness``)."""
    key = (career.id, version)
    profile = _PROFILES.get(key)
    if profile is None:
        profile = career_profile(session, career)
        _PROFILES.put(key, profile)
    return profile


_PROFILES: LRUCache[Profile] = LRUCache(PROFILES_KEPT)


class Precompute:
    """Computes stale careers in the background, in the process that writes the index (one
    per host); on several hosts, each claims a career before computing it."""

    def __init__(
        self, database: Database, runtime: SearchRuntime, meaning: Callable[[], Meaning | None]
    ) -> None:
        self.database = database
        self.runtime = runtime
        self.meaning = meaning
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def follow(self) -> None:
        """Hear of every batch the indexer applies: touch what it reaches, then compute."""
        follow_changes(self.runtime, self._wake.set)

    def run(self) -> int:
        """Compute every stale career this process can; returns how many it computed."""
        if not self.runtime.location.holds_writer:
            return 0
        with self.database.session() as session:
            stored.add_missing(session)
        done = 0
        while not self._stop.is_set():
            with self.database.session() as session:
                career_id = stored.claim_next(session, self.runtime.floor(), CLAIM_SECONDS)
            if career_id is None:
                break
            with self.database.session() as session:
                career = session.get(Career, career_id)
                if career is not None:
                    career_matches(session, self.runtime, career, self.meaning())
            done += 1
        if done:
            log.info("career_matches_computed", careers=done)
        return done

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="career-matches", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.run()
            except SQLAlchemyError as error:  # The database is away or busy: next round.
                log.warning("career_matches_failed", error=type(error).__name__)
            except Exception:  # Logged; the career's claim lapses and it is tried again.
                log.exception("career_matches_failed")
            self._wake.wait(PRECOMPUTE_SECONDS)
            self._wake.clear()


def follow_changes(runtime: SearchRuntime, on_touched: Callable[[], None] | None = None) -> None:
    """Touch stored matches for every batch this runtime's indexer applies."""

    def listener(documents: list[IndexDocument], deleted: list[int], change: int) -> None:
        if touch_changed(runtime.database, documents, deleted, change) and on_touched:
            on_touched()

    runtime.indexer.listeners.append(listener)

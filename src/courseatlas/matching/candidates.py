"""Candidate resources for a profile, with the evidence of what each covers.

Two sources, because real catalogs are uneven: the skill links (``resource_skills``), and the
search index, asked for each wanted skill's spellings in titles and descriptions (most
public datasets carry no skills at all). A spelling found in the title is stronger evidence
than one in the description. With the semantic layer on, a third: the resources closest in
meaning to the profile's text, and every candidate's closeness to it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from courseatlas.catalog.models import Provider, Resource, ResourceSkill, ResourceTopic, Topic
from courseatlas.matching import scoring
from courseatlas.matching.context import Context, about
from courseatlas.matching.scoring import DESCRIPTION, TAGGED, TITLE, Candidate
from courseatlas.matching.wants import Profile, Spelled, Want, normal_text
from courseatlas.search.base import SearchBackend, SearchFilters, SearchRequest, Sort
from courseatlas.search.query import ParsedQuery, parse_query
from courseatlas.semantic.meaning import Meaning
from courseatlas.text import alias_key

KINDS = ("course", "book")
TAGGED_LIMIT = 200  # resources linked to the most weight of the heavier wanted skills
TAGGED_WEIGHT = 0.5  # the wanted skills heavy enough to look up in resource_skills
# Search hits per spelling: the best matches, and for the core wants the most popular too
# (a flagship course on a frequent skill is rarely among the best BM25 matches of its name).
PER_SPELLING: dict[Sort, int] = {"relevance": 40, "popular": 20}
CORE_WEIGHT = 0.7
PER_TOPIC = 30  # best-rated resources per profile topic and kind
FOCUS = 4  # a resource linked to at most this many skills is fully about each
NEAREST = 100  # resources closest in meaning to the profile's text (semantic layer on)
FICTION = "Fiction"  # the topic root of stories (catalog/data/topics)
CONTEXT_QUERIES = 16  # the heaviest context words searched for
CONTEXT_POPULAR = 6  # of which the most popular resources too


def gather(
    session: Session,
    runtime: SearchBackend,
    profile: Profile,
    kinds: Sequence[str] = KINDS,
    meaning: Meaning | None = None,
) -> list[Candidate]:
    mentioned = _search_hits(runtime, profile.wants)
    context = Context(profile.context)
    topics = topic_slugs(session, profile.topic_paths)
    in_topics = _topic_hits(runtime, topics, kinds)
    meaning = meaning if profile.text else None
    ids = set(_most_tagged(session, profile.wants)) | set(in_topics)
    ids |= {rid for hits in mentioned.values() for rid in hits}
    ids |= _context_hits(runtime, context)
    if meaning is not None:
        ids |= {rid for rid, _ in meaning.nearest(profile.text, NEAREST, profile.exclude)}
    ids -= profile.exclude
    # Descriptions are read for the sense check (context), else for a search's hits only.
    described = None if context else {rid for hits in mentioned.values() for rid in hits}
    found = assess(load(session, ids, kinds, described), profile, mentioned)
    if meaning is not None:
        for resource_id, similarity in meaning.similarity(profile.text, found).items():
            found[resource_id].similarity = similarity
    return list(found.values())


@dataclass
class Loaded:
    """Candidate resources as read from the catalog, once for any number of profiles: their
    fields, descriptions (to check what the index matched by stem), skill links and topics."""

    fields: dict[int, dict[str, Any]] = field(default_factory=dict)
    descriptions: dict[int, str] = field(default_factory=dict)
    links: list[tuple[int, int]] = field(default_factory=list)  # (resource id, skill id)
    filed: dict[int, list[str]] = field(default_factory=dict)  # resource id -> topic paths

    def only(self, ids: set[int]) -> Loaded:
        """These of the resources."""
        return Loaded(
            {i: f for i, f in self.fields.items() if i in ids},
            {i: d for i, d in self.descriptions.items() if i in ids},
            [link for link in self.links if link[0] in ids],
            {i: paths for i, paths in self.filed.items() if i in ids},
        )


def load(
    session: Session,
    ids: Iterable[int],
    kinds: Sequence[str] = KINDS,
    described: Collection[int] | None = None,
) -> Loaded:
    """The resources ``ids`` of ``kinds``; the descriptions of those ``described`` (None:
    of all)."""
    ids = set(ids)
    if not ids:
        return Loaded()
    loaded = Loaded()
    # By id only: with a kind condition too, SQLite scans the kind index instead.
    query = (
        select(*_COLUMNS, Provider.name)
        .outerjoin(Provider, Provider.id == Resource.provider_id)
        .where(Resource.id.in_(ids))
    )
    for row in session.execute(query):
        if row.kind not in kinds:
            continue
        loaded.fields[row.id] = {
            "id": row.id,
            "kind": row.kind,
            "title": row.title,
            "level": row.level,
            "source_key": _source_key(row.kind, row.name, row.publisher, row.authors),
            "rating": row.rating,
            "rating_count": row.rating_count,
            "popularity": row.popularity,
            "duration_hours": row.duration_hours,
            "free": row.free,
        }
    wanted = loaded.fields.keys() if described is None else loaded.fields.keys() & described
    if wanted:
        texts = select(Resource.id, Resource.description).where(Resource.id.in_(wanted))
        loaded.descriptions.update((rid, text or "") for rid, text in session.execute(texts))
    if loaded.fields:
        loaded.links = [
            (resource_id, skill_id)
            for resource_id, skill_id in session.execute(
                select(ResourceSkill.resource_id, ResourceSkill.skill_id).where(
                    ResourceSkill.resource_id.in_(loaded.fields)
                )
            )
        ]
        loaded.filed = _filed(session, loaded.fields)
    return loaded


def assess(
    loaded: Loaded, profile: Profile, mentioned: dict[str, set[int]] | None
) -> dict[int, Candidate]:
    """The loaded resources as candidates of ``profile``, with the evidence of what each
    covers. ``mentioned``: want key -> the resources its searches found; None: as if every
    search found every resource (the most evidence they can have: see ``ceiling``)."""
    candidates = {rid: Candidate(**fields) for rid, fields in loaded.fields.items()}
    context = Context(profile.context)
    _add_tagged(candidates, loaded.links, profile.wants)
    _add_mentions(candidates, profile.wants, mentioned, loaded.descriptions)
    _add_topics(candidates, loaded.filed, profile.topic_paths, context)
    _add_filed_skills(candidates, loaded.filed, profile.wants)
    if context:
        for resource_id, candidate in candidates.items():
            candidate.context_found = context.found(
                candidate.title, loaded.descriptions.get(resource_id, "")
            )
            candidate.context = about(candidate.context_found)
    return candidates


def ceiling(loaded: Loaded, profile: Profile) -> list[Candidate]:
    """The loaded resources ranked by the highest score each could have among the profile's
    candidates, whichever searches found it; those that could not qualify left out."""
    if profile.is_empty:
        return []
    found = assess(loaded, profile, None)
    return scoring.rank(found.values(), scoring.Weights.of(profile.wants))


def _most_tagged(session: Session, wants: Iterable[Want]) -> list[int]:
    weights = {
        want.skill_id: want.weight
        for want in wants
        if want.skill_id is not None and want.weight >= TAGGED_WEIGHT
    }
    if not weights:
        return []
    if len(weights) == 1:  # The same order (all weigh the same), read off the index.
        (skill_id,) = weights
        return list(
            session.scalars(
                select(ResourceSkill.resource_id)
                .where(ResourceSkill.skill_id == skill_id)
                .order_by(ResourceSkill.resource_id)
                .limit(TAGGED_LIMIT)
            )
        )
    total = func.sum(case(weights, value=ResourceSkill.skill_id, else_=0.0))
    query = (
        select(ResourceSkill.resource_id)
        .where(ResourceSkill.skill_id.in_(weights))
        .group_by(ResourceSkill.resource_id)
        .order_by(total.desc(), ResourceSkill.resource_id)
        .limit(TAGGED_LIMIT)
    )
    return list(session.scalars(query))


def _search_hits(runtime: SearchBackend, wants: Iterable[Want]) -> dict[str, set[int]]:
    """Want key -> ids of resources whose text may mention one of its spellings."""
    found: dict[str, set[int]] = {}
    for want in wants:
        for spelling in want.spellings:
            query = _spelling_query(spelling)
            for sort, limit in PER_SPELLING.items():
                if sort == "popular" and want.weight < CORE_WEIGHT:
                    continue
                request = SearchRequest(
                    query=query,
                    sort=sort,
                    limit=limit,
                    facets=False,
                    snippets=False,
                )
                result = runtime.search(request)
                if result.corrected_query is None:  # A corrected word is another word.
                    found.setdefault(want.key, set()).update(hit.id for hit in result.hits)
    return found


def _context_hits(runtime: SearchBackend, context: Context) -> set[int]:
    """Resources whose text names one of the heaviest context words."""
    found: set[int] = set()
    for rank, word in enumerate(context.heaviest(CONTEXT_QUERIES)):
        for sort, limit in PER_SPELLING.items():
            if sort == "popular" and rank >= CONTEXT_POPULAR:
                continue
            request = SearchRequest(
                query=_spelling_query(word), sort=sort, limit=limit, facets=False, snippets=False
            )
            found.update(hit.id for hit in runtime.search(request).hits)
    return found


def _spelling_query(spelling: str) -> ParsedQuery:
    """A spelling is a phrase ("data analysis", not "data" and "analysis" apart); a phrase of
    one word too, as the engine does not try to correct the spelling of phrases."""
    return ParsedQuery(phrases=(parse_query(spelling).words,))


def topic_slugs(session: Session, paths: Sequence[str]) -> list[str]:
    if not paths:
        return []
    return list(session.scalars(select(Topic.slug).where(Topic.path.in_(paths))))


def _topic_hits(runtime: SearchBackend, slugs: Sequence[str], kinds: Sequence[str]) -> list[int]:
    ids: list[int] = []
    for slug in slugs:
        for kind in kinds:
            request = SearchRequest(
                filters=SearchFilters(kind=kind, topic=slug),
                sort="rating",
                limit=PER_TOPIC,
                facets=False,
                snippets=False,
            )
            ids.extend(hit.id for hit in runtime.search(request).hits)
    return ids


# Columns, not ORM objects: a page reads a thousand candidates.
_COLUMNS = (
    Resource.id,
    Resource.kind,
    Resource.title,
    Resource.level,
    Resource.publisher,
    Resource.authors,
    Resource.rating,
    Resource.rating_count,
    Resource.popularity,
    Resource.duration_hours,
    Resource.free,
)


def _source_key(
    kind: str, provider: str | None, publisher: str | None, authors: list[str]
) -> str | None:
    """Who a result comes from, for diversity: a book's publisher or author, a course's
    provider (book "providers" are catalogs such as Goodreads, not who wrote them)."""
    if kind == "book":
        return publisher or (authors[0] if authors else None)
    return provider


def _add_tagged(
    candidates: dict[int, Candidate], links: list[tuple[int, int]], wants: Iterable[Want]
) -> None:
    """Evidence from skill links, each worth less the more skills the resource is linked to."""
    by_skill = {want.skill_id: want.key for want in wants if want.skill_id is not None}
    if not by_skill or not candidates:
        return
    counts = Counter(resource_id for resource_id, _ in links)
    for resource_id, skill_id in links:
        if skill_id in by_skill and resource_id in candidates:
            focus = min(1.0, math.sqrt(FOCUS / counts[resource_id]))
            candidates[resource_id].add(by_skill[skill_id], TAGGED * focus, "tagged")


def _add_mentions(
    candidates: dict[int, Candidate],
    wants: Iterable[Want],
    mentioned: dict[str, set[int]] | None,
    descriptions: dict[int, str],
) -> None:
    """Evidence from the text, word for word: every candidate's title is read for every want
    (whichever search found it), and the descriptions of a want's search hits for it (of
    every candidate when ``mentioned`` is None). The index matches stems, so "Accounting"
    also finds "A Personal Account": not evidence."""
    titles = {rid: normal_text(c.title) for rid, c in candidates.items()}
    texts: dict[int, str] = {}
    for want in wants:
        if not want.spellings:
            continue
        spelled = Spelled(want.spellings)
        hits = candidates.keys() if mentioned is None else mentioned.get(want.key, set())
        for resource_id, candidate in candidates.items():
            if spelled.said_in(titles[resource_id]):
                candidate.add(want.key, TITLE, "title")
            elif resource_id in hits and want.key not in candidate.evidence:
                if resource_id not in texts:
                    texts[resource_id] = normal_text(descriptions.get(resource_id, ""))
                if spelled.said_in(texts[resource_id]):
                    candidate.add(want.key, DESCRIPTION, "description")


def _filed(session: Session, ids: Iterable[int]) -> dict[int, list[str]]:
    """The topic paths each resource is filed under."""
    filed: dict[int, list[str]] = {}
    rows = session.execute(
        select(ResourceTopic.resource_id, Topic.path)
        .join(Topic, Topic.id == ResourceTopic.topic_id)
        .where(ResourceTopic.resource_id.in_(ids))
    )
    for resource_id, path in rows:
        filed.setdefault(resource_id, []).append(path)
    return filed


def _add_filed_skills(
    candidates: dict[int, Candidate], filed: dict[int, list[str]], wants: Iterable[Want]
) -> None:
    """Wanted skills a candidate is filed under a topic of the name of (``Databases > SQL``
    teaches SQL), which a learning path counts as taught."""
    by_name = {alias_key(w.label): w.key for w in wants if w.skill_id is not None}
    for resource_id, paths in filed.items():
        if resource_id not in candidates:
            continue
        names = {alias_key(part) for path in paths for part in path.split(" > ")}
        candidates[resource_id].filed_as.update(by_name[n] for n in names & by_name.keys())


def _add_topics(
    candidates: dict[int, Candidate],
    filed: dict[int, list[str]],
    paths: Sequence[str],
    context: Context,
) -> None:
    """Mark candidates filed under a profile topic, and those filed only under unrelated ones:
    topics outside the profile's, or (with context terms) only fiction, when the context is
    not about it ("Fiction > Mystery and Thriller" for a lawyer: a story, not a lesson)."""
    if not (paths or context):
        return
    roots = {path.split(" > ")[0] for path in paths}
    for resource_id, found in filed.items():
        if resource_id not in candidates:
            continue
        candidate = candidates[resource_id]
        candidate.topic = next((p for p in paths for f in found if _under(f, p)), None)
        unrelated = bool(paths) and not any(f.split(" > ")[0] in roots for f in found)
        if context and candidate.topic is None and all(_is_story(f) for f in found):
            unrelated = unrelated or not context.found(" ".join(found), "")
        candidate.off_topic = unrelated


def _is_story(path: str) -> bool:
    return path.split(" > ")[0] == FICTION


def _under(path: str, ancestor: str) -> bool:
    return path == ancestor or path.startswith(ancestor + " > ")

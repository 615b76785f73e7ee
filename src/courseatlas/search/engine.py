"""The tantivy search engine: ranked, filtered, faceted, corrected and highlighted search."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import tantivy

from courseatlas.cache import LRUCache
from courseatlas.catalog.bands import day_number, month_starts, utc_today
from courseatlas.search import analyzers, reasons, snippets
from courseatlas.search.base import (
    FACETS,
    RANGE_FACETS,
    SearchFilters,
    SearchHit,
    SearchRequest,
    SearchResult,
)
from courseatlas.search.documents import IndexDocument
from courseatlas.search.fields import schema, to_tantivy
from courseatlas.search.query import ParsedQuery
from courseatlas.search.querybuild import (
    NO_SYNONYMS,
    Synonyms,
    combine,
    filter_queries,
    searched_words,
    text_query,
    title_completions,
)
from courseatlas.search.snippets import SNIPPET_CHARS
from courseatlas.search.spelling import completions_of, correct_words, unfinished_completions

SORT_FIELDS = {
    "rating": "bayesian_rating",
    "popular": "popularity",
    "newest": "published",
    "price": "price_shown",
}
ASCENDING = frozenset({"price"})  # the other sorts put the largest value first
FACET_SIZE = 10_000  # larger than any facet's number of values, so counts are exact
FACET_VALUES_RETURNED = 30
FACET_CACHE_SIZE = 4096
FACET_CACHE_BYTES = 16 * 2**20  # facet counts of a broad query list thousands of values
CORRECTION_BELOW = 20  # with fewer hits, misspelt words are looked for
# With fewer hits in the catalog, a last word is completed though it is a word, and a
# two-word query also shows what is about its first word.
FEW = 10
WRITER_HEAP = 64_000_000  # following the change log: a segment per commit anyway
# Many documents to one commit (a rebuild, a first bulk load) make a segment each time this
# much indexing memory fills: about 230,000 documents (64 MB made three of 150,000). At
# 150,000 one segment cost 12% less CPU a search than three or four, for 65 MB more resident
# memory while writing.
BULK_HEAP = 256_000_000
WRITER_THREADS = (
    1  # measured: a second thread does not help; building documents in Python dominates
)
_OPENED = itertools.count(1)  # engines opened by this process, so each has its own identity


_P = ParamSpec("_P")
_R = TypeVar("_R")


class EngineFailure(RuntimeError):
    """tantivy failed (a panic, a damaged file): an error like any other, not a crash."""


def _guarded(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """Turns tantivy's panics (BaseExceptions, which no handler catches) and read errors into
    EngineFailure, and marks the engine failed so that its runtime repairs the index."""

    @functools.wraps(method)
    def call(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(*args, **kwargs)
        except (ValueError, OSError) as error:  # tantivy's I/O and data errors
            raise _failed(args[0], error) from error
        except BaseException as error:
            if type(error).__name__ != "PanicException":
                raise
            raise _failed(args[0], error) from None

    return call


def _failed(engine: object, error: BaseException) -> EngineFailure:
    assert isinstance(engine, TantivyEngine)
    engine.failure = f"{type(error).__name__}: {str(error)[:200]}"
    return EngineFailure(f"the search engine failed: {engine.failure}")


class TantivyEngine:
    """Searches one index directory; writes to it when this process holds the writer.

    ``in_memory``: an empty index that never touches ``path``, served while the directory
    is damaged and being rebuilt. ``writer_heap``: the indexing memory of its writer."""

    def __init__(
        self,
        path: Path,
        synonyms: Synonyms = NO_SYNONYMS,
        in_memory: bool = False,
        writer_heap: int = WRITER_HEAP,
    ) -> None:
        self.path = path
        self.writer_heap = writer_heap
        self.failure: str | None = None  # why the last failed call failed
        if in_memory:
            self.index = tantivy.Index(schema())
        else:
            path.mkdir(parents=True, exist_ok=True)
            self.index = tantivy.Index(schema(), path=str(path), reuse=True)
        # Searchers change only on reload(), so ``identity`` and ``generation`` together name
        # what they see: a reindex opens a new engine, whose generation starts again at 0.
        self.index.config_reader(reload_policy="Manual")
        analyzers.register(self.index)
        self.synonyms = synonyms
        self.identity = next(_OPENED)
        self.generation = 0
        self._writer: tantivy.IndexWriter | None = None
        self._facet_cache: LRUCache[dict[str, list[tuple[str, int]]]] = LRUCache(
            FACET_CACHE_SIZE, max_bytes=FACET_CACHE_BYTES
        )

    # --- reading

    @_guarded
    def search(self, request: SearchRequest) -> SearchResult:
        """The query read the way that finds most (as typed, corrected, its last word
        completed, two words relaxed), each reading only counted and ranked; the stored
        fields and the facets are read once, for the reading kept."""
        searcher = self.index.searcher()
        parsed = request.query
        reading = self._read(searcher, request, parsed)
        if request.correct_spelling and reading.total < CORRECTION_BELOW and parsed.words:
            reading = self._maybe_corrected(searcher, request, reading)
        parsed = reading.parsed
        if (
            parsed.prefix
            and self._few(searcher, request, parsed, reading.total)
            and not unfinished_completions(searcher, parsed)  # it was read whole
        ):
            # Its words, whole, find few: the last one may be unfinished after all.
            reading = _more(reading, self._read(searcher, request, parsed, complete=True))
        if searched_words(parsed) == 2 and self._few(searcher, request, parsed, reading.total):
            # Few resources teach both words: those about the first follow them.
            reading = _more(reading, self._read(searcher, request, parsed, relax=True))
        return self._result(searcher, request, reading)

    @_guarded
    def suggest_titles(self, prefix: str, limit: int) -> list[tuple[int, str]]:
        """Titles whose words start with what was typed, most popular first."""
        tokens = analyzers.words(prefix)
        searcher = self.index.searcher()
        completions = completions_of(searcher, tokens[-1]) if tokens else []
        if not completions:
            return []
        query = title_completions(tokens[:-1], completions)
        hits = searcher.search(query, limit, count=False, order_by_field="popularity").hits
        found = []
        for _, address in hits:
            doc = searcher.doc(address)
            found.append((int(doc.get_first("id") or 0), str(doc.get_first("title"))))
        return found

    @_guarded
    def document_count(self) -> int:
        return int(self.index.searcher().num_docs)

    def reload(self) -> None:
        self.index.reload()
        self.generation += 1

    # --- writing

    def write(
        self, documents: Sequence[IndexDocument], deleted: Sequence[int], fresh: bool = False
    ) -> None:
        """Replace (or, into a ``fresh`` index that holds none of them, add) the documents."""
        writer = self._writer_or_open()
        replaced = [*deleted, *(() if fresh else (document.id for document in documents))]
        if replaced:
            # One delete for the batch (a delete per document cost 7 us of Python each);
            # documents added after it are not touched by it.
            writer.delete_documents_by_query(tantivy.Query.term_set_query(schema(), "id", replaced))
        for document in documents:
            writer.add_document(to_tantivy(document))

    def commit(self) -> None:
        if self._writer is not None:
            self._writer.commit()
            self.reload()

    def close_writer(self) -> None:
        if self._writer is not None:
            self._writer.wait_merging_threads()
            self._writer = None

    def _writer_or_open(self) -> tantivy.IndexWriter:
        if self._writer is None:
            self._writer = self.index.writer(heap_size=self.writer_heap, num_threads=WRITER_THREADS)
        return self._writer

    # --- one search

    def _read(
        self,
        searcher: tantivy.Searcher,
        request: SearchRequest,
        parsed: ParsedQuery,
        relax: bool = False,
        complete: bool = False,
    ) -> _Reading:
        """One reading of the query: its total and the addresses of its page of hits."""
        completions = unfinished_completions(searcher, parsed, complete)
        words = text_query(parsed, self.synonyms, not relax, completions)
        if words is None and not parsed.is_empty:
            return _Reading(parsed, None, 0, [])
        total, top = self._ranked(searcher, words, request)
        if total == 0 and words is not None and searched_words(parsed) >= 3:
            # No result has every word: accept all but one.
            loose = text_query(parsed, self.synonyms, False, completions)
            if loose is not None:
                words, relax = loose, True
                total, top = self._ranked(searcher, loose, request)
        return _Reading(parsed, words, total, top, relaxed=relax)

    def _result(
        self, searcher: tantivy.Searcher, request: SearchRequest, reading: _Reading
    ) -> SearchResult:
        """The reading kept, with its hits' ids, stored fields and the facets asked for."""
        addresses = [address for _, address in reading.top]
        ids = (
            [int(v or 0) for v in searcher.fast_field_values("id", addresses)] if addresses else []
        )
        hits = [SearchHit(i, score) for (score, _), i in zip(reading.top, ids, strict=True)]
        if request.snippets or request.cards:
            self._add_stored(
                searcher, reading.words, hits, addresses, request.snippets, reading.parsed
            )
        facets = (
            self._facets(searcher, reading.words, request, reading.parsed) if request.facets else {}
        )
        return SearchResult(
            reading.total,
            hits,
            facets,
            corrected_query=reading.corrected_query,
            uncorrected_total=reading.uncorrected_total,
            relaxed=reading.relaxed,
        )

    def _few(
        self,
        searcher: tantivy.Searcher,
        request: SearchRequest,
        parsed: ParsedQuery,
        total: int,
    ) -> bool:
        """Whether the words find few resources in the whole catalog: how the query is read
        does not change with the filters."""
        if total >= FEW:
            return False
        if request.filters == SearchFilters():
            return True
        words = text_query(
            parsed, self.synonyms, completions=unfinished_completions(searcher, parsed)
        )
        everywhere = combine(words, filter_queries(SearchFilters()))
        return _count(searcher.search(everywhere, 1)) < FEW

    def _ranked(
        self, searcher: tantivy.Searcher, words: tantivy.Query | None, request: SearchRequest
    ) -> tuple[int, list[tuple[float, Any]]]:
        """The total and one page of (score, document address) for the words within the
        filters."""
        query = combine(words, filter_queries(request.filters))
        sort = request.sort if words is not None or request.sort != "relevance" else "popular"
        if sort == "relevance":
            result = searcher.search(
                query, request.limit, offset=request.offset, weight_by_field="quality"
            )
        else:
            result = searcher.search(
                query,
                request.limit,
                offset=request.offset,
                order_by_field=SORT_FIELDS[sort],
                order=tantivy.Order.Asc if sort in ASCENDING else tantivy.Order.Desc,
            )
        return _count(result), [
            (float(key) if isinstance(key, float) else 0.0, address) for key, address in result.hits
        ]

    def _maybe_corrected(
        self, searcher: tantivy.Searcher, request: SearchRequest, original: _Reading
    ) -> _Reading:
        """The query corrected, when it finds many more, else the query as typed."""
        words = request.query.words
        # Known words are doubted only when the whole catalog has nothing for them: within
        # filters, finding nothing is common and no sign of a misspelling.
        nothing = original.total == 0 and request.filters == SearchFilters()
        corrected = correct_words(searcher, words, known_words_too=nothing)
        if corrected is None:
            return original
        alternative = self._read(searcher, request, request.query.replace_words(corrected))
        exact = original.relaxed and not alternative.relaxed  # every word matched, corrected
        if alternative.total == 0 or (alternative.total <= original.total * 2 and not exact):
            return original
        alternative.corrected_query = alternative.parsed.text
        alternative.uncorrected_total = original.total
        return alternative

    # --- facets: disjunctive, exact

    def _facets(
        self,
        searcher: tantivy.Searcher,
        words: tantivy.Query | None,
        request: SearchRequest,
        parsed: ParsedQuery,
    ) -> dict[str, list[tuple[str, int]]]:
        """Counts per facet value, cached until the index changes (they are costly for
        broad queries, and browsing repeats the same filters over and over). Keyed by the
        words searched: a corrected query's counts are not its typo's; and by the day, which
        start dates are counted from."""
        today = utc_today()
        key = (self.generation, parsed, request.filters, words is None, today)
        cached = self._facet_cache.get(key)
        if cached is None:
            cached = self._count_facets(searcher, words, request, today)
            self._facet_cache.put(key, cached)
        return cached

    def _count_facets(
        self,
        searcher: tantivy.Searcher,
        words: tantivy.Query | None,
        request: SearchRequest,
        today: date,
    ) -> dict[str, list[tuple[str, int]]]:
        """Exact counts per facet value; a facet's own filter is left out of its counts.
        The most frequent values are kept, and the selected one whatever its rank."""
        selected = {k: v for k, v in request.filters.selected().items() if k in FACETS}
        counts: dict[str, list[tuple[str, int]]] = {}
        shared = [name for name in FACETS if name not in selected]
        if shared:
            query = combine(words, filter_queries(request.filters, today=today))
            counts.update(_aggregate(searcher, query, shared, today))
        for name in selected:
            query = combine(words, filter_queries(request.filters, skip=name, today=today))
            counts.update(_aggregate(searcher, query, [name], today))
        return {name: _shown(counts.get(name, []), selected.get(name)) for name in FACETS}

    # --- stored fields: cards and snippets, from one fetch of each document

    def _add_stored(
        self,
        searcher: tantivy.Searcher,
        query: tantivy.Query | None,
        hits: list[SearchHit],
        addresses: list[Any],
        with_snippets: bool,
        parsed: ParsedQuery,
    ) -> None:
        """Each hit's card and, ``with_snippets``, the matched passage of its description
        (its opening when nothing in it matched, or nothing was searched, so that every card
        says what it is about) and what matched that the title lacks."""
        generator = None
        if with_snippets and query is not None:
            generator = tantivy.SnippetGenerator.create(searcher, query, schema(), "description")
            generator.set_max_num_chars(SNIPPET_CHARS)
        wanted = reasons.wanted(parsed.words)
        for hit, address in zip(hits, addresses, strict=True):
            doc = searcher.doc(address)
            hit.card = doc.get_first("card")
            if not with_snippets:
                continue
            description = str(doc.get_first("description") or "")
            if generator is None:
                hit.snippet = snippets.opening(description)
                continue
            found = generator.snippet_from_doc(doc)
            marks = [(span.start, span.end) for span in found.highlighted()]
            hit.snippet = snippets.passage(description, found.fragment(), marks)
            title = str(doc.get_first("title") or "")
            hit.matched = reasons.matched_by(wanted, title, functools.partial(_values, doc))


@dataclass
class _Reading:
    """A way of reading the query, counted and ranked: what it searched and found."""

    parsed: ParsedQuery
    words: tantivy.Query | None
    total: int
    top: list[tuple[float, Any]]  # (score, document address) of the page asked for
    relaxed: bool = False
    corrected_query: str | None = None
    uncorrected_total: int | None = None


def _more(reading: _Reading, wider: _Reading) -> _Reading:
    """The wider reading of the same query when it finds more, with the same correction."""
    if wider.total <= reading.total:
        return reading
    wider.corrected_query = reading.corrected_query
    wider.uncorrected_total = reading.uncorrected_total
    return wider


def _values(doc: tantivy.Document, name: str) -> list[str]:
    return [str(value) for value in doc.get_all(name)]


def _shown(values: list[tuple[str, int]], selected: str | None) -> list[tuple[str, int]]:
    shown = values[:FACET_VALUES_RETURNED]
    shown += [(value, n) for value, n in values[FACET_VALUES_RETURNED:] if value == selected]
    return shown


def _count(result: tantivy.SearchResult) -> int:
    return int(result.count)  # type: ignore[attr-defined]  # missing from tantivy's stubs


def _aggregate(
    searcher: tantivy.Searcher, query: tantivy.Query, names: list[str], today: date
) -> dict[str, list[tuple[str, int]]]:
    result = searcher.aggregate(query, facet_spec(names, today))
    counts = {
        name: [(str(b["key"]), int(b["doc_count"])) for b in result[name]["buckets"]]
        for name in names
        if name not in RANGE_FACETS
    }
    if "starts" in names:
        counts["starts"] = _starts_counts(result["starts"]["buckets"])
    return counts


def facet_spec(names: Iterable[str], today: date) -> dict[str, Any]:
    """The aggregation that counts the facets ``names``."""
    return {
        name: _starts_spec(today) if name in RANGE_FACETS else _terms_spec(name) for name in names
    }


def _terms_spec(name: str) -> dict[str, Any]:
    return {"terms": {"field": name, "size": FACET_SIZE}}


def _starts_spec(today: date) -> dict[str, Any]:
    """Start dates in three ranges that do not overlap: the rest of this month, next month,
    later (tantivy's range buckets must not overlap; "upcoming" is their sum)."""
    days = [day_number(day) for day in (today, *month_starts(today))]
    ranges = [
        {"key": "this-month", "from": days[0], "to": days[1]},
        {"key": "next-month", "from": days[1], "to": days[2]},
        {"key": "later", "from": days[2]},
    ]
    return {"range": {"field": "starts_on", "ranges": ranges}}


def _starts_counts(buckets: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """The counts of the ``starts`` filter's values; a value no result has is left out."""
    found = {str(b["key"]): int(b["doc_count"]) for b in buckets}
    counts = {
        "this-month": found.get("this-month", 0),
        "next-month": found.get("next-month", 0),
        "upcoming": sum(found.get(k, 0) for k in ("this-month", "next-month", "later")),
    }
    return [(value, count) for value, count in counts.items() if count]


__all__ = ["SearchFilters", "TantivyEngine"]

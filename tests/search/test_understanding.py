"""How queries are understood: authors, spelling in context, narrow pairs, unfinished words
and the query's language, over a small catalog built for each case."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from courseatlas.catalog.models import Resource
from courseatlas.db.database import Database
from courseatlas.ingest.service import run_import
from courseatlas.search.analyzers import looks_english
from courseatlas.search.base import SearchFilters, SearchRequest, SearchResult
from courseatlas.search.query import parse_query
from courseatlas.search.runtime import SearchRuntime
from tests.helpers import course, write_jsonl


def _book(n: int, title: str, authors: list[str], **fields: Any) -> dict[str, Any]:
    row = course(n, title=title, **fields)
    row.update(kind="book", authors=authors, external_id=f"b{n}")
    row.pop("level")
    return row


def _rows() -> list[dict[str, Any]]:
    rows = [
        _book(1, "The Glass Orchard", ["Odile Marchetti"]),
        _book(2, "Salt Winter", ["Odile Marchetti"]),
        _book(3, "Odile Marchetti", ["Peter Vance"]),  # a biography titled with her name
        _book(4, "Reading Odile Marchetti: A Companion", ["Ann Reyes"]),
        course(5, title="The Lantern Keeper"),
        course(6, title="Lantern Keeper Workshop"),
        course(7, title="Pottery and the kiln"),
        course(8, title="Watercolour basics", language="es"),
        course(9, title="Watercolour basics", language="en"),
    ]
    rows += [course(100 + n, title=f"Learn it later, part {n}") for n in range(12)]
    rows += [course(200 + n, title=f"Pottery for everyone {n}") for n in range(12)]
    rows.append(course(300, title="Potterymaking extras"))
    return rows


@pytest.fixture
def search(db: Database, tmp_path: Path) -> Iterator[SearchRuntime]:
    run_import(db.sessions, [write_jsonl(tmp_path / "feed.jsonl", *_rows())])
    runtime = SearchRuntime(db)
    runtime.sync()
    yield runtime
    runtime.stop()


def _run(runtime: SearchRuntime, q: str, **filters: Any) -> tuple[SearchResult, list[str]]:
    request = SearchRequest(
        query=parse_query(q), filters=SearchFilters(**filters), facets=False, snippets=False
    )
    result = runtime.search(request)
    with runtime.database.session() as session:
        rows = session.execute(
            select(Resource.id, Resource.title, Resource.language).where(
                Resource.id.in_([hit.id for hit in result.hits])
            )
        ).all()
    found = {row.id: f"{row.title} [{row.language}]" for row in rows}
    return result, [found[hit.id] for hit in result.hits]


def test_an_authors_name_finds_their_works_before_books_about_them(
    search: SearchRuntime,
) -> None:
    _, titles = _run(search, "odile marchetti")
    assert {titles[0], titles[1]} == {"The Glass Orchard [en]", "Salt Winter [en]"}
    assert set(titles[2:]) == {"Odile Marchetti [en]", "Reading Odile Marchetti: A Companion [en]"}


def test_a_misspelt_word_becomes_the_word_of_the_title_it_is_in(search: SearchRuntime) -> None:
    result, titles = _run(search, "lanter keeper ")
    assert result.corrected_query == "lantern keeper"
    assert set(titles) == {"The Lantern Keeper [en]", "Lantern Keeper Workshop [en]"}
    alone, _ = _run(search, "lanter ")  # out of context, the more frequent word wins
    assert alone.corrected_query == "later"


def test_a_narrow_pair_shows_what_teaches_both_then_what_is_about_the_first(
    search: SearchRuntime,
) -> None:
    result, titles = _run(search, "pottery kiln ")
    assert titles[0] == "Pottery and the kiln [en]"
    assert result.total == 13 and result.relaxed  # every pottery resource, marked as such
    assert all(title.startswith("Pottery") for title in titles)
    exact, _ = _run(search, "lantern keeper ")
    assert exact.total == 2 and not exact.relaxed  # nothing holds "lantern" alone


def test_a_known_last_word_is_whole_an_unfinished_one_completes(search: SearchRuntime) -> None:
    whole, titles = _run(search, "pottery")  # submitted without a space after it
    assert whole.total == 13 and "Potterymaking extras [en]" not in titles
    typing, _ = _run(search, "potte")
    assert typing.total == 14  # pottery and potterymaking
    filtered, _ = _run(search, "pottery", kind="course")  # filters do not change the reading
    assert filtered.total == whole.total


def test_english_first_between_equal_matches(search: SearchRuntime) -> None:
    _, titles = _run(search, "watercolour basics ")
    assert titles == ["Watercolour basics [en]", "Watercolour basics [es]"]


@pytest.mark.parametrize(
    ("words", "english"),
    [
        (["watercolour", "basics"], True),
        (["world", "war"], True),
        (["curso", "de", "python"], False),
        (["programación"], False),
        (["cours", "pour", "débutants"], False),
        ([], False),
    ],
)
def test_what_reads_as_english(words: list[str], english: bool) -> None:
    assert looks_english(words) is english

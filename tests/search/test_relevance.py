"""Relevance over the real datasets: nDCG@10 and success@5 of the judged queries, with floors."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from courseatlas.catalog.models import Resource
from courseatlas.db.database import Database
from courseatlas.ingest.service import run_import
from courseatlas.migrations.prepare import prepare_database
from courseatlas.search.base import SearchFilters, SearchRequest
from courseatlas.search.query import parse_query
from courseatlas.search.runtime import SearchRuntime
from courseatlas.settings import Settings
from tests.search.judged import JUDGMENTS, Judgment

DATASETS = [
    ("coursera", "courses/coursera/coursera_courses.csv"),
    ("coursera-domains", "courses/coursera/coursera_courses_domains.csv"),
    ("edx", "courses/edx/edx_courses.csv"),
    ("udemy", "courses/udemy/udemy_courses.csv"),
    ("udemy", "courses/udemy/udemy_01.csv"),
    ("udacity", "courses/udacity/Udacity.csv"),
    ("mit-ocw", "courses/mit_ocw/mit_ocw_courses.json"),
    ("datascience-multi", "courses/multi_platform_data_science/dataframe.csv"),
    ("goodbooks", "books/goodbooks-10k/books.csv"),
    ("books7k", "books/7k-books-with-metadata/books_cleaned.csv"),
    ("progbooks", "books/programming-books/prog_book.csv"),
]
FLOORS = {"ndcg@10": 0.85, "success@5": 0.95}
# nDCG@10 floors of the classes of queries whose fixes must not be undone by others.
CATEGORY_FLOORS = {
    "typo": 0.95,
    "typo in context": 0.85,
    "author": 0.9,
    "two words": 0.7,
    "prefix": 0.85,
}


@pytest.fixture(scope="module")
def real_search(
    shared_data: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SearchRuntime]:
    """Every real dataset imported through its profile into SQLite, and indexed."""
    database = Database(
        Settings(env="test", data_dir=tmp_path_factory.mktemp("real"), search_sync_seconds=0)
    )
    prepare_database(database)
    for profile, path in DATASETS:
        run_import(database.sessions, [shared_data / path], profile_name=profile)
    runtime = SearchRuntime(database)
    runtime.sync()
    yield runtime
    runtime.stop()
    database.dispose()


def _top(runtime: SearchRuntime, judgment: Judgment, n: int = 10) -> list[tuple[str, list[str]]]:
    request = SearchRequest(
        query=parse_query(
            judgment.query if judgment.category == "prefix" else judgment.query + " "
        ),
        filters=SearchFilters(**judgment.filters),
        limit=n,
        facets=False,
        snippets=False,
    )
    hits = runtime.search(request).hits
    with runtime.database.session() as session:
        found = {
            r.id: (r.title, r.authors)
            for r in session.scalars(select(Resource).where(Resource.id.in_([h.id for h in hits])))
        }
    return [found[h.id] for h in hits if h.id in found]


def _ndcg(grades: list[int], ideal: list[int]) -> float:
    def dcg(values: list[int]) -> float:
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(values[:10]))

    best = dcg(sorted(ideal, reverse=True))
    return dcg(grades) / best if best else 0.0


@pytest.mark.slow
def test_judged_queries(real_search: SearchRuntime, capsys: pytest.CaptureFixture[str]) -> None:
    per_category: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    failures = []
    for judgment in JUDGMENTS:
        top = _top(real_search, judgment)
        grades = [judgment.grade(title, authors) for title, authors in top]
        # The ideal ranking: the perfect answers first (a title may be held by several
        # resources), then, if the judgment names any, relevant ones filling the page.
        perfect = max(len(judgment.perfect), grades.count(2))
        partial = 10 if judgment.relevant or judgment.authors else 0
        ideal = [2] * perfect + [1] * partial
        ndcg = _ndcg(grades, ideal)
        wanted = 2 if judgment.perfect else 1
        success = any(g >= wanted for g in grades[:5])
        per_category[judgment.category].append((ndcg, success))
        if not success:
            failures.append(f"{judgment.query!r}: {[t for t, _ in top[:5]]}")
    scores = [s for values in per_category.values() for s in values]
    overall = {
        "ndcg@10": sum(n for n, _ in scores) / len(scores),
        "success@5": sum(1 for _, ok in scores if ok) / len(scores),
    }
    with capsys.disabled():
        print(f"\nrelevance over {len(scores)} judged queries")
        for category, values in sorted(per_category.items()):
            ndcg = sum(n for n, _ in values) / len(values)
            success = sum(1 for _, ok in values if ok) / len(values)
            print(f"  {category:15s} n={len(values):2d} nDCG@10={ndcg:.3f} success@5={success:.3f}")
        print(
            f"  {'all':15s} n={len(scores):2d} nDCG@10={overall['ndcg@10']:.3f} "
            f"success@5={overall['success@5']:.3f}"
        )
        for failure in failures:
            print("  missed:", failure)
        print(f"  floors: {FLOORS} nDCG@10 per class: {CATEGORY_FLOORS}")
    assert len(JUDGMENTS) >= 80
    for metric, floor in FLOORS.items():
        assert overall[metric] >= floor, (metric, overall[metric], failures)
    for category, floor in CATEGORY_FLOORS.items():
        ndcg = sum(n for n, _ in per_category[category]) / len(per_category[category])
        assert ndcg >= floor, (category, ndcg)

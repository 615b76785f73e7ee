"""Page benchmark: server time of the web pages over the benchmark catalog.

    .venv/bin/python bench/pages.py --sizes 150000 [--requests 200]

For each size: the imported catalog from bench/catalog.py (plus the bundled career guides,
imported once), served in process by the real
application (every middleware, compression included) through Starlette's test client, so
the time is the server's plus a fraction of a millisecond of in-process transport; no
network, no browser. Each page kind is asked ``--requests`` times with varied parameters
after a warm-up, and its p50/p95/p99 are printed and written to
bench/results/pages-<timestamp>.json and pages-latest.json.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from catalog import ensure_catalog
from fastapi.testclient import TestClient
from report import percentiles, write_results
from rich.console import Console
from rich.table import Table
from sqlalchemy import func, select

from courseatlas.app import create_app
from courseatlas.careers.guides import bundled_guides_dir
from courseatlas.careers.importers import import_guides
from courseatlas.careers.models import Career
from courseatlas.catalog.models import Provider, Resource, Topic
from courseatlas.db.database import Database
from courseatlas.migrations.prepare import prepare_database
from courseatlas.settings import Settings

WARM_UP = 5
SAMPLE = 500  # rows sampled to vary slugs and words
Paths = Callable[[random.Random], str]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", default="150000", help="comma-separated corpus sizes")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page")
    args = parser.parse_args()
    console = Console()
    runs = [bench_size(int(size), args.requests, console) for size in args.sizes.split(",")]
    report = {"runs": runs}
    write_results("pages", report)
    console.print(_table(runs))


def bench_size(size: int, requests: int, console: Console) -> dict[str, Any]:
    data_dir = ensure_catalog(size)
    settings = Settings(data_dir=data_dir, log_level="WARNING", search_sync_seconds=0)
    database = Database(settings)
    prepare_database(database)
    import_guides(database.sessions, [bundled_guides_dir()])  # again changes nothing
    pages = page_kinds(database)
    results = []
    with TestClient(create_app(settings, database)) as client:
        for kind, make_path in pages.items():
            timings = _time(client, make_path, requests)
            results.append({"page": kind, **percentiles(timings)})
            console.print(f"  {size:,} {kind}: p50 {results[-1]['p50_ms']:.1f} ms")
    database.dispose()
    return {"size": size, "requests_per_page": requests, "pages": results}


def page_kinds(database: Database) -> dict[str, Paths]:
    """Each page kind, as a function drawing one of its URLs at random."""
    with database.session() as session:
        resources = session.execute(
            select(Resource.kind, Resource.slug, Resource.title)
            .order_by(func.random())
            .limit(SAMPLE)
        ).all()
        topics = list(session.scalars(select(Topic.slug)))
        providers = list(session.scalars(select(Provider.slug).limit(SAMPLE)))
        careers = list(session.scalars(select(Career.slug).where(Career.origin == "guide")))
    words = [w for r in resources for w in r.title.lower().split() if len(w) > 3 and w.isalpha()]
    return {
        "home": lambda _: "/",
        "search: one word": lambda rnd: f"/search?q={quote(rnd.choice(words))}",
        "search: two words, a facet": lambda rnd: (
            f"/search?q={quote(rnd.choice(words))}+{quote(rnd.choice(words))}&kind=book"
        ),
        "search: page 5, by rating": lambda rnd: (
            f"/search?q={quote(rnd.choice(words))}&sort=rating&page=5"
        ),
        "browse: no words": lambda rnd: f"/search?level={rnd.choice(['beginner', 'advanced'])}",
        "topic page": lambda rnd: f"/topics/{rnd.choice(topics)}",
        "provider page": lambda rnd: f"/providers/{rnd.choice(providers)}",
        "course or book page": lambda rnd: "/{0.kind}s/{0.slug}".format(rnd.choice(resources)),
        "similar resources (htmx fragment)": lambda rnd: "/{0.kind}s/{0.slug}/similar".format(
            rnd.choice(resources)
        ),
        "career page (guide, matches, path)": lambda rnd: f"/careers/{rnd.choice(careers)}",
        "careers list": lambda _: "/careers",
        "all topics": lambda _: "/topics",
        "sitemap index": lambda _: "/sitemap.xml",
        "sitemap page (10,000 URLs)": lambda rnd: f"/sitemaps/resources-{rnd.randint(1, 3)}.xml",
    }


def _time(client: TestClient, make_path: Paths, requests: int) -> list[float]:
    rnd = random.Random(7)
    for _ in range(WARM_UP):
        client.get(make_path(rnd))
    timings = []
    for _ in range(requests):
        path = make_path(rnd)
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    return timings


def _table(runs: list[dict[str, Any]]) -> Table:
    table = Table(title="Page server time (in process, gzip on)")
    for column in ("size", "page", "p50 ms", "p95 ms", "p99 ms"):
        table.add_column(column, justify="left" if column == "page" else "right")
    for run in runs:
        for page in run["pages"]:
            table.add_row(
                f"{run['size']:,}",
                page["page"],
                f"{page['p50_ms']:.1f}",
                f"{page['p95_ms']:.1f}",
                f"{page['p99_ms']:.1f}",
            )
    return table


if __name__ == "__main__":
    main()

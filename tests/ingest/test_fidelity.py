"""Nothing lost: text stored as written, bad optional values dropped with a warning."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import select

from courseatlas.catalog.models import Resource
from courseatlas.db.database import Database
from courseatlas.ingest.service import run_import
from tests.helpers import course, write_jsonl

WRITTEN = [
    "Templates in C++: vector<int> and map<K, V>",
    "Drawing with the HTML5 <canvas> element",
    "Escaped in the feed: &lt;script&gt; stays text",
]


def _stored(db: Database) -> dict[str, Resource]:
    with db.session() as session:
        return {r.external_id or r.title: r for r in session.scalars(select(Resource))}


def test_titles_and_plain_descriptions_are_stored_as_written(db: Database, tmp_path: Path) -> None:
    rows = [
        course(i, title=title, description=f"About {title}.") for i, title in enumerate(WRITTEN)
    ]
    summary = run_import(db.sessions, [write_jsonl(tmp_path / "feed.jsonl", *rows)])
    assert summary.status == "succeeded"
    stored = _stored(db)
    for i, title in enumerate(WRITTEN):
        assert stored[f"c{i}"].title == title
        assert stored[f"c{i}"].description == f"About {title}."


def test_an_html_description_becomes_text_and_keeps_text_that_is_not_markup(
    db: Database, tmp_path: Path
) -> None:
    html = (
        "<p>Use <b>vector&lt;int&gt;</b> and <canvas>.</p><ul><li>one</li></ul><script>x()</script>"
    )
    run_import(db.sessions, [write_jsonl(tmp_path / "feed.jsonl", course(1, description=html))])
    assert _stored(db)["c1"].description == "Use vector<int> and <canvas>.\n\n- one"


def _rows_with_brackets(source: Path, target: Path) -> list[dict[str, str]]:
    """The real rows of a dataset whose text holds an angle bracket, as a file of their own."""
    with source.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = [row for row in reader if any("<" in value for value in row.values())]
        fields = list(reader.fieldnames or [])
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return rows


def test_real_rows_with_angle_brackets_keep_them(
    db: Database, shared_data: Path, tmp_path: Path
) -> None:
    cases = {
        "coursera": "courses/coursera/coursera_courses.csv",
        "edx": "courses/edx/edx_courses.csv",
        "udemy": "courses/udemy/udemy_01.csv",
    }
    fragments: list[str] = []
    for profile, name in cases.items():
        target = tmp_path / f"{profile}.csv"
        rows = _rows_with_brackets(shared_data / name, target)
        assert rows
        summary = run_import(db.sessions, [target], profile_name=profile)
        assert summary.stored == len(rows)
        fragments += [
            value[value.index("<") - 10 : value.index("<") + 12].strip()
            for row in rows
            for value in row.values()
            if "<" in value
        ]
    with db.session() as session:
        texts = [f"{r.title}\n{r.description}" for r in session.scalars(select(Resource))]
    for fragment in fragments:  # "course <coursera.org/learn/", "short (<10 minute)", ...
        assert any(fragment in text for text in texts), fragment

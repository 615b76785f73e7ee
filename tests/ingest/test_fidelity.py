"""Nothing lost: text stored as written, bad optional values dropped with a warning."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import select

from courseatlas.catalog.models import Provider, Resource
from courseatlas.db.database import Database
from courseatlas.ingest.models import ImportRejection, ImportRun
from courseatlas.ingest.normalise import parse_language
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


BAD_OPTIONAL = [
    (course(91, price=-5, currency="USD"), "price", "must not be negative"),
    (course(92, rating="great"), "rating", "expected a number"),
    (course(93, rating=7), "rating", "between 0 and 5"),
    (course(94, skills=42), "skills", "expected a list"),
    (course(96, level="wizard"), "level", "unknown level"),
    (course(97, language="xx-klingon"), "language", "unknown language"),
    (course(99, description="x" * 200_000), "description", "longer than 100,000"),
]


def test_a_bad_optional_value_is_dropped_with_a_warning(db: Database, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "feed.jsonl", course(1), *(row for row, _, _ in BAD_OPTIONAL))
    summary = run_import(db.sessions, [path])
    assert (summary.status, summary.exit_code) == ("warned", 3)
    assert summary.counts["rejected"] == 0 and summary.stored == len(BAD_OPTIONAL) + 1
    warned = {(r.file, r.line, r.field): r for r in summary.rejections}
    stored = _stored(db)
    for line, (row, field, reason) in enumerate(BAD_OPTIONAL, start=2):
        warning = warned[(str(path), line, field)]
        assert warning.severity == "warning" and reason in warning.reason
        kept = stored[row["external_id"]]
        assert kept.title == row["title"]
    assert (
        stored["c91"].price is None and stored["c93"].rating is None and stored["c96"].level is None
    )
    assert stored["c97"].language is None and stored["c99"].description is None
    with db.session() as session:
        run = session.get(ImportRun, summary.run_id)
        assert run is not None and (run.rejected, run.warnings) == (0, len(BAD_OPTIONAL))
        severities = session.scalars(
            select(ImportRejection.severity).where(ImportRejection.run_id == summary.run_id)
        ).all()
        assert severities == ["warning"] * len(BAD_OPTIONAL)


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("sp", "es"),
        ("in", "id"),
        ("iw", "he"),
        ("jp", "ja"),
        ("ji", "yi"),
        ("und", "und"),
        ("haw", "haw"),
        ("yue", "yue"),
        ("mul", "mul"),
        ("zxx", "zxx"),
        ("ger", "de"),
        ("fre", "fr"),
        ("deu", "de"),
        ("afa", "afa"),
        ("tlh", "tlh"),
        ("en-US", "en"),
        ("pt_BR", "pt"),
        ("zh-Hant-TW", "zh"),
        ("yue-HK", "yue"),
        ("Hawaiian", "haw"),
        ("Español", "es"),
        ("日本語", "ja"),
    ],
)
def test_every_iso_639_code_and_the_legacy_ones_are_languages(written: str, code: str) -> None:
    assert parse_language(written) == code


def test_languages_of_a_real_dataset_are_all_kept(
    db: Database, shared_data: Path, tmp_path: Path
) -> None:
    """goodbooks-10k writes ISO 639-2 codes ("fre", "ger", "mul"): every one is a language."""
    source = shared_data / "books" / "goodbooks-10k" / "books.csv"
    with source.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        firsts: dict[str, dict[str, str]] = {}
        for row in reader:
            firsts.setdefault(row["language_code"], row)
        fields = list(reader.fieldnames or [])
    target = tmp_path / "books.csv"
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(firsts.values())
    summary = run_import(db.sessions, [target], profile_name="goodbooks")
    assert summary.status == "succeeded", [(r.field, r.reason) for r in summary.rejections]
    with db.session() as session:
        languages = set(session.scalars(select(Resource.language)))
    assert {"en", "fr", "de", "id", "fa", "ro", "ar", "ja"} <= languages


@pytest.mark.parametrize("batch_size", [1, 1000])
def test_a_provider_is_one_provider_in_any_spelling_and_any_batching(
    db: Database, tmp_path: Path, batch_size: int
) -> None:
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in "Coursera")
    spellings = ["Coursera", "coursera", " COURSERA ", full_width]
    first = write_jsonl(tmp_path / "a.jsonl", course(1, provider=spellings[0]))
    run_import(db.sessions, [first], batch_size=batch_size)
    rows = [course(n, provider=name) for n, name in enumerate(spellings, start=2)]
    run_import(db.sessions, [write_jsonl(tmp_path / "b.jsonl", *rows)], batch_size=batch_size)
    with db.session() as session:
        providers = session.execute(select(Provider.name, Provider.slug)).all()
        assert providers == [("Coursera", "coursera")]
        assert set(session.scalars(select(Resource.provider_id))) == {
            session.scalar(select(Provider.id))
        }

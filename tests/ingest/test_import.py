"""Importing canonical feeds, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from courseatlas.catalog.models import Resource, ResourceContribution, Skill, Topic
from courseatlas.db.database import Database
from courseatlas.ingest.changelog import SearchChange
from courseatlas.ingest.models import ImportRejection, ImportRun
from courseatlas.ingest.service import run_import
from tests.helpers import count_resources, course, write_jsonl

BOOK = {
    "kind": "book",
    "title": "Designing Calm Interfaces",
    "isbn": "978-0-306-40615-7",
    "authors": ["Lena Marsh"],
    "publisher": "Harbor Lane Press",
    "year": 2021,
    "language": "English",
    "skills": ["UX"],
    "topics": ["Design > User Experience"],
}


def _resource(db: Database, **where: object) -> Resource:
    with db.session() as session:
        query = select(Resource).filter_by(**where)
        found = session.scalars(query).one()
        session.expunge(found)
        return found


def _changes(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(SearchChange)) or 0


def test_import_normalises_and_links(db: Database, tmp_path: Path) -> None:
    feed = write_jsonl(
        tmp_path / "feed.jsonl",
        course(
            1,
            title="  Intro   to SQL <v2> ",
            skills=["Postgres", "JS", "sql"],
            topics=["Computer Science > Databases > SQL"],
            price="1,299.50",
            currency="inr",
            rating="4.5",
            rating_count="6,706",
            description="<p>Joins</p><script>x()</script>",
        ),
        BOOK,
    )
    summary = run_import(db.sessions, [feed])
    assert (summary.status, summary.exit_code) == ("succeeded", 0)
    assert summary.counts["created"] == 2
    sql = _resource(db, external_id="c1")
    assert sql.title == "Intro to SQL <v2>"  # spaces tidied, text as written
    assert sql.description == "Joins"
    assert (sql.price, sql.currency, sql.free) == (1299.5, "INR", False)
    assert sql.rating_count == 6706
    assert sql.slug == "intro-to-sql-v2"
    book = _resource(db, kind="book")
    assert book.isbn13 == "9780306406157" and book.language == "en"
    with db.session() as session:
        skills = session.scalars(
            select(Skill.name).join(Resource.skills.property.mapper.class_).order_by(Skill.name)
        ).all()
        assert set(skills) >= {"PostgreSQL", "JavaScript", "SQL", "User Experience Design"}
        paths = set(session.scalars(select(Topic.path)))
        assert {
            "Computer Science",
            "Computer Science > Databases",
            "Computer Science > Databases > SQL",
            "Design",
        } <= paths
    assert _changes(db) == 2


def test_reimport_changes_nothing(db: Database, tmp_path: Path) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", *(course(n) for n in range(30)), BOOK)
    run_import(db.sessions, [feed], batch_size=7)
    before = _resource(db, external_id="c3")
    changes = _changes(db)
    again = run_import(db.sessions, [feed], batch_size=7)
    assert again.counts["unchanged"] == 31
    assert again.counts["created"] == again.counts["updated"] == 0
    assert _changes(db) == changes
    assert _resource(db, external_id="c3").updated_at == before.updated_at


def test_changed_row_updates_its_resource(db: Database, tmp_path: Path) -> None:
    run_import(db.sessions, [write_jsonl(tmp_path / "a.jsonl", course(1), course(2))])
    changed = write_jsonl(
        tmp_path / "a.jsonl",
        course(1, title="Course number 1, second edition", level="advanced"),
        course(2),
    )
    summary = run_import(db.sessions, [changed])
    assert (summary.counts["updated"], summary.counts["unchanged"]) == (1, 1)
    updated = _resource(db, external_id="c1")
    assert updated.title == "Course number 1, second edition"
    assert updated.level == "advanced"
    assert updated.slug == "course-number-1"  # Slugs are stable: links keep working.
    assert count_resources(db) == 2


def test_same_isbn_in_two_feeds_merges_in_any_order(db: Database, tmp_path: Path) -> None:
    other = {
        **BOOK,
        "isbn": "0306406152",
        "title": "Designing Calm Interfaces (2nd ed.)",
        "authors": ["Lena Marsh", "Bo Li"],
        "description": "A longer description.",
        "rating": 4.1,
        "rating_count": 200,
        "skills": ["Accessibility"],
    }
    first = write_jsonl(tmp_path / "first.jsonl", BOOK)
    second = write_jsonl(tmp_path / "second.jsonl", other)
    run_import(db.sessions, [second, first])
    merged = _resource(db, kind="book")
    assert count_resources(db) == 1
    assert merged.authors == ["Lena Marsh", "Bo Li"]
    assert merged.title == "Designing Calm Interfaces (2nd ed.)"  # the richer value
    assert merged.description == "A longer description."
    assert (merged.rating, merged.rating_count) == (4.1, 200)
    for path in (first, second):
        assert run_import(db.sessions, [path]).counts["unchanged"] == 1
    assert _resource(db, kind="book").content_hash == merged.content_hash


def test_duplicate_rows_in_one_feed_merge_and_stay_merged(db: Database, tmp_path: Path) -> None:
    feed = write_jsonl(
        tmp_path / "dupes.jsonl",
        course(1, skills=["SQL"]),
        course(2),
        course(1, skills=["Python"], description="Listed a second time."),
    )
    first = run_import(db.sessions, [feed], batch_size=1)
    assert (first.counts["created"], first.counts["updated"]) == (2, 1)
    merged = _resource(db, external_id="c1")
    assert merged.description == "Listed a second time."
    again = run_import(db.sessions, [feed], batch_size=1)
    assert again.counts["unchanged"] == 3
    assert _resource(db, external_id="c1").content_hash == merged.content_hash


MALFORMED = [
    ({"kind": "course", "url": "https://x.example/1"}, "title", "required"),
    ({"kind": "book", "title": "B", "isbn": "978-0-306-40615-8"}, "isbn", "checksum"),
    (course(90, url="javascript:alert(1)"), "url", "only http and https"),
    (course(95, title=["a", "list"]), "title", "expected text"),
    ({"kind": "podcast", "title": "P"}, "kind", "must be course or book"),
    (course(98, free=True, price=10, currency="USD"), "row", "marked free but has a price"),
    (course(97, language="Klingon", url="ftp://x"), "url", "only http and https"),
    ("{not json", "row", "invalid JSON"),
]


def test_malformed_rows_are_reported_and_the_rest_stored(db: Database, tmp_path: Path) -> None:
    run_import(db.sessions, [write_jsonl(tmp_path / "good.jsonl", course(1))])
    rows = [course(2)] + [row for row, _, _ in MALFORMED] + [course(3)]
    path = tmp_path / "bad.jsonl"
    write_jsonl(path, *rows)
    with path.open("ab") as handle:  # invalid UTF-8, then a truncated last line
        handle.write(b'{"kind": "course", "title": "\xff\xfe"}\n{"kind": "course", "title": "cut')
    summary = run_import(db.sessions, [path])
    assert (summary.status, summary.exit_code) == ("partial", 2)
    assert summary.counts["created"] == 2
    assert summary.counts["rejected"] == len(MALFORMED) + 2
    reported = {(r.line, r.field): r.reason for r in summary.rejections}
    for line, (_, field, reason) in enumerate(MALFORMED, start=2):
        assert reason in reported[(line, field)], (line, field, reported)
    assert "invalid UTF-8" in reported[(len(rows) + 1, "row")]
    assert "truncated" in reported[(len(rows) + 2, "row")]
    assert count_resources(db) == 3  # nothing already stored was lost
    with db.session() as session:
        run = session.get(ImportRun, summary.run_id)
        assert run is not None and run.rejected == len(MALFORMED) + 2
        stored = session.scalar(
            select(func.count()).where(ImportRejection.run_id == summary.run_id)
        )
        assert stored == len(summary.rejections)


def test_csv_feed_with_bar_separated_lists(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text(
        "kind,title,source,external_id,skills,topics,free,authors,isbn\n"
        'course,"CSV, quoted",csv,1,SQL|Python,Data > Analysis|Data > SQL,yes,,\n'
        "book,A Book,,,,,,Ann Lee|Bo Chen,0-8044-2957-X\n",
        encoding="utf-8",
    )
    summary = run_import(db.sessions, [path])
    assert summary.counts["created"] == 2
    assert _resource(db, kind="book").authors == ["Ann Lee", "Bo Chen"]
    csv_course = _resource(db, kind="course")
    assert csv_course.title == "CSV, quoted" and csv_course.free is True


def test_nothing_imported_is_a_failure(db: Database, tmp_path: Path) -> None:
    missing = run_import(db.sessions, [tmp_path / "missing.jsonl"])
    assert (missing.status, missing.exit_code) == ("failed", 1)
    assert "cannot read" in missing.rejections[0].reason
    only_bad = run_import(db.sessions, [write_jsonl(tmp_path / "bad.jsonl", {"kind": "x"})])
    assert only_bad.exit_code == 1


def test_unknown_format_is_reported(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text("<feed/>")
    summary = run_import(db.sessions, [path])
    assert summary.exit_code == 1
    assert "unknown feed format" in summary.rejections[0].reason


@pytest.mark.parametrize("batch_size", [1, 1000])
def test_every_resource_has_its_contribution(db: Database, tmp_path: Path, batch_size: int) -> None:
    feed = write_jsonl(tmp_path / "f.jsonl", *(course(n) for n in range(12)))
    run_import(db.sessions, [feed], batch_size=batch_size)
    with db.session() as session:
        contributions = session.scalar(select(func.count()).select_from(ResourceContribution))
    assert contributions == count_resources(db) == 12


def test_a_field_beyond_the_reader_limit_stops_the_file_not_the_run(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "huge.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("kind,title,source,external_id,description\n")
        out.write("course,Fine,t,1,short\n")
        out.write("course,Huge,t,2," + "x" * (17 * 2**20) + "\n")
    good = write_jsonl(tmp_path / "good.jsonl", course(5))
    summary = run_import(db.sessions, [path, good])
    assert summary.exit_code == 2
    assert summary.counts["created"] == 2  # the row before, and the next file
    assert "field larger than field limit" in summary.rejections[-1].reason


def test_skill_names_must_fit(db: Database, tmp_path: Path) -> None:
    summary = run_import(
        db.sessions, [write_jsonl(tmp_path / "f.jsonl", course(1, skills=["s" * 201]))]
    )
    assert summary.rejections[0].field == "skills"
    assert "longer than 200" in summary.rejections[0].reason


EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def test_the_documented_example_feeds_import_cleanly_and_agree(db: Database) -> None:
    """docs/feeds.md points at these files: every row stores without a warning, and the CSV
    holds the same resources as the JSON Lines file (importing it after changes nothing)."""
    first = run_import(db.sessions, [EXAMPLES / "feed.jsonl"])
    assert (first.status, first.counts["created"]) == ("succeeded", 4)
    again = run_import(db.sessions, [EXAMPLES / "feed.csv"])
    assert (again.status, again.counts["unchanged"], again.counts["created"]) == (
        "succeeded",
        4,
        0,
    )
    knives = _resource(db, external_id="c-002")
    assert (knives.language, knives.level, knives.pace, knives.rating_count) == (
        "es",
        "beginner",
        "self-paced",
        2406,
    )
    assert _resource(db, external_id="c-001").description.startswith("Design schemas")

"""Dataset profiles: each real public dataset imported, counted, spot-checked and re-imported.

The expected counts are exact: rows in the file = created + updated + unchanged + rejected.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from courseatlas.catalog.models import Resource, ResourceSkill
from courseatlas.db.database import Database
from courseatlas.ingest.problems import Problem
from courseatlas.ingest.profiles import PROFILES, get_profile
from courseatlas.ingest.profiles.edx import duration_hours, instructors
from courseatlas.ingest.profiles.goodbooks import isbn
from courseatlas.ingest.profiles.tabular import read_json_array
from courseatlas.ingest.profiles.topics import (
    SHELVES,
    SUBJECTS,
    TAXONOMY,
    most_specific,
    one_topic,
    topic_for,
    topics_for,
)
from courseatlas.ingest.profiles.values import count, rating, title_id
from courseatlas.ingest.readers import RawRow, open_binary
from courseatlas.ingest.record import ResourceRecord
from courseatlas.ingest.service import run_import

# --- pure units ------------------------------------------------------------------------


def test_every_curated_name_leads_into_the_taxonomy() -> None:
    assert set(SUBJECTS.values()) | set(SHELVES.values()) <= set(TAXONOMY)
    for path in TAXONOMY:  # Every level of a path is itself in the taxonomy.
        parts = path.split(" > ")
        assert all(" > ".join(parts[:n]) in TAXONOMY for n in range(1, len(parts)))


def test_the_same_subject_from_any_feed_lands_in_one_topic() -> None:
    # edX subject, Coursera domain, MIT sub-category, Udacity school:
    assert {topic_for(name) for name in ("Computer Science", "computer science")} == {
        "Computer Science"
    }
    assert topic_for("Business & Management") == topic_for("Leadership and Management")
    assert topic_for("Business & Management") == "Business > Management"
    assert topic_for("Data Visualization (DataViz)") == "Data Science > Data Visualization"
    assert topic_for("School of Cloud Computing") == "Computer Science > DevOps > Cloud Computing"
    # A Goodreads shelf and a Google Books category:
    assert topic_for("science-fiction", SHELVES) == topic_for("Science fiction")
    assert topic_for("Underwater Basket Weaving") is None  # unmapped stays unmapped
    assert topic_for("to-read", SHELVES) is None


def test_topic_lists_keep_the_most_specific_paths() -> None:
    assert one_topic("Governance and Society", "Social Sciences") == []
    assert one_topic("Cloud Computing", "Information Technology") == [
        "Computer Science > DevOps > Cloud Computing"
    ]
    assert one_topic("", "Information Technology") == ["Computer Science"]
    assert most_specific(["Fiction", "Fiction > Fantasy", "Science", "Fiction > Fantasy"]) == [
        "Fiction > Fantasy",
        "Science",
    ]
    skills = ["SQL", "Communication", "Machine Learning", "Statistics"]
    assert topics_for(skills, limit=2) == [
        "Computer Science > Databases > SQL",
        "Personal Development > Communication",
    ]


def test_dataset_conventions_are_undone() -> None:
    assert count("39.2k") == "39200"
    assert count("1.5M") == "1500000"
    assert count("6,706") == "6,706"
    assert rating("0.0", "0") == {"rating_count": "0"}  # 0 stars: not rated yet
    assert rating("4.6", "") == {"rating": "4.6"}
    assert rating("4.6", "0") == {"rating_count": "0"}
    assert title_id("The C Programming Language") != title_id("The C++ Programming Language")
    assert instructors("Dacher Keltner-Emiliana Simon-Thomas") == [
        "Dacher Keltner",
        "Emiliana Simon-Thomas",
    ]
    assert instructors('Jukka-Pekka "JP" Onnela') == ['Jukka-Pekka "JP" Onnela']
    assert duration_hours("2\u20134 hours per week", "6 Weeks") == "18"
    assert duration_hours("", "6 Weeks") is None


def test_goodbooks_isbn_repairs_lost_digits_only_when_the_float_confirms() -> None:
    assert isbn("439023483", "9.78043902348e+12") == "0439023483"  # leading zero restored
    assert isbn("812971060", "9.78081297106e+12") == "081297106X"  # lost "X" confirmed
    assert isbn("312349486", "9.78031234949e+12") == "0312349483"  # float rounded up
    assert isbn("1400139027", "9.78140139027e+12") is None  # the float disagrees
    assert isbn("152061548", "") is None
    assert isbn("", "9.78043902348e+12") is None


def test_json_array_rows_carry_the_line_their_object_starts_on() -> None:
    text = b'[\n  {"a": 1},\n  {"a": 2,\n   "b": 3},\n  7,\n  {"a": 4}\n]\n'
    rows = list(read_json_array(io.BytesIO(text)))
    assert rows[:3] == [RawRow(2, {"a": 1}), RawRow(3, {"a": 2, "b": 3}), rows[2]]
    assert isinstance(rows[2], Problem)
    assert rows[2].line == 5
    assert "object" in rows[2].reason
    assert rows[3] == RawRow(6, {"a": 4})
    broken = list(read_json_array(io.BytesIO(b'[{"a": 1},\n{"a": }]')))
    assert broken[0] == RawRow(1, {"a": 1})
    assert isinstance(broken[1], Problem)
    assert broken[1].line == 2
    not_an_array = list(read_json_array(io.BytesIO(b'{"a": 1}')))
    assert not_an_array == [Problem(1, "file", "expected a JSON array")]


def test_a_file_of_another_shape_is_one_clear_error() -> None:
    stream = io.BytesIO(b"title,author\nA book,Someone\nAnother,Else\n")
    rows = list(get_profile("edx").read(Path("books.csv"), stream))
    assert len(rows) == 1
    assert isinstance(rows[0], Problem)
    assert (rows[0].line, rows[0].field) == (1, "header")
    assert "missing columns" in rows[0].reason
    assert "course_url" in rows[0].reason


def test_a_row_that_cannot_be_mapped_is_reported_not_raised() -> None:
    header = b"id,title,is_paid,num_subscribers,avg_rating,num_reviews,"
    header += b"price_detail__amount,price_detail__currency\n"
    stream = io.BytesIO(header + b"1,A,maybe,1,4,1,10,INR\n2,B,TRUE,1,4,1,10,INR\n")
    first, second = get_profile("udemy").read(Path("udemy.csv"), stream)
    assert first == Problem(2, "is_paid", "expected True or False, got 'maybe'")
    assert isinstance(second, RawRow)
    assert second.data["external_id"] == "2"


# --- the real datasets -----------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    profile: str
    files: tuple[str, ...]
    rows: int  # as Python's csv module (or json) counts them
    counts: dict[str, int]
    check: Callable[[Database], None]
    encoding: str = "utf-8"
    rejected: dict[tuple[str, str], int] = field(default_factory=dict)


def _resource(db: Database, source: str, external_id: str) -> Resource:
    with db.session() as session:
        query = (
            select(Resource)
            .filter_by(source=source, external_id=external_id)
            .options(
                selectinload(Resource.provider),
                selectinload(Resource.topics),
                selectinload(Resource.skills).selectinload(ResourceSkill.skill),
            )
        )
        found = session.scalars(query).one()
        session.expunge_all()
        return found


def _topics(resource: Resource) -> set[str]:
    return {topic.path for topic in resource.topics}


def _skills(resource: Resource) -> set[str]:
    return {link.skill.name for link in resource.skills}


def _check_coursera(db: Database) -> None:
    sscp = _resource(db, "coursera", "specializations/sscp-training")
    assert sscp.title == "(ISC)² Systems Security Certified Practitioner (SSCP)"
    assert sscp.provider is not None
    assert sscp.provider.name == "Coursera"
    assert (sscp.institution, sscp.level, sscp.certificate) == ("ISC2", "beginner", True)
    assert (sscp.rating, sscp.rating_count, sscp.popularity) == (4.7, 484, 6706)
    assert {"Risk Management", "Access Control"} <= _skills(sscp)
    ai = _resource(db, "coursera", "learn/ai-for-everyone")
    assert ai.rating_count == 39_200  # "39.2k"
    project = _resource(db, "coursera", "projects/analyze-network-traffic-with-tcpdump")
    assert project.certificate is None  # a Guided Project
    dotnet = _resource(db, "coursera", "specializations/dot-net-fullstack")
    assert _topics(dotnet) == {
        "Computer Science > Web Development",
        "Computer Science > Programming Languages",
    }
    assert dotnet.description is not None
    assert "What you will learn:\n- " in dotnet.description
    reporting = _resource(db, "coursera", "specializations/financial-reporting")
    assert not any(len(skill) > 100 for skill in _skills(reporting))
    assert reporting.description is not None
    assert "\n- Interpret EPS data analyze its implications" in reporting.description


def _check_coursera_domains(db: Database) -> None:
    vertex = _resource(
        db,
        "coursera",
        "learn/googlecloud-getting-started-with-the-vertex-ai-gemini-1-5-pro-model-i43mr",
    )
    assert (vertex.free, vertex.price, vertex.currency) == (False, Decimal("3052.76"), "INR")
    assert _topics(vertex) == {"Computer Science > DevOps > Cloud Computing"}
    spss = _resource(db, "coursera", "learn/spss-apply-interpret-logistic-regression-models")
    assert (spss.free, spss.price, spss.level) == (True, None, "beginner")
    assert _topics(spss) == {"Data Science > Data Analysis"}


def _check_edx(db: Database) -> None:
    online = _resource(db, "edx", "course/how-to-learn-online")
    assert online.provider is not None
    assert online.provider.name == "edX"
    assert (online.free, online.price, online.certificate) == (True, None, True)
    assert (online.language, online.level, online.popularity) == ("en", "beginner", 124_980)
    assert online.instructors == ["Nina Huntemann", "Robyn Belair", "Ben Piscopo"]
    assert online.duration_hours == 5.0  # 2-3 hours a week for 2 weeks
    assert online.syllabus is not None
    assert online.syllabus.startswith("Welcome - ")
    assert _topics(online) == {"Education > Teaching"}
    assert (online.pace, online.starts_on) == ("self-paced", None)  # "Self-paced on your time"
    analytics = _resource(db, "edx", "course/the-analytics-edge")
    assert analytics.pace == "scheduled"  # "Instructor-led on a course schedule"
    arabic = _resource(db, "edx", "course/msq-llg-lrby")
    assert arabic.language == "ar"
    probability = _resource(db, "edx", "course/introduction-to-probability")
    assert probability.popularity == 97_291  # listed twice, stored once


def _check_udemy(db: Database) -> None:
    analyst = _resource(db, "udemy", "648826")  # in both files
    assert analyst.url == "https://www.udemy.com/the-complete-financial-analyst-course/"
    assert analyst.level == "all"
    assert analyst.duration_hours == 10.0
    assert (analyst.rating, analyst.rating_count) == (4.54407, 46_447)  # from udemy_01
    assert analyst.popularity == 245_860  # the larger figure
    assert (analyst.price, analyst.currency) == (Decimal("8640.00"), "INR")
    assert str(analyst.published_at) == "2016-01-21"
    assert _topics(analyst) == {"Business > Finance"}
    free = _resource(db, "udemy", "133536")
    assert (free.free, free.price, free.currency) == (True, None, None)
    only_listing = _resource(db, "udemy", "762616")
    assert only_listing.title == "The Complete SQL Bootcamp 2020: Go from Zero to Hero"
    assert (only_listing.url, only_listing.free) == (None, False)


def _check_udacity(db: Database) -> None:
    engineer = _resource(db, "udacity", "nd027")
    assert engineer.title == "Data Engineer"
    assert engineer.url == "https://www.udacity.com/course/data-engineer-nanodegree--nd027"
    assert (engineer.level, engineer.rating, engineer.language) == ("intermediate", 4.6, "en")
    assert _topics(engineer) == {"Data Science"}
    unrated = _resource(db, "udacity", "ud600")
    assert (unrated.rating, unrated.level) == (None, None)


def _check_mit_ocw(db: Database) -> None:
    course = _resource(db, "mit-ocw", "15-060-data-models-and-decisions-fall-2014")
    assert course.url == (
        "https://ocw.mit.edu/courses/sloan-school-of-management/"
        "15-060-data-models-and-decisions-fall-2014"
    )
    assert course.provider is not None
    assert course.provider.name == "MIT OpenCourseWare"
    assert (course.level, course.free, course.certificate) == ("advanced", True, False)
    assert (
        course.description == "MIT course 15.060, Fall 2014. Includes exams, instructor insights."
    )
    assert _topics(course) == {"Data Science > Machine Learning", "Science > Engineering"}


def _check_datascience_multi(db: Database) -> None:
    first = _resource(db, "datascience-multi", "0")
    assert first.title == "Машинное обучение и анализ данных"
    assert first.provider is not None
    assert first.provider.name == "Coursera"
    assert first.institution == "Moscow Institute of Physics and Technology"
    assert (first.rating, first.rating_count, first.popularity) == (4.7, 6382, 100_000)
    assert (first.level, first.free, first.duration_hours) == ("intermediate", False, 224.0)
    assert _topics(first) == {"Data Science"}
    skillshare = _resource(db, "datascience-multi", "21")
    assert skillshare.instructors == ["Amr Shawqy"]
    assert skillshare.free is True


def _check_goodbooks(db: Database) -> None:
    hunger = _resource(db, "goodbooks", "2767052")
    assert hunger.isbn13 == "9780439023481"
    assert hunger.authors == ["Suzanne Collins"]
    assert hunger.url == "https://www.goodreads.com/book/show/2767052"
    assert hunger.provider is not None
    assert hunger.provider.name == "Goodreads"
    assert (hunger.language, hunger.year, hunger.rating) == ("en", 2008, 4.34)
    assert _topics(hunger) == {"Fiction > Young Adult", "Fiction > Science Fiction"}
    lolita = _resource(db, "goodbooks", "7603")  # Reading Lolita in Tehran: lost "X"
    assert lolita.isbn13 == "9780812971064"
    no_isbn = _resource(db, "goodbooks", "9418327")  # an empty ISBN column
    assert (no_isbn.title, no_isbn.isbn13) == ("Bossypants", None)
    camus = _resource(db, "goodbooks", "49552")
    assert camus.authors == ["Albert Camus", "Matthew Ward"]


def _check_books7k(db: Database) -> None:
    gilead = _resource(db, "books7k", "9780002005883")
    assert (gilead.title, gilead.isbn13, gilead.year, gilead.pages) == (
        "Gilead",
        "9780002005883",
        2004,
        247,
    )
    assert gilead.url == "https://books.google.com/books?id=KQZCPgAACAAJ"
    assert gilead.provider is not None
    assert gilead.provider.name == "Google Books"
    assert _topics(gilead) == {"Fiction"}
    spider = _resource(db, "books7k", "9780002261982")
    assert spider.title == "Spider's Web: A Novel"
    assert spider.authors == ["Charles Osborne", "Agatha Christie"]
    assert _topics(spider) == {"Fiction > Mystery and Thriller"}


def _check_progbooks(db: Database) -> None:
    style = _resource(db, "progbooks", "the-elements-of-style")
    assert (style.rating, style.rating_count, style.popularity) == (4.17, None, 3829)
    assert style.provider is None
    assert _topics(style) == {"Computer Science"}
    cpp = _resource(db, "progbooks", "the-c-plus-plus-programming-language")
    assert cpp.title == "The C++ Programming Language"
    assert cpp.pages == 1040
    information = _resource(db, "progbooks", "the-information-a-history-a-theory-a-flood")
    assert information.description is not None
    assert information.description.endswith("when every thought and…")
    assert "\u2019" in information.description  # cp1252 curly quotes decoded


C, B = "courses/", "books/"
CASES = [
    Case(
        "coursera",
        (f"{C}coursera/coursera_courses.csv",),
        1000,
        {"created": 1000},
        _check_coursera,
    ),
    Case(
        "coursera-domains",
        (f"{C}coursera/coursera_courses_domains.csv",),
        1525,
        {"created": 1525},
        _check_coursera_domains,
    ),
    # One course is listed twice, identically: the second row changes nothing.
    Case("edx", (f"{C}edx/edx_courses.csv",), 975, {"created": 974, "unchanged": 1}, _check_edx),
    # 6 rows repeat a course id of udemy_courses.csv; 850 courses of udemy_01.csv are in both.
    Case(
        "udemy",
        (f"{C}udemy/udemy_courses.csv", f"{C}udemy/udemy_01.csv"),
        3678 + 13608,
        {"created": 3672 + 12758, "unchanged": 6, "updated": 850},
        _check_udemy,
    ),
    Case("udacity", (f"{C}udacity/Udacity.csv",), 263, {"created": 263}, _check_udacity),
    Case("mit-ocw", (f"{C}mit_ocw/mit_ocw_courses.json",), 808, {"created": 808}, _check_mit_ocw),
    Case(
        "datascience-multi",
        (f"{C}multi_platform_data_science/dataframe.csv",),
        4683,
        {"created": 4683},
        _check_datascience_multi,
    ),
    Case(
        "goodbooks",
        (f"{B}goodbooks-10k/books.csv",),
        10_000,
        {"created": 10_000},
        _check_goodbooks,
    ),
    Case(
        "books7k",
        (f"{B}7k-books-with-metadata/books_cleaned.csv",),
        5197,
        {"created": 5197},
        _check_books7k,
    ),
    Case(
        "progbooks",
        (f"{B}programming-books/prog_book.csv",),
        271,
        {"created": 271},
        _check_progbooks,
        encoding="cp1252",
    ),
]
SLOW = {"coursera", "udemy", "goodbooks", "books7k", "datascience-multi"}


def _params() -> list[object]:
    return [
        pytest.param(
            case, id=case.profile, marks=[pytest.mark.slow] if case.profile in SLOW else []
        )
        for case in CASES
    ]


def _rows_in(path: Path, encoding: str) -> int:
    if path.suffix == ".json":
        return len(json.loads(path.read_text(encoding)))
    with path.open(encoding=encoding, newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def test_every_dataset_profile_has_a_case() -> None:
    assert {case.profile for case in CASES} == set(PROFILES) - {"canonical"}


@pytest.mark.parametrize("case", _params())
def test_profile_yields_canonical_fields_only(shared_data: Path, case: Case) -> None:
    profile = get_profile(case.profile)
    path = shared_data / case.files[-1]
    with open_binary(path) as (stream, _):
        rows = list(islice(profile.read(path, stream), 300))
    assert rows
    assert all(isinstance(row, RawRow) for row in rows)
    known = set(ResourceRecord.model_fields)
    assert {key for row in rows if isinstance(row, RawRow) for key in row.data} <= known


@pytest.mark.parametrize("case", _params())
def test_profile_imports_the_real_dataset(db: Database, shared_data: Path, case: Case) -> None:
    paths = [shared_data / name for name in case.files]
    assert sum(_rows_in(path, case.encoding) for path in paths) == case.rows
    summary = run_import(db.sessions, paths, profile_name=case.profile)
    counts = {k: summary.counts[k] for k in ("created", "updated", "unchanged", "rejected")}
    assert counts == {"created": 0, "updated": 0, "unchanged": 0, "rejected": 0, **case.counts}
    assert sum(counts.values()) == case.rows
    assert Counter((r.field, r.reason) for r in summary.rejections) == Counter(case.rejected)
    case.check(db)
    again = run_import(db.sessions, paths, profile_name=case.profile)
    stored = case.rows - counts["rejected"]
    assert (again.counts["unchanged"], again.counts["created"], again.counts["updated"]) == (
        stored,
        0,
        0,
    )


@pytest.mark.slow
def test_both_coursera_files_describe_one_course_once(db: Database, shared_data: Path) -> None:
    folder = shared_data / "courses" / "coursera"
    run_import(db.sessions, [folder / "coursera_courses.csv"], profile_name="coursera")
    domains = run_import(
        db.sessions, [folder / "coursera_courses_domains.csv"], profile_name="coursera-domains"
    )
    assert (domains.counts["created"], domains.counts["updated"]) == (1525 - 40, 40)
    nand = _resource(db, "coursera", "learn/build-a-computer")
    assert nand.institution is not None  # from coursera_courses.csv
    assert nand.rating is not None
    assert (nand.price, nand.currency) == (Decimal("2998.48"), "INR")  # from the domains file
    assert _topics(nand) == {"Computer Science > Foundations"}

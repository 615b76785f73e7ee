"""The O*NET importer: every file read, bad rows reported, re-imports change nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from courseatlas.careers.guides import bundled_guides_dir
from courseatlas.careers.importers import import_guides, import_onet
from courseatlas.careers.models import Career, CareerSkill, Occupation
from courseatlas.careers.onet import read_onet
from courseatlas.catalog.models import Skill
from courseatlas.db.database import Database
from tests.careers.onet_files import GD, OTHER, RN, SD, write_onet
from tests.helpers import admin_headers


def test_reads_every_file(tmp_path: Path) -> None:
    read = read_onet(write_onet(tmp_path))
    assert read.problems == []
    assert read.release == "O*NET 29.2 Database"
    sd = read.occupations[SD]
    assert sd["title"] == "Software Developers"
    assert [t["core"] for t in sd["tasks"]] == [True, False]
    assert sd["technologies"][0] == {
        "name": "Kubernetes",
        "category": "Operating system software",
        "hot": True,
        "in_demand": True,
    }
    assert sd["technologies"][-1]["name"] == "ABC Compiler"  # neither hot nor in demand: last
    assert sd["job_zone"] == 4
    assert sd["education"]["name"] == "Job Zone Four: Considerable Preparation Needed"
    assert sd["education"]["levels"] == [
        {"level": "Bachelor's Degree", "share": 70.0},
        {"level": "Master's Degree", "share": 20.0},
    ]
    assert sd["interests"] == {
        "scores": {"Realistic": 3.93, "Investigative": 5.86},
        "high_point": ["Investigative", "Conventional"],
    }
    assert [r["code"] for r in sd["related"]] == [GD, RN]
    assert sd["activities"] == [  # the activity most of its tasks involve first
        "Modify software programs to improve performance.",
        "Collaborate with others to determine design specifications.",
    ]
    assert read.occupations[RN]["tools"] == [
        {"name": "Blood pressure cuffs", "category": "Sphygmomanometers"}
    ]
    rn = read.occupations[RN]
    assert rn["alternate_titles"] == [
        "Emergency Room Registered Nurse (ER RN)",
        "ER RN",
        "Staff Nurse",
    ]
    assert [s["name"] for s in rn["work_styles"]] == ["Concern for Others", "Achievement/Effort"]
    assert read.occupations[OTHER]["tasks"] == []


def test_bad_rows_are_reported_with_file_line_field_and_reason(tmp_path: Path) -> None:
    extra = {
        "Job Zones.txt": [f"{GD}\t9\t08/2023\tAnalyst"],
        "Technology Skills.txt": [f"{SD}\tRust\t1\tx\tmaybe\tN", "99-9999.00\tGo\t1\tx\tY\tY"],
        "Task Statements.txt": [
            "15-1252\t5\tA task.\tCore\t1\t08/2023\tx",
            f"{SD}\t6\t\tCore\t1\t08/2023\tx",
        ],
        "Interests.txt": [f"{SD}\t1.B.1.c\tArtistic\tOI\tlots\t11/2023\tx"],
    }
    problems = {
        (p.file, p.line, p.field): p.reason for p in read_onet(write_onet(tmp_path, extra)).problems
    }
    assert problems[("Job Zones.txt", 5, "Job Zone")] == "expected 1 to 5, got '9'"
    assert (
        problems[("Technology Skills.txt", 12, "Hot Technology")] == "expected Y or N, got 'maybe'"
    )
    assert (
        problems[("Technology Skills.txt", 13, "O*NET-SOC Code")]
        == "unknown O*NET-SOC code '99-9999.00'"
    )
    assert "not an O*NET-SOC code" in problems[("Task Statements.txt", 6, "O*NET-SOC Code")]
    assert problems[("Task Statements.txt", 7, "Task")] == "required"
    assert "expected a number" in problems[("Interests.txt", 7, "Data Value")]


def test_missing_files_and_columns_are_reported(tmp_path: Path) -> None:
    folder = write_onet(tmp_path, skip=("Work Styles.txt",))
    (folder / "Job Zones.txt").write_bytes(b"O*NET-SOC Code\tZone\r\n15-1252.00\t4\r\n")
    problems = {(p.file, p.field): p.reason for p in read_onet(folder).problems}
    assert problems[("Work Styles.txt", "file")] == "not found"
    assert problems[("Job Zones.txt", "header")] == "missing columns: ['Job Zone']"
    assert read_onet(tmp_path / "nowhere").occupations == {}


def test_import_is_idempotent_and_gives_unclaimed_occupations_a_career(
    db: Database, tmp_path: Path
) -> None:
    folder = write_onet(tmp_path)
    first = import_onet(db.sessions, folder)
    assert (first.status, dict(first.counts)) == (
        "succeeded",
        {"created": 4, "updated": 0, "unchanged": 0, "rejected": 0},
    )
    again = import_onet(db.sessions, folder)
    assert again.counts["unchanged"] == 4 and again.counts["created"] == 0
    with db.session() as session:
        careers = {c.slug: c for c in session.scalars(select(Career))}
        assert set(careers) == {"software-developers", "registered-nurses", "graphic-designers"}
        assert careers["software-developers"].field == "Computer and Mathematical"
        skills = dict(
            session.execute(
                select(Skill.name, CareerSkill.source)
                .join(CareerSkill, CareerSkill.skill_id == Skill.id)
                .where(CareerSkill.career_id == careers["software-developers"].id)
            ).all()
        )
        assert {"Python", "Java", "Kubernetes"} <= set(skills)
        assert set(skills.values()) == {"onet"}
        assert "Microsoft Excel" not in skills  # listed for every occupation here: says nothing
        nurse = careers["registered-nurses"].context
        # Its title, tasks, activities and tools; not the office software all of them list.
        assert {"patient", "blood"} <= set(nurse) and "excel" not in nurse
        assert any(word.startswith("nurse") for word in nurse)
        assert max(nurse.values()) == 1.0


def test_a_changed_row_updates_its_occupation(db: Database, tmp_path: Path) -> None:
    import_onet(db.sessions, write_onet(tmp_path / "a"))
    changed = write_onet(
        tmp_path / "b", {"Alternate Titles.txt": [f"{GD}\tBrand Designer\tn/a\t02"]}
    )
    summary = import_onet(db.sessions, changed)
    assert (summary.counts["updated"], summary.counts["unchanged"]) == (1, 3)
    with db.session() as session:
        occupation = session.get(Occupation, GD)
        assert occupation is not None and "Brand Designer" in occupation.alternate_titles


def test_bad_rows_make_a_partial_run_with_its_rejections(
    db: Database, tmp_path: Path, client: TestClient
) -> None:
    folder = write_onet(tmp_path, {"Job Zones.txt": [f"{GD}\t0\t08/2023\tAnalyst"]})
    summary = import_onet(db.sessions, folder)
    assert summary.status == "partial" and summary.counts["rejected"] == 1
    body = client.get(f"/api/v1/imports/{summary.run_id}", headers=admin_headers(db)).json()
    assert body["rejections"] == [
        {
            "file": str(folder / "Job Zones.txt"),
            "line": 5,
            "field": "Job Zone",
            "reason": "expected 1 to 5, got '0'",
            "severity": "error",
        }
    ]


def test_a_folder_without_occupations_fails(db: Database, tmp_path: Path) -> None:
    summary = import_onet(db.sessions, tmp_path)
    assert summary.status == "failed"
    assert summary.exit_code == 1


@pytest.mark.parametrize("guides_first", [True, False])
def test_guides_claim_their_occupation_in_either_order(
    db: Database, tmp_path: Path, guides_first: bool
) -> None:
    folder = write_onet(tmp_path)
    if guides_first:
        import_guides(db.sessions, [bundled_guides_dir()])
    import_onet(db.sessions, folder)
    if not guides_first:
        import_guides(db.sessions, [bundled_guides_dir()])
    with db.session() as session:
        slugs = set(session.scalars(select(Career.slug)))
    # Software developers are claimed by backend-engineer and mobile-developer, nurses and
    # graphic designers by their guides: no occupation page duplicates a guide.
    assert not slugs & {"software-developers", "registered-nurses", "graphic-designers"}
    assert {"backend-engineer", "registered-nurse", "graphic-designer"} <= slugs

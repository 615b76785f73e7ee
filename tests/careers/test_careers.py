"""Career guides imported and served: the list, the page, O*NET data and its credit."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from courseatlas.careers.guides import SECTIONS, bundled_guides_dir
from courseatlas.careers.importers import import_guides, import_onet
from courseatlas.careers.models import Career
from courseatlas.db.database import Database
from tests.careers.onet_files import write_onet
from tests.careers.test_guides import GOOD

PROBLEM = "application/problem+json"


def _guide(folder: Path, text: str = GOOD, name: str = "beekeeper.md") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text)
    return folder


# --- importing


def test_guides_import_once_then_change_nothing(db: Database) -> None:
    first = import_guides(db.sessions, [bundled_guides_dir()])
    assert first.status == "succeeded" and first.counts["created"] >= 20
    again = import_guides(db.sessions, [bundled_guides_dir()])
    assert again.counts["unchanged"] == first.counts["created"]
    assert again.counts["created"] == again.counts["updated"] == 0


def test_an_edited_guide_is_updated(db: Database, tmp_path: Path) -> None:
    import_guides(db.sessions, [_guide(tmp_path / "a")])
    edited = _guide(tmp_path / "b", GOOD.replace("Keeps bees.", "Keeps bees, happily."))
    summary = import_guides(db.sessions, [edited])
    assert summary.counts["updated"] == 1
    with db.session() as session:
        career = session.scalar(select(Career).where(Career.slug == "beekeeper"))
        assert career is not None and career.summary == "Keeps bees, happily."


def test_bad_guides_are_rejected_and_the_rest_imported(db: Database, tmp_path: Path) -> None:
    folder = _guide(tmp_path)
    _guide(folder, GOOD.replace("slug: beekeeper", "slug: Bee"), "bad.md")
    _guide(folder, GOOD, "copy.md")  # the same slug again
    summary = import_guides(db.sessions, [folder])
    assert summary.status == "partial"
    assert (summary.counts["created"], summary.counts["rejected"]) == (1, 2)
    reasons = {(Path(r.file).name, r.line, r.field) for r in summary.rejections}
    assert reasons == {("bad.md", 3, "slug"), ("copy.md", 1, "slug")}


def test_nothing_to_import_fails(db: Database, tmp_path: Path) -> None:
    summary = import_guides(db.sessions, [tmp_path])
    assert (summary.status, summary.exit_code) == ("failed", 1)


def test_a_guide_takes_its_slug_from_an_occupation(db: Database, tmp_path: Path) -> None:
    import_onet(db.sessions, write_onet(tmp_path / "onet"))
    text = GOOD.replace("slug: beekeeper", "slug: registered-nurses")
    import_guides(db.sessions, [_guide(tmp_path / "guides", text)])
    with db.session() as session:
        careers = dict(session.execute(select(Career.slug, Career.origin)).all())
    assert careers["registered-nurses"] == "guide"
    assert careers["registered-nurses-29-1141-00"] == "onet"  # the occupation keeps a page


# --- the API, on the demo catalog and its guides


def test_list_guides_first_with_fields(demo_api: TestClient) -> None:
    body = demo_api.get("/api/v1/careers", params={"per_page": 100}).json()
    assert body["total"] >= 20 and all(c["origin"] == "guide" for c in body["results"])
    software = next(f for f in body["fields"] if f["slug"] == "software")
    assert software["count"] >= 5
    health = demo_api.get("/api/v1/careers", params={"field": "health"}).json()
    assert {c["slug"] for c in health["results"]} >= {"registered-nurse", "nutritionist"}
    assert all(c["field"] == "Health" for c in health["results"])


def test_search_careers_by_alternate_title(demo_api: TestClient) -> None:
    body = demo_api.get("/api/v1/careers", params={"q": "back-end developers"}).json()
    assert body["results"][0]["slug"] == "backend-engineer"
    assert body["results"][0]["matched_title"] == "Back-End Developer"
    assert demo_api.get("/api/v1/careers", params={"q": "astronaut"}).json()["total"] == 0


def test_careers_are_found_by_whole_words_of_any_title(
    client: TestClient, db: Database, tmp_path: Path
) -> None:
    import_onet(db.sessions, write_onet(tmp_path))

    def found(q: str) -> list[tuple[str, str | None]]:
        body = client.get("/api/v1/careers", params={"q": q}).json()
        assert body["total"] == len(body["results"])
        return [(c["slug"], c["matched_title"]) for c in body["results"]]

    assert found("ER RN") == [("registered-nurses", "ER RN")]  # O*NET's short title
    assert found("staff nurses") == [("registered-nurses", "Staff Nurse")]
    # A title that is the words searched comes before titles that hold them.
    assert found("application developer")[0] == ("software-developers", "Application Developer")
    # Short forms are spelled out: "dev" is a developer, not a title of three letters.
    assert ("software-developers", "Software Developers") in found("dev")
    # Whole words only: "sign" is no word of "Graphic Designers", "nurs" none of "Nurse".
    assert "graphic-designers" not in {slug for slug, _ in found("sign")}
    assert found("nurs") == []


@pytest.mark.parametrize(
    "params",
    [{"per_page": 0}, {"page": 0}, {"field": "Not A Slug"}, {"q": "x" * 201}],
)
def test_bad_list_parameters_are_422(demo_api: TestClient, params: dict[str, object]) -> None:
    response = demo_api.get("/api/v1/careers", params=params)
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM


def test_unknown_and_malformed_career_slugs(demo_api: TestClient) -> None:
    missing = demo_api.get("/api/v1/careers/astronaut")
    assert missing.status_code == 404 and missing.headers["content-type"] == PROBLEM
    assert missing.json()["detail"] == "no career has slug 'astronaut'"
    assert demo_api.get("/api/v1/careers/Not_A_Slug").status_code == 422


def test_backend_engineer_page(demo_api: TestClient) -> None:
    page = demo_api.get("/api/v1/careers/backend-engineer").json()
    assert [s["key"] for s in page["sections"]] == list(SECTIONS)
    sources = {s["key"]: s["source"] for s in page["sections"]}
    # Every section written for the guide but the online courses one, composed and marked so.
    assert sources.pop("online-courses") == "composed"
    assert set(sources.values()) == {"guide"}
    online = page["sections"][-1]["body"]
    assert "SQL" in online and "not enough on their own" in online
    skills = {s["name"]: s for s in page["skills"]}
    assert skills["Kubernetes"]["source"] == "guide" and skills["SQL"]["weight"] == 1.0
    assert page["attribution"] is None and page["occupation"] is None  # no O*NET data loaded
    assert [t["slug"] for t in page["topics"]] == [
        "backend-engineering",
        "databases",
        "distributed-systems",
    ]
    assert {"full-stack-developer", "devops-engineer"} <= {r["slug"] for r in page["related"]}
    for kind, matches in (("course", page["courses"]), ("book", page["books"])):
        assert len(matches) >= 5
        assert all(m["kind"] == kind and m["reasons"] for m in matches)
        for match in matches:
            named = {r["name"] for r in match["reasons"] if r["kind"] == "skill"}
            assert named <= set(skills)
    providers = [m["provider"]["name"] for m in page["courses"][:10] if m["provider"]]
    assert max(providers.count(p) for p in providers) <= 4


def test_learning_path_puts_foundations_first_and_says_what_it_misses(
    demo_api: TestClient,
) -> None:
    path = demo_api.get("/api/v1/careers/backend-engineer").json()["learning_path"]
    assert 2 <= len(path["steps"]) <= 8
    for step in path["steps"]:
        assert all(before < step["position"] for before in step["after"])
        assert step["why"].endswith(".")
        if step["after"]:
            assert step["why"].startswith(f"After step {step['after'][0]}, ")
    covered = [name for step in path["steps"] for name in step["covers"]]
    assert len(covered) == len(set(covered))
    assert set(covered) == set(path["covered"])
    assert set(path["covered"]) | set(path["uncovered"]) == set(path["key_skills"])
    assert path["notes"] == [f"no resource found for {name}" for name in path["uncovered"]]
    hours = [
        s["resource"]["duration_hours"] for s in path["steps"] if s["resource"]["duration_hours"]
    ]
    assert path["total_hours"] == pytest.approx(sum(hours), abs=0.1)


# --- pages of careers with O*NET data, and with nothing to match


def test_a_career_with_no_matching_resources(
    client: TestClient, db: Database, tmp_path: Path
) -> None:
    import_guides(db.sessions, [_guide(tmp_path)])
    page = client.get("/api/v1/careers/beekeeper").json()
    assert page["courses"] == [] and page["books"] == []
    path = page["learning_path"]
    assert path["steps"] == [] and path["total_hours"] is None
    assert path["notes"] == ["no resource found for Beekeeping"]


def test_a_guide_merged_with_its_occupation_credits_onet(
    client: TestClient, db: Database, tmp_path: Path
) -> None:
    import_onet(db.sessions, write_onet(tmp_path))
    import_guides(db.sessions, [bundled_guides_dir()])
    page = client.get("/api/v1/careers/registered-nurse").json()
    assert page["occupation"]["code"] == "29-1141.00"
    assert page["occupation"]["tasks"] == [{"text": "Monitor patients' conditions.", "core": True}]
    assert "Staff Nurse" in page["alternate_titles"]
    sources = {s["key"]: s["source"] for s in page["sections"]}
    assert sources.pop("online-courses") == "onet"  # composed: the guide has no such section
    assert set(sources.values()) == {"guide"}  # the guide has all the others
    credit = page["attribution"]
    assert "O*NET 29.2 Database" in credit["text"] and credit["license"] == "CC BY 4.0"
    found = client.get("/api/v1/careers", params={"q": "software engineer"}).json()
    assert {"backend-engineer", "mobile-developer"} <= {c["slug"] for c in found["results"]}


def test_an_occupation_without_a_guide_has_sections_from_onet(
    client: TestClient, db: Database, tmp_path: Path
) -> None:
    import_onet(db.sessions, write_onet(tmp_path))
    page = client.get("/api/v1/careers/software-developers").json()
    sections = {s["key"]: s for s in page["sections"]}
    assert list(sections) == [
        "overview",
        "what-they-do",
        "education-and-training",
        "a-day-in-the-job",
        "personality-traits-and-interests",
        "online-courses",
    ]
    assert {s["source"] for s in sections.values()} == {"onet"}
    assert "- Modify existing software to correct errors." in sections["what-they-do"]["body"]
    assert "- Modify software programs" in sections["a-day-in-the-job"]["body"]
    online = sections["online-courses"]["body"]
    assert "Python" in online and "not enough on their own" in online
    assert "Bachelor's Degree (70%)" in sections["education-and-training"]["body"]
    assert page["attribution"] is not None
    assert page["occupation"]["education"]["zone"] == 4
    assert [r["slug"] for r in page["related"]] == ["graphic-designers", "registered-nurses"]


def test_a_learning_path_counts_what_is_free_and_what_it_costs(demo_api: TestClient) -> None:
    path = demo_api.get("/api/v1/careers/backend-engineer").json()["learning_path"]
    prices = [step["resource"]["price"] for step in path["steps"]]
    assert path["free_steps"] == sum(1 for p in prices if p["free"])
    paid = [p for p in prices if not p["free"] and p["amount"] is not None]
    assert {p["currency"] for p in paid} <= {"USD"}  # the display currency, converted
    if paid:
        assert path["cost"]["currency"] == "USD"
        assert float(path["cost"]["amount"]) == pytest.approx(sum(float(p["amount"]) for p in paid))
    in_path = {step["resource"]["id"] for step in path["steps"]}
    for step in path["steps"]:
        if step["free_alternative"]:
            assert step["free_alternative"]["price"]["free"] is True
            assert step["free_alternative"]["id"] not in in_path
    if path["free_alternative"]:
        assert path["free_alternative"]["price"]["free"] is True
        assert path["free_alternative"]["id"] not in in_path
    assert path["book"]["kind"] == "book" and path["book"]["id"] not in in_path

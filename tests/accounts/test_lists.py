"""Every list operation, through the API and the pages, on both databases."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlalchemy import select

from courseatlas.catalog.models import Resource
from courseatlas.ingest.service import run_import
from tests.accounts.conftest import Site, token_of
from tests.helpers import course, write_jsonl


def _api(client: TestClient) -> dict[str, str]:
    return {"X-CSRF-Token": token_of(client)}


def test_lists_through_the_api(site: Site, alice: TestClient) -> None:
    first, second, third = site.resources[:3]
    made = alice.post("/api/v1/lists", json={"title": "Databases"}, headers=_api(alice))
    assert made.status_code == 201
    body = made.json()
    assert body["visibility"] == "private" and body["share_url"] is None
    list_id = body["id"]
    for resource_id in (first, second, third):
        item = alice.post(
            f"/api/v1/lists/{list_id}/items",
            json={"resource_id": resource_id, "note": "for work"},
            headers=_api(alice),
        )
        assert item.status_code == 201 and item.json()["status"] == "want"
    duplicate = alice.post(
        f"/api/v1/lists/{list_id}/items", json={"resource_id": first}, headers=_api(alice)
    )
    assert duplicate.status_code == 409
    assert duplicate.headers["content-type"] == "application/problem+json"
    unknown = alice.post(
        f"/api/v1/lists/{list_id}/items", json={"resource_id": 999999}, headers=_api(alice)
    )
    assert unknown.status_code == 422

    done = alice.patch(
        f"/api/v1/lists/{list_id}/items/{second}", json={"status": "done"}, headers=_api(alice)
    )
    assert done.json()["done_on"] == date.today().isoformat()
    dated = alice.patch(
        f"/api/v1/lists/{list_id}/items/{first}",
        json={"status": "done", "done_on": "2026-01-05"},
        headers=_api(alice),
    )
    assert dated.json()["done_on"] == "2026-01-05"
    back = alice.patch(
        f"/api/v1/lists/{list_id}/items/{first}", json={"status": "taking"}, headers=_api(alice)
    )
    assert back.json()["done_on"] is None
    moved = alice.patch(
        f"/api/v1/lists/{list_id}/items/{third}", json={"position": 1}, headers=_api(alice)
    )
    assert moved.json()["position"] == 1
    detail = alice.get(f"/api/v1/lists/{list_id}").json()
    assert [i["resource"]["id"] for i in detail["items"]] == [third, first, second]

    public = alice.patch(
        f"/api/v1/lists/{list_id}", json={"visibility": "public"}, headers=_api(alice)
    )
    share_url = public.json()["share_url"]
    assert re.fullmatch(r"http://testserver/lists/[\w-]{22}", share_url)
    assert (
        alice.delete(f"/api/v1/lists/{list_id}/items/{first}", headers=_api(alice)).status_code
        == 204
    )
    assert len(alice.get(f"/api/v1/lists/{list_id}").json()["items"]) == 2
    titles = [entry["title"] for entry in alice.get("/api/v1/lists").json()["results"]]
    assert titles == ["Saved", "Databases"]
    assert alice.get("/api/v1/me").json()["lists"] == 2
    assert alice.delete(f"/api/v1/lists/{list_id}", headers=_api(alice)).status_code == 204
    assert alice.get(f"/api/v1/lists/{list_id}").status_code == 404


def test_a_public_list_is_shared_by_link_and_private_again_is_gone(
    site: Site, alice: TestClient
) -> None:
    token = token_of(alice)
    alice.post("/lists/save", data={"resource_id": site.resources[0], "csrf_token": token})
    (saved,) = [
        entry for entry in alice.get("/api/v1/lists").json()["results"] if entry["is_default"]
    ]
    assert saved["item_count"] == 1
    alice.post(f"/account/lists/{saved['id']}", data={"visibility": "public", "csrf_token": token})
    share_url = alice.get(f"/api/v1/lists/{saved['id']}").json()["share_url"]
    path = share_url.removeprefix("http://testserver")
    with site.client() as stranger:
        page = stranger.get(path)
        assert page.status_code == 200
        assert "Learning SQL part 1" in page.text
        data = json.loads(
            re.search(r'<script type="application/ld\+json">(.*?)</script>', page.text).group(1)
        )
        assert data["@type"] == "ItemList" and data["numberOfItems"] == 1
        assert "noindex" in page.text
        assert path not in stranger.get("/sitemaps/site.xml").text
        alice.post(
            f"/account/lists/{saved['id']}", data={"visibility": "private", "csrf_token": token}
        )
        assert stranger.get(path).status_code == 404


def test_save_without_javascript_and_with_htmx(site: Site, alice: TestClient) -> None:
    token = token_of(alice)
    plain = alice.post(
        "/lists/save",
        data={"resource_id": site.resources[1], "csrf_token": token},
        follow_redirects=False,
    )
    assert plain.status_code == 303 and plain.headers["location"].startswith("/account/lists/")
    fragment = alice.post(
        "/lists/save",
        data={"resource_id": site.resources[1], "csrf_token": token},
        headers={"HX-Request": "true"},
    )
    assert "Saved already in" in fragment.text and "<html" not in fragment.text
    page = alice.get(plain.headers["location"])
    assert "Learning SQL part 2" in page.text


def test_search_results_offer_save_and_signed_in_pages_are_private(
    site: Site, alice: TestClient
) -> None:
    with site.client() as stranger:
        anonymous = stranger.get("/search?q=sql")
        assert 'href="/lists/save/' in anonymous.text and "csrf_token" not in anonymous.text
        assert anonymous.headers["cache-control"].startswith("public")
        assert "Cookie" in anonymous.headers["vary"]
    personal = alice.get("/search?q=sql")
    assert 'action="/lists/save"' in personal.text
    assert personal.headers["cache-control"] == "private, no-cache"


def test_export_and_import(site: Site, alice: TestClient) -> None:
    token = token_of(alice)
    made = alice.post("/api/v1/lists", json={"title": "Imported"}, headers=_api(alice)).json()
    csv_in = "title\nLearning SQL part 3\nhttps://courses.example/c/4\nhttp://testserver/courses/does-not-exist\nNo Such Course\n9780306406157\n"
    answer = alice.post(
        f"/account/lists/{made['id']}/import",
        data={"csrf_token": token},
        files={"file": ("list.csv", csv_in, "text/csv")},
    )
    assert "2 added" in answer.text
    assert "Line 4" in answer.text and "Line 5" in answer.text and "Line 6" in answer.text
    exported = alice.get(f"/account/lists/{made['id']}/export.csv")
    lines = exported.text.splitlines()
    assert lines[0] == "position,title,kind,page,provider,status,done_on,note"
    assert [line.split(",")[1] for line in lines[1:]] == [
        "Learning SQL part 3",
        "Learning SQL part 4",
    ]
    as_json = alice.get(f"/account/lists/{made['id']}/export.json").json()
    assert [i["resource"]["title"] for i in as_json["items"]] == [
        "Learning SQL part 3",
        "Learning SQL part 4",
    ]


def test_reorder_note_and_status_through_the_pages(site: Site, alice: TestClient) -> None:
    token = token_of(alice)
    for resource_id in site.resources[:2]:
        alice.post("/lists/save", data={"resource_id": resource_id, "csrf_token": token})
    (saved,) = alice.get("/api/v1/lists").json()["results"]
    base = f"/account/lists/{saved['id']}/items/{site.resources[1]}"
    alice.post(f"{base}/move", data={"step": "-1", "csrf_token": token})
    alice.post(base, data={"status": "done", "note": "loved it", "csrf_token": token})
    items = alice.get(f"/api/v1/lists/{saved['id']}").json()["items"]
    assert [i["resource"]["id"] for i in items] == [site.resources[1], site.resources[0]]
    assert items[0]["note"] == "loved it" and items[0]["status"] == "done"
    alice.post(f"{base}/remove", data={"csrf_token": token})
    assert len(alice.get(f"/api/v1/lists/{saved['id']}").json()["items"]) == 1


def test_bad_input_is_a_clear_4xx_never_a_500(site: Site, alice: TestClient) -> None:
    token = token_of(alice)
    made = alice.post("/api/v1/lists", json={"title": "Mine"}, headers=_api(alice)).json()
    base = f"/api/v1/lists/{made['id']}"
    problems = [
        alice.post("/api/v1/lists", json={}, headers=_api(alice)),
        alice.post("/api/v1/lists", json={"title": "x" * 201}, headers=_api(alice)),
        alice.post("/api/v1/lists", json={"title": "   "}, headers=_api(alice)),
        alice.post(
            "/api/v1/lists",
            content=b"{not json",
            headers={**_api(alice), "content-type": "application/json"},
        ),
        alice.patch(base, json={"visibility": "secret"}, headers=_api(alice)),
        alice.patch(base, json={"owner": 1}, headers=_api(alice)),
        alice.post(f"{base}/items", json={"resource_id": "x"}, headers=_api(alice)),
        alice.post(
            f"{base}/items",
            json={"resource_id": site.resources[0], "status": "want", "done_on": "2026-01-01"},
            headers=_api(alice),
        ),
        alice.get("/api/v1/lists/99999999999"),
    ]
    for answer in problems:
        assert 400 <= answer.status_code < 500, answer.text
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["detail"]
    pages = [
        alice.post("/account/lists", data={"title": "", "csrf_token": token}),
        alice.post("/account/lists", data={"title": "   ", "csrf_token": token}),
        alice.post(f"/account/lists/{made['id']}", data={"title": "x" * 201, "csrf_token": token}),
        alice.post(
            f"/account/lists/{made['id']}/import",
            data={"csrf_token": token},
            files={"file": ("x.csv", b"\xff\xfe\x00bad", "text/csv")},
        ),
        alice.post(
            f"/account/lists/{made['id']}/items/{site.resources[0]}/move",
            data={"step": "7", "csrf_token": token},
        ),
        alice.post("/lists/save", data={"resource_id": "0", "csrf_token": token}),
    ]
    for answer in pages:
        assert 400 <= answer.status_code < 500, answer.text
        assert "text/html" in answer.headers["content-type"]
    assert alice.get("/api/v1/lists").json()["results"][1]["title"] == "Mine"


def test_nul_in_a_body_is_stored_as_written_or_refused_never_a_500(
    site: Site, alice: TestClient
) -> None:
    """PostgreSQL takes no NUL character in text: a 422 that stores nothing. SQLite stores the
    text as written."""
    answer = alice.post("/api/v1/lists", json={"title": "Mine\u0000"}, headers=_api(alice))
    titles = [item["title"] for item in alice.get("/api/v1/lists").json()["results"]]
    if site.db.engine.dialect.name == "postgresql":
        assert answer.status_code == 422, answer.text
        assert answer.headers["content-type"] == "application/problem+json"
        assert "NUL" in answer.json()["detail"]
        assert "Mine\u0000" not in titles
    else:
        assert answer.status_code == 201, answer.text
        assert "Mine\u0000" in titles
    page = alice.post("/account/lists", data={"title": "Page\u0000", "csrf_token": token_of(alice)})
    assert page.status_code < 500


def _compare_link(html: str) -> tuple[str, str]:
    soup = BeautifulSoup(html, "html.parser")
    link = soup.select_one("#compare-all")
    assert link is not None, "no compare link"
    ticks = [box["value"] for box in soup.select('input[name="ids"][form="compare-form"]')]
    assert soup.select_one("form#compare-form[action='/compare'][method='get']") is not None
    return " ".join(link.get_text().split()), f"{link['href']} ticks={','.join(ticks)}"


def test_a_saved_list_opens_the_comparison_of_its_courses(
    site: Site, alice: TestClient, tmp_path: Path
) -> None:
    token = token_of(alice)
    first = alice.post(
        "/lists/save",
        data={"resource_id": site.resources[0], "csrf_token": token},
        follow_redirects=False,
    )
    mine = first.headers["location"].split("?")[0]
    assert "compare-form" not in alice.get(mine).text  # one item: nothing to compare
    for resource_id in site.resources[1:3]:
        alice.post("/lists/save", data={"resource_id": resource_id, "csrf_token": token})
    three = ",".join(str(i) for i in site.resources[:3])
    assert _compare_link(alice.get(mine).text) == (
        "Compare all 3",
        f"/compare?ids={three} ticks={three}",
    )
    compared = BeautifulSoup(alice.get(f"/compare?ids={three}").text, "html.parser")
    titles = [" ".join(th.get_text().split()) for th in compared.select(".compare thead th a")]
    assert titles == [f"Learning SQL part {n}" for n in (1, 2, 3)]

    alice.post(mine, data={"visibility": "public", "csrf_token": token})
    list_id = mine.rsplit("/", 1)[1]
    shared = alice.get(f"/api/v1/lists/{list_id}").json()["share_url"]
    with site.client() as stranger:
        public = stranger.get(shared.removeprefix("http://testserver")).text
    assert _compare_link(public)[0] == "Compare all 3"

    more = [course(n, title=f"Learning SQL part {n}") for n in (5, 6)]
    run_import(site.db.sessions, [write_jsonl(tmp_path / "more.jsonl", *more)])
    with site.db.session() as session:
        extra = list(session.scalars(select(Resource.id).where(Resource.id.not_in(site.resources))))
    for resource_id in [site.resources[3], *extra]:
        alice.post("/lists/save", data={"resource_id": resource_id, "csrf_token": token})
    label, href = _compare_link(alice.get(mine).text)
    first_four = ",".join(str(i) for i in site.resources[:4])
    assert label == "Compare the first four"
    assert href.startswith(f"/compare?ids={first_four} ticks=")
    assert len(href.split("ticks=")[1].split(",")) == 6
    five = alice.get("/compare?" + "&".join(f"ids={i}" for i in [*site.resources, extra[0]]))
    assert five.status_code == 422 and "pick 2 to 4 courses or books to compare, not 5" in five.text

"""The search API contract, on SQLite and PostgreSQL, over the demo catalog."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient


def _search(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/api/v1/search", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _titles(body: dict[str, Any]) -> list[str]:
    return [r["title"] for r in body["results"]]


def _counts(body: dict[str, Any], facet: str) -> dict[str, int]:
    return {v["value"]: v["count"] for v in body["facets"][facet]}


def test_results_carry_what_the_contract_says(demo_api: TestClient) -> None:
    body = _search(demo_api, q="blues guitar")
    assert body["total"] >= 3
    assert all("blues" in t.lower() for t in _titles(body)[:3])
    first = body["results"][0]
    assert set(first) >= {
        "id",
        "kind",
        "slug",
        "title",
        "provider",
        "level",
        "price",
        "rating",
        "url",
        "snippet",
    }
    assert first["url"] == f"/{first['kind']}s/{first['slug']}"
    assert body["corrected_query"] is None


def test_exact_title_comes_first(demo_api: TestClient) -> None:
    assert (
        _titles(_search(demo_api, q="Machine Learning in Production"))[0]
        == "Machine Learning in Production"
    )
    assert _titles(_search(demo_api, q="blues guitar handbook"))[0] == "Blues Guitar Handbook"


def test_typo_is_corrected_only_when_it_helps(demo_api: TestClient) -> None:
    typo = _search(demo_api, q="pyhton")
    assert typo["corrected_query"] == "python"
    assert typo["total"] == _search(demo_api, q="python")["total"] > 0
    assert _search(demo_api, q="python")["corrected_query"] is None
    assert _search(demo_api, q="sql")["corrected_query"] is None  # short words are never corrected


def test_a_corrected_typo_keeps_its_filters_and_facets(demo_api: TestClient) -> None:
    typo = _search(demo_api, q="statistcs", kind="course")
    right = _search(demo_api, q="statistics", kind="course")
    assert typo["corrected_query"] == "statistics"
    assert typo["uncorrected_total"] == 0  # the words as typed found nothing
    assert typo["total"] == right["total"] > 0
    assert typo["facets"] == right["facets"]
    assert _counts(typo, "kind")["course"] == right["total"]
    assert next(v for v in typo["facets"]["kind"] if v["selected"])["value"] == "course"
    assert {r["kind"] for r in typo["results"]} == {"course"}
    assert _search(demo_api, q="statistics")["uncorrected_total"] is None


def test_prefix_of_the_last_word_matches(demo_api: TestClient) -> None:
    typing = _search(demo_api, q="machine lea")
    assert typing["total"] > 0
    assert all("machine" in t.lower() for t in _titles(typing)[:3])


def test_skill_synonyms(demo_api: TestClient) -> None:
    assert (
        _search(demo_api, q="postgres")["total"] == _search(demo_api, q="postgresql")["total"] > 0
    )
    assert any("JavaScript" in t for t in _titles(_search(demo_api, q="js", per_page=50)))


def test_phrases_and_exclusions(demo_api: TestClient) -> None:
    everything = _search(demo_api, q="introduction", per_page=100)
    without = _search(demo_api, q="introduction -python", per_page=100)
    assert 0 < without["total"] < everything["total"]
    assert not any("python" in t.lower() for t in _titles(without))
    phrase = _search(demo_api, q='"machine learning"', per_page=100)
    assert phrase["total"] > 0


def test_isbn_finds_the_book_with_or_without_hyphens(demo_api: TestClient) -> None:
    book = _search(demo_api, kind="book", per_page=1)["results"][0]
    isbn = demo_api.get(f"/api/v1/resources/{book['id']}").json()["isbn13"]
    hyphenated = f"{isbn[:3]}-{isbn[3]}-{isbn[4:9]}-{isbn[9:12]}-{isbn[12]}"
    for query in (isbn, hyphenated):
        assert _titles(_search(demo_api, q=query)) == [book["title"]]


def test_facets_count_exactly_what_filters_return(demo_api: TestClient) -> None:
    body = _search(demo_api, q="data")
    for facet in ("kind", "level", "price", "provider", "topic"):
        for value, count in _counts(body, facet).items():
            assert _search(demo_api, q="data", per_page=1, **{facet: value})["total"] == count
    assert sum(_counts(body, "kind").values()) == body["total"]


def test_facets_are_disjunctive(demo_api: TestClient) -> None:
    unfiltered = _search(demo_api, q="data")
    books = _search(demo_api, q="data", kind="book")
    assert _counts(books, "kind") == _counts(unfiltered, "kind")  # its own filter is left out
    assert sum(_counts(books, "level").values()) <= books["total"]
    assert next(v for v in books["facets"]["kind"] if v["selected"])["value"] == "book"
    labels = {v["value"]: v["label"] for v in unfiltered["facets"]["kind"]}
    assert labels == {"course": "Courses", "book": "Books"}


def test_browsing_without_text(demo_api: TestClient) -> None:
    body = _search(demo_api, topic="music", sort="popular", per_page=100)
    assert body["total"] >= 20
    popularity = [
        demo_api.get(f"/api/v1/resources/{r['id']}").json()["popularity"]
        for r in body["results"][:5]
    ]
    assert popularity == sorted(popularity, reverse=True)
    everything = _search(demo_api)
    assert everything["total"] == 405


def test_deep_pages_and_exact_total(demo_api: TestClient) -> None:
    total = _search(demo_api, per_page=1)["total"]
    seen = [
        r["id"]
        for page in range(1, 6)
        for r in _search(demo_api, per_page=100, page=page)["results"]
    ]
    assert len(seen) == len(set(seen)) == total
    assert _search(demo_api, page=999, per_page=100)["results"] == []


def test_sort_by_rating_uses_the_bayesian_average(demo_api: TestClient) -> None:
    body = _search(demo_api, sort="rating", per_page=20)
    ratings = [r["rating"] for r in body["results"]]
    assert ratings[0] >= 4.5


def test_min_rating_filter(demo_api: TestClient) -> None:
    body = _search(demo_api, min_rating=4.6, per_page=100)
    assert body["total"] > 0 and all(r["rating"] >= 4.6 for r in body["results"])


def test_snippets_are_escaped_with_marks(demo_api: TestClient) -> None:
    snippet = _search(demo_api, q="kubernetes")["results"][0]["snippet"]
    assert "<mark>" in snippet.lower()
    stripped = snippet.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in stripped and ">" not in stripped


def test_every_result_has_a_snippet_that_starts_cleanly(demo_api: TestClient) -> None:
    for params in (
        {"q": "python"},
        {"q": "data", "page": 2},
        {"topic": "music"},
        {"q": "aaliyah grant"},
    ):
        results = _search(demo_api, per_page=20, **params)["results"]
        assert results, params
        for result in results:
            text = result["snippet"].replace("<mark>", "").replace("</mark>", "")
            # A sentence's start (a capital, a digit, a quote) or an ellipsis, never mid-word.
            assert text[0].isupper() or text[0].isdigit() or text[0] in "…“\"'(", (params, text)


def test_nothing_matches(demo_api: TestClient) -> None:
    body = _search(demo_api, q="zzqxv")
    assert body["total"] == 0 and body["results"] == [] and body["corrected_query"] is None


@pytest.mark.parametrize(
    "q",
    [
        '"',
        '"""',
        "((((",
        "title:",
        "*",
        "AND OR NOT",
        "-",
        "\\",
        "😀🎸",
        "'; DROP TABLE resources;--",
        "a" * 400,
        "<script>alert(1)</script>",
        "%00",
        "\u202e\u2066x",
        "~1^2",
        "[1 TO 5]",
        "{!}",
    ],
)
def test_any_text_gets_an_answer(demo_api: TestClient, q: str) -> None:
    response = demo_api.get("/api/v1/search", params={"q": q})
    assert response.status_code == 200, response.text
    assert isinstance(response.json()["total"], int)


def test_nul_and_overlong_text(demo_api: TestClient) -> None:
    nul = demo_api.get("/api/v1/search?q=python%00sql")  # refused before any query runs
    assert nul.status_code == 400 and "NUL character" in nul.json()["detail"]
    response = demo_api.get("/api/v1/search", params={"q": "x " * 2000})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert "q" in response.json()["detail"]


@pytest.mark.parametrize(
    "params",
    [
        {"sort": "random"},
        {"per_page": 101},
        {"page": 0},
        {"price": "cheap"},
        {"min_rating": 6},
        {"kind": "podcast"},
        {"topic": "Not A Slug"},
    ],
)
def test_bad_parameters_are_422(demo_api: TestClient, params: dict[str, Any]) -> None:
    response = demo_api.get("/api/v1/search", params=params)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


def test_suggest(demo_api: TestClient) -> None:
    body = demo_api.get("/api/v1/suggest", params={"q": "kube"}).json()
    kinds = {s["kind"] for s in body["suggestions"]}
    assert {"course", "book", "skill"} <= kinds
    assert all(
        s["label"].lower().startswith("kube") or "kube" in s["label"].lower()
        for s in body["suggestions"]
    )
    for kind in ("course", "book"):
        title = next(s for s in body["suggestions"] if s["kind"] == kind)
        assert title["url"].startswith(f"/{kind}s/")
    skill = next(s for s in body["suggestions"] if s["kind"] == "skill")
    assert skill == {"kind": "skill", "label": "Kubernetes", "url": "/search?skill=kubernetes"}
    assert demo_api.get("/api/v1/suggest", params={"q": ""}).json()["suggestions"] == []
    assert demo_api.get("/api/v1/suggest", params={"q": "%_\\"}).status_code == 200


def test_suggestions_name_each_label_once(demo_api: TestClient) -> None:
    body = demo_api.get("/api/v1/suggest", params={"q": "pyth", "limit": 20}).json()
    labels = [s["label"].casefold() for s in body["suggestions"]]
    assert len(labels) == len(set(labels)) and "python" in labels
    # The topic and the skill share the name: the topic, which has a page, is the one kept.
    python = next(s for s in body["suggestions"] if s["label"] == "Python")
    assert python == {"kind": "topic", "label": "Python", "url": "/topics/python"}


def test_a_skill_filters_by_the_skill_not_by_its_name_in_text(demo_api: TestClient) -> None:
    by_skill = _search(demo_api, skill="go", per_page=100)
    assert by_skill["total"] > 0
    for result in by_skill["results"]:
        skills = demo_api.get(f"/api/v1/resources/{result['id']}").json()["skills"]
        assert "go" in {s["slug"] for s in skills}, result["title"]
    assert by_skill["facets"]["skill"] == [
        {"value": "go", "label": "Go", "count": by_skill["total"], "selected": True}
    ]
    assert _search(demo_api, skill="no-such-skill")["total"] == 0


@pytest.mark.parametrize(
    ("facet", "check"),
    [
        ("certificate", lambda r, value: r["certificate"] is (value == "true")),
        ("duration", lambda r, value: _in_band(r["duration_hours"], value)),
        ("min_rating", lambda r, value: r["rating"] >= float(value)),
    ],
)
def test_new_facets_count_what_their_filter_returns(
    demo_api: TestClient, facet: str, check: Any
) -> None:
    body = _search(demo_api, q="data")
    counts = _counts(body, facet)
    assert counts, facet
    for value, count in counts.items():
        filtered = _search(demo_api, q="data", per_page=100, **{facet: value})
        assert filtered["total"] == count, (facet, value)
        for result in filtered["results"]:
            full = demo_api.get(f"/api/v1/resources/{result['id']}").json()
            assert check(full, value), (facet, value, full["title"])


def test_band_facets_read_in_their_own_order(demo_api: TestClient) -> None:
    facets = _search(demo_api)["facets"]
    assert [v["value"] for v in facets["min_rating"]] == ["4.5", "4", "3.5", "3"]
    assert [v["label"] for v in facets["min_rating"]][:2] == ["4.5 and up", "4 and up"]
    assert [v["value"] for v in facets["duration"]] == ["2-10", "10-40", "over-40"]
    counts = [v["count"] for v in facets["min_rating"]]
    assert counts == sorted(counts)  # each step holds the one above it


def test_a_bad_band_is_refused(demo_api: TestClient) -> None:
    response = demo_api.get("/api/v1/search", params={"duration": "forever"})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["duration"]


def _in_band(hours: float | None, band: str) -> bool:
    low, high = {"under-2": (0, 2), "2-10": (2, 10), "10-40": (10, 40), "over-40": (40, 1e9)}[band]
    return hours is not None and low <= hours < high


def test_readyz_reports_the_index(demo_api: TestClient) -> None:
    body = demo_api.get("/readyz").json()
    assert body["search"] == {"documents": 405, "lag": 0}


def test_spelling_correction_can_be_declined(demo_api: TestClient) -> None:
    body = _search(demo_api, q="pyhton", spellcheck="false")
    assert body["corrected_query"] is None
    assert body["total"] == 0


def test_results_say_why_they_matched_when_the_title_does_not(demo_api: TestClient) -> None:
    by_author = _search(demo_api, q="aaliyah grant")["results"]
    assert by_author and all(
        {"field": "person", "value": "Aaliyah Grant"} in r["matched"] for r in by_author
    )
    titled = _search(demo_api, q="docker")["results"][0]
    assert titled["title"] == "Docker for Developers" and titled["matched"] == []
    by_skill = _search(demo_api, q="kubernetes", per_page=50)["results"]
    untitled = [r for r in by_skill if "kubernetes" not in r["title"].lower()]
    assert untitled and all(r["matched"] for r in untitled)
    assert all(m["field"] in {"skill", "person", "topic"} for r in untitled for m in r["matched"])

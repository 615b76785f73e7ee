"""Snippets start where a sentence starts, or say with an ellipsis that they do not."""

from __future__ import annotations

from courseatlas.search.snippets import opening, passage

TEXT = (
    "Containers made simple. This course teaches you to package an application with Docker "
    "and to run it anywhere, then moves on to orchestration with Kubernetes in a long final "
    "part that covers deployments, services, config maps, autoscaling and rolling upgrades."
)


def _marks(fragment: str, word: str) -> list[tuple[int, int]]:
    start = fragment.encode().index(word.encode())
    return [(start, start + len(word.encode()))]


def test_a_passage_near_its_sentence_start_takes_the_sentence_in() -> None:
    fragment = "package an application with Docker and to run it anywhere"
    shown = passage(TEXT, fragment, _marks(fragment, "Docker"))
    assert shown == (
        "This course teaches you to package an application with <mark>Docker</mark> "
        "and to run it anywhere…"
    )


def test_a_passage_far_into_its_sentence_opens_with_an_ellipsis() -> None:
    fragment = "autoscaling and rolling upgrades."
    shown = passage(TEXT, fragment, _marks(fragment, "rolling"))
    assert shown == "…autoscaling and <mark>rolling</mark> upgrades."


def test_a_passage_at_the_start_has_no_ellipsis_before_it() -> None:
    fragment = "Containers made simple."
    assert passage(TEXT, fragment, _marks(fragment, "simple")) == (
        "Containers made <mark>simple</mark>."
    )


def test_nothing_matched_in_the_description_shows_its_opening() -> None:
    shown = opening(TEXT, limit=60)
    assert shown == "Containers made simple. This course teaches you to package…"
    assert passage(TEXT, "", []) == opening(TEXT)
    assert opening("Short & sweet.") == "Short &amp; sweet."
    assert opening("   ") is None


def test_text_is_escaped_around_the_marks() -> None:
    text = "Learn <b>HTML</b> & CSS."
    fragment = "<b>HTML</b> & CSS."
    shown = passage(text, fragment, _marks(fragment, "CSS"))
    assert shown == "Learn &lt;b&gt;HTML&lt;/b&gt; &amp; <mark>CSS</mark>."

"""The pure query parser: words, phrases, exclusions; engine syntax never survives."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from courseatlas.search.query import MAX_QUERY_WORDS, ParsedQuery, parse_query


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("python", ParsedQuery(("python",), prefix=True)),
        ("python ", ParsedQuery(("python",))),
        ("machine lea", ParsedQuery(("machine", "lea"), prefix=True)),
        ('"machine learning" basics ', ParsedQuery(("basics",), (("machine", "learning"),))),
        ("sql -mysql ", ParsedQuery(("sql",), excluded=(("mysql",),))),
        ('data -"big data" ', ParsedQuery(("data",), excluded=(("big", "data"),))),
        ("sql NOT oracle ", ParsedQuery(("sql",), excluded=(("oracle",),))),
        ("c++ c# node.js ", ParsedQuery(("c++", "c#", "node.js"))),
        (
            "title:sql^3 AND (joins OR views)* ",
            ParsedQuery(("title", "sql", "3", "joins", "views")),
        ),
        ('"unclosed phrase here', ParsedQuery(phrases=(("unclosed", "phrase", "here"),))),
        ("python python PYTHON ", ParsedQuery(("python", "PYTHON"))),
    ],
)
def test_parse(raw: str, expected: ParsedQuery) -> None:
    assert parse_query(raw) == expected


@pytest.mark.parametrize(
    "raw", ["978-0-306-40615-7", "0306406152", "ISBN 0-8044-2957-X", " 9780306406157 "]
)
def test_isbns_are_recognised(raw: str) -> None:
    parsed = parse_query(raw)
    assert parsed.isbn is not None and len(parsed.isbn) == 13
    assert parsed.words == ()


def test_an_invalid_isbn_is_just_a_number() -> None:
    assert parse_query("9780306406158 ") == ParsedQuery(("9780306406158",))


@pytest.mark.parametrize("raw", ["", "   ", '"""', "-", "NOT", "!!!", "\x00\x01", "()[]{}:^~*"])
def test_nothing_to_search_for(raw: str) -> None:
    assert parse_query(raw).is_empty


def test_long_input_is_bounded() -> None:
    parsed = parse_query(" ".join(f"w{i}" for i in range(5000)))
    assert len(parsed.words) == MAX_QUERY_WORDS


def test_text_round_trips() -> None:
    parsed = parse_query('sql "window functions" -mysql ')
    assert parsed.text == 'sql "window functions" -mysql'
    assert parse_query(parsed.text + " ") == parsed


@given(st.text(max_size=300))
def test_any_string_parses_into_plain_words(raw: str) -> None:
    parsed = parse_query(raw)
    tokens = [
        *parsed.words,
        *(w for p in parsed.phrases for w in p),
        *(w for p in parsed.excluded for w in p),
    ]
    for token in tokens:
        assert token.strip() == token and token
        assert not any(ch in token for ch in '"()[]{}:^~*\\/!?<>=&|\x00')
    assert len(parsed.words) <= MAX_QUERY_WORDS


@given(
    st.lists(
        st.sampled_from(["sql", "python", '"a b"', "-x", "NOT", "c++", "(", ")", ":", "*"]),
        max_size=12,
    )
)
def test_parsing_its_own_text_is_stable(parts: list[str]) -> None:
    parsed = parse_query(" ".join(parts) + " ")
    assert parse_query(parsed.text + " ") == parsed


def test_a_question_keeps_only_what_it_is_about() -> None:
    assert parse_query("what is the best way to learn photography").words == ("photography",)
    assert parse_query("How do I become a data scientist?").words == ("data", "scientist")
    assert parse_query("What Is the What").words == ("What", "Is", "the")  # about nothing else
    assert parse_query("python for beginners").words == ("python", "for", "beginners")

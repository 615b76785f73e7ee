"""The pure normalisation functions."""

from __future__ import annotations

import unicodedata
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from courseatlas.ingest import normalise as n
from courseatlas.ingest.markup import html_to_text


@pytest.mark.parametrize(
    ("raw", "isbn13"),
    [
        ("978-0-306-40615-7", "9780306406157"),
        ("0306406152", "9780306406157"),
        ("0-8044-2957-X", "9780804429573"),
        ("978 1 86197 876 9", "9781861978769"),
    ],
)
def test_isbn_is_normalised_to_13_digits(raw: str, isbn13: str) -> None:
    assert n.parse_isbn13(raw) == isbn13


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("978-0-306-40615-8", "ISBN-13 checksum"),
        ("0306406153", "ISBN-10 checksum"),
        ("12345", "10 or 13 digits"),
        ("9.78043902348e+12", "10 or 13 digits"),
    ],
)
def test_bad_isbns_say_why(raw: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        n.parse_isbn13(raw)


def test_html_is_reduced_to_safe_text() -> None:
    text = n.clean_text(
        "<p>Learn <b>SQL</b> &amp; more.</p><script>alert('x')</script><ul><li>joins</li></ul>"
    )
    assert text == "Learn SQL & more.\n\n- joins"
    assert n.clean_text("<img src=x onerror=alert(1)>hello") == "hello"


@pytest.mark.parametrize(
    "written",
    [
        "Templates in C++: vector<int> and map<K, V>",
        "Drawing with the HTML5 <canvas> element",
        "Escaped in the feed: &lt;script&gt;alert(1)&lt;/script&gt; &amp; more",
        "Short (<10 minute) videos; a < b > c",
        "Training course <coursera.org/learn/google-cbrs-professional-training> for all",
        "Generics: List<String>, Map<K,V>; <T extends Comparable<T>>",
    ],
)
def test_plain_text_is_stored_as_written(written: str) -> None:
    assert n.clean_line(written) == written
    assert n.clean_text(written) == written


def test_text_in_an_html_description_survives_its_markup() -> None:
    text = n.clean_text(
        "<p>Use <b>vector&lt;int&gt;</b> and map<K, V> with <canvas>.</p>"
        "<ul><li>one</li><li>two</li></ul><script>steal()</script><style>p{}</style>After"
    )
    assert text == "Use vector<int> and map<K, V> with <canvas>.\n\n- one\n- two\nAfter"


def test_a_title_is_text_even_when_it_looks_like_html() -> None:
    assert n.clean_line("<b>Bold</b> &amp; plain") == "<b>Bold</b> &amp; plain"


def test_whitespace_and_control_characters_are_cleaned() -> None:
    assert n.clean_line("  a\t\tb \x00c\n d ") == "a b c d"
    assert n.clean_text("one\r\n\r\n\r\ntwo  three") == "one\n\ntwo three"


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a?b=1", True),
        ("HTTP://Example.ORG/x", True),
        ("javascript:alert(1)", False),
        ("ftp://example.org/file", False),
        ("https:///nohost", False),
        ("//example.org/x", False),
        ("https://exa mple.org", False),
    ],
)
def test_only_http_urls_are_accepted(url: str, ok: bool) -> None:
    if ok:
        assert n.parse_url(url).startswith("http")
    else:
        with pytest.raises(ValueError):
            n.parse_url(url)


def test_url_host_is_lowercased_but_path_kept() -> None:
    assert n.parse_url("HTTPS://Example.ORG/Path/X") == "https://example.org/Path/X"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("en", "en"),
        ("English", "en"),
        ("eng", "en"),
        ("en-US", "en"),
        ("Español", "es"),
        ("fre", "fr"),
        ("日本語", "ja"),
    ],
)
def test_languages(raw: str, code: str) -> None:
    assert n.parse_language(raw) == code


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language"):
        n.parse_language("Gibberish")


@pytest.mark.parametrize(
    ("raw", "level"),
    [
        ("Beginner", "beginner"),
        ("Introductory", "beginner"),
        ("All Levels", "all"),
        ("Mixed", "all"),
        ("Expert Level", "advanced"),
        ("Intermediate", "intermediate"),
    ],
)
def test_levels(raw: str, level: str) -> None:
    assert n.parse_level(raw) == level


def test_numbers_accept_thousands_separators() -> None:
    assert n.parse_int("6,706") == 6706
    assert n.parse_number(" 12.50 ") == Decimal("12.50")
    with pytest.raises(ValueError, match="whole number"):
        n.parse_int("1.5")
    with pytest.raises(ValueError, match="number"):
        n.parse_number(True)
    with pytest.raises(ValueError, match="finite"):
        n.parse_number("NaN")


def test_booleans_and_dates() -> None:
    assert n.parse_bool("Yes") is True
    assert n.parse_bool(0) is False
    with pytest.raises(ValueError):
        n.parse_bool("maybe")
    assert n.parse_date("2017-01-18T20:58:58Z") == date(2017, 1, 18)


def test_currency_codes_and_symbols() -> None:
    assert n.parse_currency("usd") == "USD"
    assert n.parse_currency("₹") == "INR"
    with pytest.raises(ValueError, match="currency"):
        n.parse_currency("DOLLARS")


def test_lists_split_on_bars_and_drop_repeats() -> None:
    assert n.split_list("SQL| Python |SQL||") == ["SQL", "Python"]
    assert n.split_list(["a", " a ", "b"]) == ["a", "b"]
    with pytest.raises(ValueError, match="list"):
        n.split_list({"a": 1})


@given(st.text())
def test_clean_text_never_leaves_scripts_or_control_characters(value: str) -> None:
    cleaned = n.clean_text(value)
    assert not any(ch in cleaned for ch in "\x00\x01\x1f\x7f\r")
    assert "steal()" not in n.clean_text(f"<p>{value}</p><script>steal()</script>")


@given(st.text(alphabet=st.characters(blacklist_categories=["Cc", "Zs", "Zl", "Zp"])))
def test_text_without_markup_keeps_every_character(value: str) -> None:
    if html_to_text(value) is None:
        assert n.clean_line(value) == unicodedata.normalize("NFC", value)


@given(st.text(alphabet="0123456789X- ", max_size=20))
def test_isbn_parser_accepts_or_explains(value: str) -> None:
    try:
        isbn = n.parse_isbn13(value)
    except ValueError as error:
        assert str(error)
    else:
        assert len(isbn) == 13 and isbn.isdigit()
        assert n.isbn13_check_digit(isbn[:12]) == isbn[12]

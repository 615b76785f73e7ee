"""The shared text helpers: alias keys, slugs, the word pattern, canonical JSON."""

from __future__ import annotations

from courseatlas.text import alias_key, canonical_json, slugify, words


def test_skill_alias_keys_ignore_punctuation_and_case() -> None:
    assert alias_key("Node.js") == alias_key("nodejs") == alias_key("Node JS")
    assert alias_key("C++") != alias_key("C") != alias_key("C#")


def test_slugify() -> None:
    assert slugify("Español para viajeros: ¡Vamos!") == "espanol-para-viajeros-vamos"
    assert slugify("!!!") == "untitled"


def test_words_keep_inner_punctuation_and_trailing_symbols() -> None:
    assert words("Learn C++, C# and node.js back-end") == [
        "Learn",
        "C++",
        "C#",
        "and",
        "node.js",
        "back-end",
    ]


def test_canonical_json_is_sorted_compact_and_unescaped() -> None:
    assert canonical_json({"b": 1, "a": "é"}) == '{"a":"é","b":1}'

"""The shared text helpers: alias keys, slugs, the word pattern, canonical JSON."""

from __future__ import annotations

import json
import math

import pytest

from courseatlas.text import alias_key, canonical_json, json_dumps, json_loads, slugify, words


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


def test_canonical_json_writes_the_bytes_json_wrote_so_stored_hashes_still_match() -> None:
    rows = [
        {"title": 'Quotes " and \\ slashes', "tabs": "a\tb\nc\x01\x7f\u2028", "é": ["ü", "中文"]},
        {"price": 12.5, "rating": 4.55, "third": 1 / 3, "big": 1e16, "zero": -0.0, "n": None},
        {"nested": {"z": [1, {"y": True, "x": False}], "a": []}, "count": 2**63 - 1},
        {"huge": 2**70, "lone surrogate": "\ud800"},  # orjson refuses these: json writes them
    ]
    for row in rows:
        assert canonical_json(row) == json.dumps(
            row, sort_keys=True, ensure_ascii=False, separators=(",", ":")
        )


def test_json_dumps_writes_what_json_loads_and_json_read_back_alike() -> None:
    for value in (["Ada Lovelace", "Søren Kierkegaard"], {"a": [1, 2.5, None]}, [], {"big": 2**64}):
        written = json_dumps(value)
        assert json_loads(written) == json.loads(written) == value
    assert json_dumps(["é"]) == '["é"]'  # as written, not escaped


def test_json_loads_reads_what_json_wrote_and_explains_what_is_not_json() -> None:
    assert json_loads('{"a": [1, 2.5, "é"]}') == {"a": [1, 2.5, "é"]}
    assert json_loads(b'{"big": 18446744073709551616}') == {"big": 2**64}
    assert math.isnan(json_loads('{"x": NaN}')["x"])
    with pytest.raises(json.JSONDecodeError, match="Expecting ',' delimiter"):
        json_loads('{"a": 1 "b": 2}')

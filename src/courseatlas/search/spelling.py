"""Spelling correction of query words against the words the index actually holds."""

from __future__ import annotations

import string
from collections.abc import Iterator

import tantivy
from rapidfuzz.distance import DamerauLevenshtein

from courseatlas.search import analyzers

VOCABULARY_FIELD = "words"
MIN_PREFIX = 2
MIN_LENGTH = 4  # shorter words are never corrected: too many real words are one edit apart
TWO_EDITS_FROM = 8  # long words may be two edits off
PREFIX_SCAN_LIMIT = 5000
_LETTERS = string.ascii_lowercase


def correct_words(searcher: tantivy.Searcher, words: tuple[str, ...]) -> tuple[str, ...] | None:
    """The words with misspellings corrected, or None when nothing needed correcting."""
    corrected = tuple(correct_word(searcher, word) or word for word in words)
    return corrected if corrected != words else None


def correct_word(searcher: tantivy.Searcher, word: str) -> str | None:
    tokens = analyzers.words(word)
    if len(tokens) != 1 or not _correctable(tokens[0]):
        return None
    token = tokens[0]
    own = searcher.doc_freq(VOCABULARY_FIELD, token)
    best: tuple[int, int, str] | None = None  # (edits, -frequency, word): fewest edits first
    for candidate, edits in _candidates(searcher, token):
        frequency = searcher.doc_freq(VOCABULARY_FIELD, candidate)
        if frequency and (best is None or (edits, -frequency, candidate) < best):
            best = (edits, -frequency, candidate)
    if best is None:
        return None
    # A word the catalog knows is kept unless it is rare and its neighbour very common.
    if own and not (own <= 2 and -best[1] >= 50 * own):
        return None
    return best[2]


def completions_of(searcher: tantivy.Searcher, word: str, limit: int = 8) -> list[str]:
    """The most frequent catalog words that start with what the user has typed so far."""
    tokens = analyzers.words(word)
    if len(tokens) != 1 or len(tokens[0]) < MIN_PREFIX:
        return []
    return [
        term for term, _ in searcher.terms_with_prefix(VOCABULARY_FIELD, tokens[0], limit=limit)
    ]


def _correctable(token: str) -> bool:
    return len(token) >= MIN_LENGTH and token.isalpha()


def _candidates(searcher: tantivy.Searcher, token: str) -> Iterator[tuple[str, int]]:
    for candidate in _one_edit(token):
        yield candidate, 1
    if len(token) >= TWO_EDITS_FROM:
        terms = searcher.terms_with_prefix(VOCABULARY_FIELD, token[:2], limit=PREFIX_SCAN_LIMIT)
        for term, _count in terms:
            edits = DamerauLevenshtein.distance(token, term, score_cutoff=2)
            if edits == 2:
                yield term, 2


def _one_edit(word: str) -> set[str]:
    """Every word one deletion, transposition, replacement or insertion away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _LETTERS if c != b[0]}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return (deletes | transposes | replaces | inserts) - {word}

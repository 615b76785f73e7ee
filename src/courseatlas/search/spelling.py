"""Spelling correction of query words against the words the index actually holds, and
completion of a last word the user has not finished."""

from __future__ import annotations

import string
from collections.abc import Iterator
from dataclasses import dataclass

import tantivy
from rapidfuzz.distance import DamerauLevenshtein

from courseatlas.search import analyzers
from courseatlas.search.fields import schema
from courseatlas.search.query import ParsedQuery

VOCABULARY_FIELD = "words"
MIN_PREFIX = 2
MIN_LENGTH = 4  # shorter words are never corrected: too many real words are one edit apart
TWO_EDITS_FROM = 8  # long words may be two edits off
PREFIX_SCAN_LIMIT = 5000
RARE = 2  # a word held this rarely may be a misspelling the catalog itself contains
COMMON_NEIGHBOUR = 50  # ... when a word one edit away is this many times as frequent
CONTEXT_CANDIDATES = 12  # the likeliest corrections of a word tried against its neighbours
CONTEXT_WORDS = 3  # neighbours on each side a correction is tried with
# A known last word is still completed when a word it starts is this many times as frequent:
# "harry pot" is typing "potter", "machine learning" is not typing "learnings".
COMPLETION_DOMINATES = 20
_LETTERS = string.ascii_lowercase


@dataclass(frozen=True)
class _Word:
    token: str | None  # the one correctable token, or None: kept as written
    frequency: int  # documents holding it as written
    candidates: tuple[tuple[str, int, int], ...] = ()  # (word, documents holding it, edits)


def correct_words(
    searcher: tantivy.Searcher, words: tuple[str, ...], known_words_too: bool = False
) -> tuple[str, ...] | None:
    """The words with misspellings corrected, or None when nothing needed correcting.

    Each word is corrected in its context: a correction that forms, with its neighbours, a
    phrase the catalog holds ("hary potter" -> "harry potter") beats the most frequent word
    one edit away. When every word is known, nothing is looked up unless ``known_words_too``
    (the query found nothing): then a known word is replaced only by a word its neighbours
    confirm ("the grate gatsby" -> "the great gatsby")."""
    checked = [
        _Word(t[0], _held(searcher, t[0])) if (t := _token(w)) else _Word(None, 0) for w in words
    ]
    doubtful = [w.token is not None and w.frequency <= RARE for w in checked]
    if not any(doubtful) and not known_words_too:
        return None
    checked = [
        _with_candidates(searcher, word) if word.token and (doubt or known_words_too) else word
        for word, doubt in zip(checked, doubtful, strict=True)
    ]
    chosen = [_alone(word) or words[i] for i, word in enumerate(checked)]
    for i, word in enumerate(checked):
        if word.candidates and len(words) > 1:
            before, after = _tokens(chosen[:i]), _tokens(chosen[i + 1 :])
            in_context = _in_context(searcher, word, before, after)
            if in_context is not None:
                chosen[i] = words[i] if in_context == word.token else in_context
    corrected = tuple(chosen)
    return corrected if corrected != words else None


def completions_of(searcher: tantivy.Searcher, word: str, limit: int = 8) -> list[str]:
    """The most frequent catalog words that start with what the user has typed so far."""
    tokens = analyzers.words(word)
    if len(tokens) != 1 or len(tokens[0]) < MIN_PREFIX:
        return []
    return [
        term for term, _ in searcher.terms_with_prefix(VOCABULARY_FIELD, tokens[0], limit=limit)
    ]


def unfinished_completions(
    searcher: tantivy.Searcher, parsed: ParsedQuery, even_known: bool = False
) -> list[str]:
    """The words the query's last word may be the start of, when it looks unfinished.

    A submitted query is read as whole words: its last word is completed only when the
    catalog does not hold it as a word, or holds words that start with it far more often
    (or ``even_known``: when it was read whole and found little)."""
    if not parsed.prefix or not parsed.words:
        return []
    tokens = analyzers.words(parsed.words[-1])
    if len(tokens) != 1 or len(tokens[0]) < MIN_PREFIX:
        return []
    own = _held(searcher, tokens[0])
    found = searcher.terms_with_prefix(VOCABULARY_FIELD, tokens[0], limit=8)
    dominated = any(n >= COMPLETION_DOMINATES * own for term, n in found if term != tokens[0])
    if own and not (dominated or even_known):
        return []
    return [term for term, _ in found]


def _token(word: str) -> list[str]:
    """The word's one token, when it is one the catalog's spelling could correct."""
    tokens = analyzers.words(word)
    return tokens if len(tokens) == 1 and _correctable(tokens[0]) else []


def _held(searcher: tantivy.Searcher, token: str) -> int:
    return int(searcher.doc_freq(VOCABULARY_FIELD, token))


def _with_candidates(searcher: tantivy.Searcher, word: _Word) -> _Word:
    """The word with its likeliest corrections: one edit away, then two (when its first two
    letters are right), each most frequent first."""
    assert word.token is not None
    ranked = sorted(
        (edits, -n, candidate) for candidate, edits, n in _candidates(searcher, word.token)
    )
    best = [row for row in ranked if row[0] == 1][:CONTEXT_CANDIDATES]
    best += [row for row in ranked if row[0] == 2][:CONTEXT_CANDIDATES]
    return _Word(word.token, word.frequency, tuple((c, -n, e) for e, n, c in best))


def _alone(word: _Word) -> str | None:
    """The correction of a word out of context: fewest edits, then most frequent (two edits
    only for long words). A word the catalog knows is kept unless it is rare and its
    neighbour very common."""
    if not word.candidates or (
        word.candidates[0][2] > 1 and len(word.token or "") < TWO_EDITS_FROM
    ):
        return None
    best, held, _ = word.candidates[0]
    rare = word.frequency <= RARE and held >= COMMON_NEIGHBOUR * word.frequency
    return best if word.frequency == 0 or rare else None


def _in_context(
    searcher: tantivy.Searcher, word: _Word, before: list[str], after: list[str]
) -> str | None:
    """The candidate its neighbours confirm most often, in the longest phrase around it that
    the catalog holds with any candidate ("lord of the ___"), then shorter ones; the word
    itself when it is confirmed as typed (a known word, as soon as any phrase holds it); None
    when no neighbour confirms anything."""
    assert word.token is not None
    known = word.frequency > RARE
    for left, right in _windows(before[-CONTEXT_WORDS:], after[:CONTEXT_WORDS]):
        if known and not any(analyzers.stems(token) for token in (*left, *right)):
            continue  # "the ___" is no evidence against a word the catalog knows
        counts = {
            candidate: _phrase_count(searcher, [*left, candidate, *right])
            for candidate in (word.token, *(c for c, _, _ in word.candidates))
        }
        best = max(counts, key=lambda candidate: counts[candidate])  # the likeliest on ties
        if known and counts[word.token]:
            return word.token
        if counts[best]:
            return best
    return None


def _windows(before: list[str], after: list[str]) -> list[tuple[list[str], list[str]]]:
    """The neighbours to try, most first: both sides, then the words before, then after."""
    both = [(before, after)] if before and after else []
    lefts: list[tuple[list[str], list[str]]] = [(before[i:], []) for i in range(len(before))]
    rights: list[tuple[list[str], list[str]]] = [
        ([], after[: len(after) - i]) for i in range(len(after))
    ]
    return [*both, *lefts, *rights]


def _phrase_count(searcher: tantivy.Searcher, tokens: list[str]) -> int:
    query = tantivy.Query.phrase_query(schema(), VOCABULARY_FIELD, list(tokens))
    return int(searcher.search(query, 1).count)  # type: ignore[attr-defined]


def _tokens(words: list[str]) -> list[str]:
    return [token for word in words for token in analyzers.words(word)]


def _correctable(token: str) -> bool:
    return len(token) >= MIN_LENGTH and token.isalpha()


def _candidates(searcher: tantivy.Searcher, token: str) -> Iterator[tuple[str, int, int]]:
    """(word, edits, documents holding it) for the catalog's words one or two edits away.
    One scan of the words that share the token's first two letters finds both (with their
    frequencies); only one-edit spellings that change those letters are looked up, unless
    the scan was cut short."""
    start, spellable = token[:2], frozenset(_LETTERS + token)  # what _one_edit could write
    scanned = searcher.terms_with_prefix(VOCABULARY_FIELD, start, limit=PREFIX_SCAN_LIMIT)
    every_one = len(scanned) < PREFIX_SCAN_LIMIT  # every word that starts the same way
    for term, held in scanned:
        edits = DamerauLevenshtein.distance(token, term, score_cutoff=2)
        one = edits == 1 and every_one and spellable.issuperset(term)
        if held and (edits == 2 or one):
            yield term, edits, held
    for candidate in _one_edit(token):
        if not (every_one and candidate.startswith(start)) and (held := _held(searcher, candidate)):
            yield candidate, 1, held


def _one_edit(word: str) -> set[str]:
    """Every word one deletion, transposition, replacement or insertion away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _LETTERS if c != b[0]}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return (deletes | transposes | replaces | inserts) - {word}

"""The user's search text, parsed into words, phrases and exclusions by a pure function.

Nothing of the engine's own query syntax survives: operators, brackets, field prefixes and
wildcards are separators, so any string at all parses into something safe to search for.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from courseatlas.ingest.normalise import parse_isbn13
from courseatlas.text import WORD

MAX_QUERY_LENGTH = 500
MAX_QUERY_WORDS = 32
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# A word: letters and digits, with inner dots, apostrophes and hyphens ("node.js", "o'neil",
# "e-mail") and trailing + or # ("c++", "c#").
_OPERATORS = {"AND", "OR", "NOT", "&&", "||"}
# A question ("what is the best way to learn photography") is asked in words that every
# resource could contain: when a query opens with one of these, its question words go.
_ASKING = frozenset(
    [
        "what",
        "how",
        "which",
        "where",
        "why",
        "when",
        "who",
        "can",
        "should",
        "is",
        "are",
        "do",
        "does",
    ]
)
_QUESTION = _ASKING | frozenset(
    [
        "a",
        "an",
        "the",
        "i",
        "me",
        "my",
        "we",
        "you",
        "your",
        "to",
        "of",
        "for",
        "in",
        "on",
        "about",
        "best",
        "good",
        "great",
        "way",
        "ways",
        "start",
        "starting",
        "get",
        "getting",
        "learn",
        "learning",
        "study",
        "studying",
        "become",
        "becoming",
        "be",
        "it",
        "there",
        "some",
        "any",
        "beginner",
        "beginners",
        "should",
        "would",
        "could",
        "need",
        "want",
        "know",
    ]
)


@dataclass(frozen=True)
class ParsedQuery:
    words: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    excluded: tuple[tuple[str, ...], ...] = ()  # excluded words (one-word tuples) and phrases
    prefix: bool = False  # the last word may be unfinished: the user is still typing
    isbn: str | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.words or self.phrases or self.isbn)

    @property
    def text(self) -> str:
        """A normalised spelling of the query, as shown back to the user."""
        if self.isbn:
            return self.isbn
        parts = list(self.words)
        parts += [f'"{" ".join(p)}"' for p in self.phrases]
        parts += [f'-"{" ".join(p)}"' if len(p) > 1 else f"-{p[0]}" for p in self.excluded]
        return " ".join(parts)

    def replace_words(self, words: tuple[str, ...]) -> ParsedQuery:
        return ParsedQuery(words, self.phrases, self.excluded, self.prefix, self.isbn)


def parse_query(raw: str) -> ParsedQuery:
    text = _CONTROL.sub(" ", unicodedata.normalize("NFKC", raw))[:MAX_QUERY_LENGTH]
    isbn = _as_isbn(text)
    if isbn:
        return ParsedQuery(isbn=isbn)
    words: list[str] = []
    phrases: list[tuple[str, ...]] = []
    excluded: list[tuple[str, ...]] = []
    for piece in _pieces(text):
        found = tuple(w for w in WORD.findall(piece.text) if w not in _OPERATORS)
        if not found:
            continue
        if piece.negated:
            excluded.extend([found] if piece.quoted else [(word,) for word in found])
        elif piece.quoted and len(found) > 1:
            phrases.append(found)
        else:
            words.extend(found)
    words = _without_question(list(dict.fromkeys(words)))[:MAX_QUERY_WORDS]
    typing = bool(words) and _ends_with(text, words[-1])
    return ParsedQuery(tuple(words), tuple(phrases[:8]), tuple(excluded[:8]), typing)


def _without_question(words: list[str]) -> list[str]:
    """The words a question is about; the question as typed when it is about nothing else
    ("What Is the What") or not a question at all."""
    if len(words) < 3 or words[0].casefold() not in _ASKING:
        return words
    kept = [word for word in words if word.casefold() not in _QUESTION]
    return kept or words


@dataclass(frozen=True)
class _Piece:
    negated: bool
    quoted: bool
    text: str


_TOKEN = re.compile(r'(?P<neg>-)?"(?P<phrase>[^"]*)"?|(?P<bare>\S+)')


def _pieces(text: str) -> list[_Piece]:
    """Quoted phrases and bare tokens; "-" or NOT before either excludes it."""
    pieces = []
    negate_next = False
    for match in _TOKEN.finditer(text):
        bare = match["bare"]
        if bare == "NOT":
            negate_next = True
            continue
        if bare is None:
            pieces.append(_Piece(negate_next or bool(match["neg"]), True, match["phrase"]))
        else:
            negated = negate_next or (bare.startswith("-") and len(bare) > 1)
            pieces.append(_Piece(negated, False, bare.lstrip("-")))
        negate_next = False
    return pieces


def _ends_with(text: str, word: str) -> bool:
    """Whether the text ends in the middle of ``word``: no space or quote after it."""
    return text.endswith(word) or text.rstrip("+#").endswith(word.rstrip("+#"))


def _as_isbn(text: str) -> str | None:
    compact = re.sub(r"[\s\-]", "", text.strip()).removeprefix("ISBN").removeprefix("isbn")
    compact = compact.lstrip(":")
    if not re.fullmatch(r"\d{9}[\dXx]|\d{13}", compact):
        return None
    try:
        return parse_isbn13(compact)
    except ValueError:
        return None

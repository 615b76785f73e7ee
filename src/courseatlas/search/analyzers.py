"""How text is cut into search terms, the same way when indexing and when querying."""

from __future__ import annotations

import re
from functools import cache

import tantivy

# Tokenizers split on punctuation, so "C++", "C#" and ".NET" would all become "c" or "net".
_SPELLED_OUT = [
    (re.compile(r"(?<![\w+#])c\+\+(?![\w+])", re.IGNORECASE), " cplusplus "),
    (re.compile(r"(?<![\w+#])c#(?!\w)", re.IGNORECASE), " csharp "),
    (re.compile(r"(?<![\w+#])f#(?!\w)", re.IGNORECASE), " fsharp "),
    (re.compile(r"(?<!\w)\.net(?!\w)", re.IGNORECASE), " dotnet "),
]

STEMMED = "courseatlas_en"  # lowercase, accents folded, English stop words dropped, stemmed
WORDS = "courseatlas_words"  # lowercase, accents folded: for prefixes and spelling
KEYWORD = "courseatlas_keyword"  # the whole value as one lowercase term: exact titles


def spell_out(text: str) -> str:
    """Rewrite symbols that carry meaning ("C#") into words that survive tokenizing."""
    if "+" in text or "#" in text or ".net" in text or ".NET" in text or ".Net" in text:
        for pattern, replacement in _SPELLED_OUT:
            text = pattern.sub(replacement, text)
    return text


@cache
def analyzers() -> dict[str, tantivy.TextAnalyzer]:
    lower = (tantivy.Filter.lowercase(), tantivy.Filter.ascii_fold())
    stemmed = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
    words = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
    keyword = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.raw())
    for token_filter in lower:
        stemmed, words, keyword = (
            stemmed.filter(token_filter),
            words.filter(token_filter),
            keyword.filter(token_filter),
        )
    stemmed = stemmed.filter(tantivy.Filter.stopword("english")).filter(
        tantivy.Filter.stemmer("english")
    )
    return {STEMMED: stemmed.build(), WORDS: words.build(), KEYWORD: keyword.build()}


def register(index: tantivy.Index) -> None:
    for name, analyzer in analyzers().items():
        index.register_tokenizer(name, analyzer)


def stems(text: str) -> list[str]:
    return list(analyzers()[STEMMED].analyze(spell_out(text)))


def words(text: str) -> list[str]:
    return list(analyzers()[WORDS].analyze(spell_out(text)))


def keyword(text: str) -> str:
    """The exact-title key: lowercase, folded, single-spaced, symbols spelled out."""
    return " ".join(words(text))


# Words that mark a query as written in another language: frequent function words of the
# catalog's other languages that are not English words too ("die", "no", "con" are left out).
_NOT_ENGLISH = frozenset(
    [
        "de",
        "del",
        "la",
        "las",
        "los",
        "el",
        "para",
        "por",
        "una",
        "en",
        "le",
        "les",
        "des",
        "du",
        "pour",
        "et",
        "avec",
        "aux",
        "und",
        "der",
        "das",
        "mit",
        "von",
        "zu",
        "ein",
        "eine",
        "di",
        "della",
        "delle",
        "em",
        "uma",
    ]
)


def looks_english(query_words: list[str]) -> bool:
    """Whether words a user typed read as English: unaccented, with no function word of
    another language. A guess, used only to break ties."""
    return bool(query_words) and not any(
        not word.isascii() or word.casefold() in _NOT_ENGLISH for word in query_words
    )


_SUBTITLE = re.compile(r"\s*(?::|\(|\s[-\u2013\u2014]\s).*$")


def title_keys(title: str) -> tuple[str, str | None]:
    """The exact-title key, and that of the title without its subtitle or series when that is
    a name of its own: "The Hunger Games (The Hunger Games, #1)" -> "the hunger games";
    "Python: Basics" -> None."""
    key = keyword(title)
    main_title = _SUBTITLE.sub("", title)
    if main_title == title:
        return key, None
    main = keyword(main_title)
    return key, main if " " in main and main != key else None

"""Parsed queries and filters turned into tantivy queries, built from parts, never from syntax."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import tantivy
from tantivy import Occur, Query

from courseatlas.ingest.normalise import alias_key
from courseatlas.search import text
from courseatlas.search.base import SearchFilters
from courseatlas.search.query import ParsedQuery
from courseatlas.search.schema import FIELD_BOOSTS, schema

TIE_BREAKER = 0.1
EXACT_TITLE_BOOST = 20.0
TITLE_PHRASE_BOOST = 4.0
PREFIX_BOOSTS = {"title_words": 3.0, "words": 1.0}
MIN_PREFIX = 2


@dataclass(frozen=True)
class Synonyms:
    """Skill spellings and the canonical name each stands for ("js" -> "JavaScript")."""

    canonical: Mapping[str, str]

    def of(self, word: str) -> str | None:
        name = self.canonical.get(alias_key(word))
        return name if name and alias_key(name) != alias_key(word) else None


NO_SYNONYMS = Synonyms({})


def text_query(parsed: ParsedQuery, synonyms: Synonyms, all_words: bool = True) -> Query | None:
    """The query for the user's words; with ``all_words`` False, all but one must match."""
    if parsed.isbn:
        return Query.term_query(schema(), "isbn", parsed.isbn)
    clauses = [clause for word in parsed.words if (clause := _word(word, synonyms))]
    if parsed.prefix and parsed.words and clauses:
        prefix = _prefix(parsed.words[-1])
        if prefix is not None:
            clauses[-1] = Query.disjunction_max_query([clauses[-1], prefix], TIE_BREAKER)
    phrases = [clause for phrase in parsed.phrases if (clause := _phrase(phrase))]
    if not clauses and not phrases:
        return None
    if all_words or len(clauses) < 3:
        core = Query.boolean_query([(Occur.Must, q) for q in [*phrases, *clauses]])
    else:
        core = Query.boolean_query(
            [(Occur.Must, q) for q in phrases] + [(Occur.Should, q) for q in clauses],
            minimum_number_should_match=len(clauses) - 1,
        )
    parts = [(Occur.Must, core)] + [(Occur.Should, q) for q in _title_boosters(parsed)]
    parts += [(Occur.MustNot, q) for words in parsed.excluded if (q := _phrase_or_word(words))]
    return Query.boolean_query(parts)


def filter_queries(filters: SearchFilters, skip: str | None = None) -> list[Query]:
    """One query per active filter, scored zero; ``skip`` leaves one facet's own filter out."""
    queries = [
        Query.term_query(schema(), name, value)
        for name, value in filters.selected().items()
        if name != skip
    ]
    if filters.min_rating is not None:
        queries.append(
            Query.range_query(
                schema(), "rating", tantivy.FieldType.Float, lower_bound=filters.min_rating
            )
        )
    return [Query.const_score_query(q, 0.0) for q in queries]


def combine(text_part: Query | None, filters: list[Query]) -> Query:
    if text_part is None and not filters:
        return Query.all_query()
    parts = ([(Occur.Must, text_part)] if text_part is not None else []) + [
        (Occur.Must, q) for q in filters
    ]
    if text_part is None:
        parts.append((Occur.Must, Query.const_score_query(Query.all_query(), 0.0)))
    return Query.boolean_query(parts)


def _word(word: str, synonyms: Synonyms) -> Query | None:
    options = [q for q in (_phrase_or_word(tuple(text.stems(word)), stemmed=True),) if q]
    canonical = synonyms.of(word)
    if canonical:
        alternative = _phrase_or_word(tuple(text.stems(canonical)), stemmed=True)
        if alternative is not None:
            options.append(alternative)
    if not options:
        return None  # a stop word
    return options[0] if len(options) == 1 else Query.disjunction_max_query(options, TIE_BREAKER)


def _phrase(words: tuple[str, ...]) -> Query | None:
    stems = tuple(stem for word in words for stem in text.stems(word))
    return _phrase_or_word(stems, stemmed=True)


def _phrase_or_word(tokens: tuple[str, ...], stemmed: bool = False) -> Query | None:
    """Any field matching the token (or the tokens as a phrase), weighted by field."""
    if not stemmed:
        tokens = tuple(stem for token in tokens for stem in text.stems(token))
    if not tokens:
        return None
    per_field = []
    for name, boost in FIELD_BOOSTS.items():
        if len(tokens) == 1:
            query = Query.term_query(schema(), name, tokens[0], index_option="freq")
        else:
            query = Query.phrase_query(schema(), name, _terms(tokens))
        per_field.append(Query.boost_query(query, boost))
    return Query.disjunction_max_query(per_field, TIE_BREAKER)


def _prefix(word: str) -> Query | None:
    """Words that start with what the user has typed so far."""
    tokens = text.words(word)
    if not tokens or len(tokens[-1]) < MIN_PREFIX:
        return None
    return Query.disjunction_max_query(
        [
            Query.boost_query(Query.phrase_prefix_query(schema(), name, _terms(tokens)), boost)
            for name, boost in PREFIX_BOOSTS.items()
        ],
        TIE_BREAKER,
    )


def _title_boosters(parsed: ParsedQuery) -> list[Query]:
    """The title equal to the query, then the query as a phrase in the title, come first."""
    words = [*parsed.words, *(w for phrase in parsed.phrases for w in phrase)]
    key = text.keyword(" ".join(words))
    boosters = [Query.boost_query(Query.term_query(schema(), "title_key", key), EXACT_TITLE_BOOST)]
    stems = [stem for word in words for stem in text.stems(word)]
    if len(stems) > 1:
        boosters.append(
            Query.boost_query(
                Query.phrase_query(schema(), "title", _terms(stems)), TITLE_PHRASE_BOOST
            )
        )
    return boosters


def _terms(tokens: Sequence[str]) -> list[str | tuple[int, str]]:
    """Tokens in the shape tantivy's phrase queries take."""
    return list(tokens)

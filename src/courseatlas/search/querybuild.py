"""Parsed queries and filters turned into tantivy queries, built from parts, never from syntax."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import tantivy
from tantivy import Occur, Query

from courseatlas.catalog.bands import Starts, day_number, starts_between, utc_today
from courseatlas.search import analyzers
from courseatlas.search.base import RANGE_FACETS, SearchFilters
from courseatlas.search.fields import FIELD_BOOSTS, schema
from courseatlas.search.query import ParsedQuery
from courseatlas.text import alias_key

TIE_BREAKER = 0.1
BOTH_FIRST = 1000.0  # above any score: of two words, those holding both come first
EXACT_TITLE_BOOST = 20.0
MAIN_TITLE_BOOST = 6.0  # the title before its subtitle: "Clean Code" for "Clean Code: A ..."
TITLE_PHRASE_BOOST = 4.0
# A word being typed counts as much as the words typed before it: its completions in titles
# beat what its unfinished stem happens to match ("data sci": science, not "Sci-Fi").
PREFIX_BOOSTS = {"title_words": 6.0, "words": 2.0}
# A full name matching a book's authors as a phrase: their works come before works about
# them, even one titled with the name alone ("isaac asimov"). Books only: instructors' names
# carry their headlines ("Jane Doe | Data Science - Machine Learning").
AUTHOR_BOOST = 30.0
AUTHOR_WORDS = range(2, 5)
# Between resources that match equally, one in the query's language (English) comes first.
ENGLISH_TIE = 0.5
MAX_DAY = 2**31  # after any start date: "from today on" has no end


@dataclass(frozen=True)
class Synonyms:
    """Skill spellings and the canonical name each stands for ("js" -> "JavaScript")."""

    canonical: Mapping[str, str]

    def of(self, word: str) -> str | None:
        name = self.canonical.get(alias_key(word))
        return name if name and alias_key(name) != alias_key(word) else None


NO_SYNONYMS = Synonyms({})


def text_query(
    parsed: ParsedQuery,
    synonyms: Synonyms,
    all_words: bool = True,
    completions: Sequence[str] = (),
) -> Query | None:
    """The query for the user's words.

    With ``all_words`` False, all but one word must match; of two words, the first. ``completions`` are the words the
    last one may be the start of, most frequent first (when the user is still typing).
    """
    if parsed.isbn:
        return Query.term_query(schema(), "isbn", parsed.isbn)
    clauses = [clause for word in parsed.words if (clause := _word(word, synonyms))]
    if parsed.prefix and completions and parsed.words:
        completed = _completed(completions)
        clauses[-1:] = [Query.disjunction_max_query([*clauses[-1:], completed], TIE_BREAKER)]
    phrases = [clause for phrase in parsed.phrases if (clause := _phrase(phrase))]
    if not clauses and not phrases:
        return None
    if all_words or len(clauses) < 2:
        core = Query.boolean_query([(Occur.Must, q) for q in [*phrases, *clauses]])
    elif len(clauses) == 2:  # those about the first word, those about both above them all
        first, second = clauses
        both = Query.const_score_query(
            Query.boolean_query([(Occur.Must, q) for q in clauses]), BOTH_FIRST
        )
        core = Query.boolean_query(
            [(Occur.Must, q) for q in [*phrases, first]]
            + [(Occur.Should, second), (Occur.Should, both)]
        )
    else:
        core = Query.boolean_query(
            [(Occur.Must, q) for q in phrases] + [(Occur.Should, q) for q in clauses],
            minimum_number_should_match=len(clauses) - 1,
        )
    boosters = _title_boosters(parsed, completions[0] if completions and parsed.prefix else None)
    boosters += _author_booster(parsed)
    parts = [(Occur.Must, core)] + [(Occur.Should, q) for q in boosters]
    parts += [(Occur.MustNot, q) for words in parsed.excluded if (q := _phrase_or_word(words))]
    query = Query.boolean_query(parts)
    # The English tie-break matches most documents. Beside other optional clauses tantivy
    # walks every one of its postings (a union); as the one optional clause of a query around
    # the rest, it is looked up only for the documents that match: the same scores, for half
    # the ranking's CPU.
    english = _language_booster(parsed)
    return Query.boolean_query([(Occur.Must, query), (Occur.Should, english)]) if english else query


def searched_words(parsed: ParsedQuery) -> int:
    """How many of the query's words are searched for (stop words are not)."""
    return sum(1 for word in parsed.words if analyzers.stems(word))


def filter_queries(
    filters: SearchFilters, skip: str | None = None, today: date | None = None
) -> list[Query]:
    """One query per active filter, scored zero; ``skip`` leaves one facet's own filter out.
    ``today`` (UTC, by default) is the day start dates are relative to."""
    # min_rating's field holds the steps a rating reaches (for its facet); any other
    # threshold than a step is a range on the rating itself.
    queries = [
        Query.term_query(schema(), name, value)
        for name, value in filters.selected().items()
        if name not in (skip, "min_rating") and name not in RANGE_FACETS
    ]
    if filters.starts is not None and skip != "starts":
        queries.append(_starting(filters.starts, today or utc_today()))
    if filters.min_rating is not None and skip != "min_rating":
        queries.append(
            Query.range_query(
                schema(), "rating", tantivy.FieldType.Float, lower_bound=filters.min_rating
            )
        )
    if filters.max_price is not None:
        queries.append(
            Query.range_query(
                schema(), "price_shown", tantivy.FieldType.Float, upper_bound=filters.max_price
            )
        )
    if not filters.include_dead_links:
        dead = Query.term_query(schema(), "link", "dead")
        queries.append(
            Query.boolean_query([(Occur.Must, Query.all_query()), (Occur.MustNot, dead)])
        )
    return [Query.const_score_query(q, 0.0) for q in queries]


def _starting(band: Starts, today: date) -> Query:
    low, high = starts_between(band, today)
    return Query.range_query(
        schema(),
        "starts_on",
        tantivy.FieldType.Integer,
        lower_bound=day_number(low),
        upper_bound=day_number(high) if high else MAX_DAY,
        include_upper=high is None,
    )


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
    options = [q for q in (_phrase_or_word(tuple(analyzers.stems(word)), stemmed=True),) if q]
    canonical = synonyms.of(word)
    if canonical:
        alternative = _phrase_or_word(tuple(analyzers.stems(canonical)), stemmed=True)
        if alternative is not None:
            options.append(alternative)
    if not options:
        return None  # a stop word
    return options[0] if len(options) == 1 else Query.disjunction_max_query(options, TIE_BREAKER)


def _phrase(words: tuple[str, ...]) -> Query | None:
    stems = tuple(stem for word in words for stem in analyzers.stems(word))
    return _phrase_or_word(stems, stemmed=True)


def _phrase_or_word(tokens: tuple[str, ...], stemmed: bool = False) -> Query | None:
    """Any field matching the token (or the tokens as a phrase), weighted by field."""
    if not stemmed:
        tokens = tuple(stem for token in tokens for stem in analyzers.stems(token))
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


def title_completions(words: Sequence[str], completions: Sequence[str]) -> Query:
    """Titles holding ``words`` followed by any of the completions of the word being typed."""
    return Query.boolean_query(
        [
            (Occur.Should, Query.phrase_query(schema(), "title_words", _terms([*words, word])))
            if words
            else (Occur.Should, Query.term_query(schema(), "title_words", word))
            for word in completions
        ]
    )


def _completed(completions: Sequence[str]) -> Query:
    """Any of the words the user may be typing, in titles above elsewhere."""
    return Query.disjunction_max_query(
        [
            Query.boost_query(Query.term_query(schema(), name, word, index_option="freq"), boost)
            for word in completions
            for name, boost in PREFIX_BOOSTS.items()
        ],
        TIE_BREAKER,
    )


def _title_boosters(parsed: ParsedQuery, completion: str | None) -> list[Query]:
    """A title equal to the query comes first, then titles holding it as a phrase."""
    words = [*parsed.words, *(w for phrase in parsed.phrases for w in phrase)]
    if completion is not None and parsed.words:  # the user's last word, finished
        words[len(parsed.words) - 1] = completion
    key = analyzers.keyword(" ".join(words))
    boosters = [
        Query.boost_query(Query.term_query(schema(), "title_key", key), EXACT_TITLE_BOOST),
        Query.boost_query(Query.term_query(schema(), "title_main", key), MAIN_TITLE_BOOST),
    ]
    exact_words = analyzers.words(" ".join(words))
    if len(exact_words) > 1:  # as written, stop words included
        phrase = Query.phrase_query(schema(), "title_words", _terms(exact_words))
        boosters.append(Query.boost_query(phrase, TITLE_PHRASE_BOOST))
    return boosters


def _author_booster(parsed: ParsedQuery) -> list[Query]:
    """The query as the name of a book's author, when it could be a full name."""
    stems = [stem for word in parsed.words for stem in analyzers.stems(word)]
    if parsed.phrases or len(parsed.words) not in AUTHOR_WORDS or len(stems) < 2:
        return []
    phrase = Query.phrase_query(schema(), "people", _terms(stems))
    book = Query.term_query(schema(), "kind", "book")
    by_them = Query.boolean_query([(Occur.Must, phrase), (Occur.Must, book)])
    return [Query.boost_query(by_them, AUTHOR_BOOST)]


def _language_booster(parsed: ParsedQuery) -> Query | None:
    if not analyzers.looks_english([*parsed.words, *(w for p in parsed.phrases for w in p)]):
        return None
    english = Query.term_query(schema(), "language", "en")
    return Query.const_score_query(english, ENGLISH_TIE)


def _terms(tokens: Sequence[str]) -> list[str | tuple[int, str]]:
    """Tokens in the shape tantivy's phrase queries take."""
    return list(tokens)

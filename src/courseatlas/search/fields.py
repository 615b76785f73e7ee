"""The tantivy schema, and how a catalog document becomes a tantivy document."""

from __future__ import annotations

from functools import cache

import tantivy

from courseatlas.catalog.bands import duration_band, rating_steps
from courseatlas.search import analyzers
from courseatlas.search.base import FILTERS, RANGE_FACETS
from courseatlas.search.documents import IndexDocument

# Text fields searched by words, and how much a match in each counts.
FIELD_BOOSTS = {"title": 6.0, "skills": 3.0, "topics": 2.5, "people": 1.5, "description": 1.0}
# Single-term fields that filter and facet.
KEYWORD_FIELDS = tuple(name for name in FILTERS if name not in RANGE_FACETS)
SCHEMA_VERSION = 8


@cache
def schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    builder.add_text_field("title", stored=True, tokenizer_name=analyzers.STEMMED)
    builder.add_text_field("description", stored=True, tokenizer_name=analyzers.STEMMED)
    # The result card, encoded: the document fetched for the snippet serves the card too.
    builder.add_bytes_field("card", stored=True)
    for name in ("skills", "topics", "people"):  # stored: a result says which one matched
        builder.add_text_field(name, stored=True, tokenizer_name=analyzers.STEMMED)
    # Unstemmed words: prefixes for search-as-you-type, and the vocabulary for spelling.
    builder.add_text_field("title_words", tokenizer_name=analyzers.WORDS)
    builder.add_text_field("words", tokenizer_name=analyzers.WORDS)
    builder.add_text_field("title_key", tokenizer_name=analyzers.KEYWORD)
    builder.add_text_field("title_main", tokenizer_name=analyzers.KEYWORD)
    builder.add_text_field("isbn", tokenizer_name="raw")
    builder.add_text_field("link", tokenizer_name="raw")  # "dead" when the link checks failed
    for name in KEYWORD_FIELDS:
        builder.add_text_field(name, tokenizer_name="raw", fast=True)
    builder.add_float_field("rating", indexed=True, fast=True)
    builder.add_float_field("bayesian_rating", fast=True)
    builder.add_float_field("quality", fast=True)
    builder.add_float_field("price_shown", indexed=True, fast=True)  # display currency
    builder.add_integer_field("popularity", fast=True)
    builder.add_integer_field("published", fast=True)
    builder.add_integer_field("starts_on", indexed=True, fast=True)  # days since 1970
    return builder.build()


def to_tantivy(document: IndexDocument) -> tantivy.Document:
    doc = tantivy.Document()
    doc.add_integer("id", document.id)
    doc.add_bytes("card", document.card)
    title = analyzers.spell_out(document.title)
    doc.add_text("title", title)
    doc.add_text("title_words", title)
    title_key, main_title = analyzers.title_keys(document.title)
    doc.add_text("title_key", title_key)
    if main_title:
        doc.add_text("title_main", main_title)
    if document.description:
        doc.add_text("description", analyzers.spell_out(document.description))
    for field_name, values in (
        ("skills", document.skills),
        ("topics", document.topics),
        ("people", document.people),
    ):
        for value in values:
            doc.add_text(field_name, analyzers.spell_out(value))
    # One value: this field only answers "which words does the catalog hold, how often".
    words = " ".join((document.title, *document.skills, *document.topics, *document.people))
    doc.add_text("words", analyzers.spell_out(words))
    for field_name in ("kind", "provider", "level", "language", "price", "isbn", "pace"):
        value = getattr(document, field_name)
        if value:
            doc.add_text(field_name, value)
    if document.link_dead:
        doc.add_text("link", "dead")
    for name, values in (
        ("topic", document.topic_slugs),
        ("skill", document.skill_slugs),
        ("min_rating", rating_steps(document.rating)),
    ):
        for value in values:
            doc.add_text(name, value)
    if document.certificate is not None:
        doc.add_text("certificate", "true" if document.certificate else "false")
    band = duration_band(document.duration_hours)
    if band:
        doc.add_text("duration", band)
    doc.add_float("rating", document.rating)
    doc.add_float("bayesian_rating", document.bayesian_rating)
    doc.add_float("quality", document.quality)
    doc.add_float("price_shown", document.price_shown)
    doc.add_integer("popularity", document.popularity)
    doc.add_integer("published", document.published)
    if document.starts_on is not None:
        doc.add_integer("starts_on", document.starts_on)
    return doc

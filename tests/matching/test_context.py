"""Context terms of a career and the sense check they feed: pure functions, no database."""

from __future__ import annotations

from collections import Counter

from courseatlas.careers.context import (
    ALTERNATE,
    TASK,
    TECHNOLOGY,
    TITLE,
    Source,
    context_terms,
    document_frequency,
    subjects,
    terms,
)
from courseatlas.matching.context import Context, about

OFFICE = ("Microsoft Excel", "Microsoft Word", "Email software")


def _occupation(title: str, *tasks: str, tech: tuple[str, ...] = OFFICE) -> list[Source]:
    return [Source((title,), TITLE), Source(tasks, TASK), Source(tech, TECHNOLOGY)]


OCCUPATIONS = [
    _occupation("Chefs", "Plan menus and prepare food in the kitchen", "Season soups and sauces"),
    _occupation("Registered Nurses", "Monitor patients and record vital signs"),
    _occupation("Accountants", "Prepare financial statements and tax returns"),
    _occupation("Chemists", "Analyze compounds in the laboratory", "Teach chemistry methods"),
]


def test_office_software_says_nothing_and_the_work_says_most() -> None:
    frequency, total = document_frequency(OCCUPATIONS)
    chef = context_terms(OCCUPATIONS[0], frequency, total)
    assert {"chefs", "menus", "kitchen"} <= set(chef)
    assert "excel" not in chef and "microsoft" not in chef
    assert max(chef.values()) == 1.0


def test_a_title_names_its_subject() -> None:
    frequency, _ = document_frequency(OCCUPATIONS)
    assert subjects("Chemists", frequency) == ["chemistry"]
    assert subjects("Registered Nurses", frequency) == []
    frequency, total = document_frequency(OCCUPATIONS)
    assert "chemistry" in context_terms(OCCUPATIONS[3], frequency, total)


def test_generic_words_and_numbers_are_not_terms() -> None:
    assert terms("What you need: 10 kitchen skills") == ["need", "kitchen", "skill"]


def test_a_rare_alternate_title_word_weighs_less_than_repeated_work() -> None:
    sources = [
        Source(("Electricians",), TITLE),
        Source(("Neon Sign Electrician",), ALTERNATE),
        Source(tuple(f"Install electrical wiring in building {n}" for n in range(6)), TASK),
    ]
    frequency: Counter[str] = Counter({"electr": 3, "wire": 2, "neon": 1, "instal": 3})
    found = context_terms(sources, frequency, 20)
    assert found["electrical"] > found["neon"]


def test_the_sense_of_a_word_is_in_the_words_around_it() -> None:
    context = Context({"data": 1.0, "pipelines": 0.8, "spark": 0.6, "warehouse": 0.6})
    engine = context.found("Big Data Pipelines with Apache Spark", "")
    novel = context.found("Spark (Elemental, #2)", "A girl discovers her magic.")
    spark = frozenset({"spark"})
    assert about(engine, spark) > 0.5
    assert about(novel, spark) == 0.0
    assert 0 < about(novel) < about(engine)


def test_a_long_description_cannot_outweigh_the_title() -> None:
    context = Context({"nurse": 1.0, "patient": 0.8, "care": 0.6, "hospital": 0.6})
    title = context.found("Nursing Care of Patients", "")
    description = context.found("Health", "nurse patient care hospital " * 20)
    assert about(title) > about(description)

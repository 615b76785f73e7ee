"""Learning paths on hand-made candidates: what a step teaches, and what comes before what."""

from __future__ import annotations

from courseatlas.matching.path import build_path
from courseatlas.matching.prerequisites import prerequisites, teaches
from courseatlas.matching.service import explain
from courseatlas.matching.wants import Want, words_want
from tests.matching.test_scoring import WANTS, _candidate

LABELS = {w.key: w.label for w in WANTS}
PYTHON = Want("skill:python", "Python", 0.9, skill_id=5, skill_slug="python")
SPARK = Want("skill:spark", "Apache Spark", 0.8, skill_id=6, skill_slug="spark")


def test_a_step_teaches_what_it_is_linked_to_named_after_or_filed_under_only() -> None:
    mentions = _candidate(1, evidence={"skill:sql": (0.5, "description")})
    filed = _candidate(2, evidence={"skill:sql": (0.5, "description")})
    filed.filed_as.add("skill:sql")  # "Computer Science > Databases > SQL"
    assert not teaches(mentions, "skill:sql")
    assert teaches(filed, "skill:sql")
    path = build_path([mentions], WANTS)
    assert path.steps == () and "SQL" in [w.label for w in path.uncovered]
    assert [s.candidate.id for s in build_path([mentions, filed], WANTS).steps] == [2]


def test_without_prerequisites_lower_levels_come_first() -> None:
    everything = _candidate(
        1,
        level="advanced",
        duration_hours=30,
        evidence={"skill:sql": (1.0, "tagged"), "skill:api": (1.0, "tagged")},
    )
    grpc = _candidate(3, level="intermediate", evidence={"skill:grpc": (0.9, "title")})
    path = build_path([everything, grpc], WANTS)
    assert [step.candidate.id for step in path.steps] == [3, 1]
    assert path.total_hours == 30 and path.steps_without_hours == 1
    assert [w.label for w in path.uncovered] == ["Communication"]
    assert explain(path.steps[0], 0, ["gRPC", "All"], LABELS) == (
        "Intermediate level; nothing in this path has to come before it."
    )


def test_a_guide_prerequisite_orders_steps_against_their_levels() -> None:
    # The API course is marked beginner, the SQL one intermediate, but the guide says API
    # design builds on SQL: SQL comes first, and the path says why.
    api = _candidate(1, title="APIs", level="beginner", evidence={"skill:api": (1.0, "tagged")})
    sql = _candidate(2, title="SQL", level="intermediate", evidence={"skill:sql": (1.0, "tagged")})
    path = build_path([api, sql], WANTS, {"skill:api": ("skill:sql",)})
    assert [s.candidate.id for s in path.steps] == [2, 1]
    titles = [s.candidate.title for s in path.steps]
    assert explain(path.steps[1], 1, titles, LABELS) == (
        "After step 1, “SQL”, teaches SQL, which API Design builds on (the guide says so)."
    )
    assert explain(path.steps[0], 0, titles, LABELS) == (
        "A foundation, so it comes early: API Design (step 2) builds on SQL."
    )


def test_prerequisites_are_derived_from_what_advanced_resources_cover() -> None:
    # Spark courses are advanced and cover Python too; Python courses are beginner and say
    # nothing of Spark: Python comes before Spark. Nothing relates SQL and Spark.
    keys = [PYTHON.key, SPARK.key, "skill:sql"]
    pool = [
        _candidate(n, level="beginner", evidence={PYTHON.key: (1.0, "tagged")}) for n in (1, 2)
    ] + [
        _candidate(
            n,
            level="advanced",
            evidence={SPARK.key: (0.9, "title"), PYTHON.key: (0.5, "description")},
        )
        for n in (3, 4, 5)
    ]
    pool += [
        _candidate(n, level="intermediate", evidence={"skill:sql": (1.0, "tagged")}) for n in (6, 7)
    ]
    found = prerequisites(pool, keys, {})
    assert {pair: p.source for pair, p in found.items()} == {(PYTHON.key, SPARK.key): "catalog"}
    # An authored relation wins over a derived one that would say the opposite.
    authored = prerequisites(pool, keys, {PYTHON.key: (SPARK.key,)})
    assert {pair: p.source for pair, p in authored.items()} == {(SPARK.key, PYTHON.key): "guide"}


def test_one_resource_of_each_level_is_not_enough_to_derive_an_order() -> None:
    pool = [
        _candidate(1, level="beginner", evidence={PYTHON.key: (1.0, "tagged")}),
        _candidate(
            2,
            level="advanced",
            evidence={SPARK.key: (1.0, "tagged"), PYTHON.key: (0.5, "description")},
        ),
    ]
    assert prerequisites(pool, [PYTHON.key, SPARK.key], {}) == {}


def test_a_career_without_skills_gets_a_path_over_the_words_of_its_work() -> None:
    # Most O*NET occupations list no skill but office software: the path covers the heaviest
    # words of the work instead, each taught by a title that names it among others of the work.
    chefs = words_want("Chefs", 0.9)
    context = {"chefs": 1.0, "cooking": 0.9, "menu": 0.6, "kitchen": 0.5}
    menus = _candidate(1, title="Menu Planning for Restaurant Kitchens", level="beginner")
    menus.context_found = {"menu": 0.3, "kitchen": 0.25, "restaur": 0.3}
    stocks = _candidate(2, title="A Menu of Stock Market Patterns", level="beginner")
    stocks.context_found = {"menu": 0.3}
    cooking = _candidate(3, title="Cooking in a Busy Kitchen", level="intermediate")
    cooking.context_found = {"cook": 0.45, "kitchen": 0.25, "chef": 0.4}
    path = build_path([stocks, cooking, menus], [chefs], context=context)
    assert [w.label for w in path.key_wants] == ["Chefs", "cooking", "menu", "kitchen"]
    assert [s.candidate.id for s in path.steps] == [1, 3]  # the stock market is not a menu
    assert [w.label for w in path.uncovered] == ["Chefs"]

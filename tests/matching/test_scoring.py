"""The ranking rules, on hand-made candidates: pure functions, no database."""

from __future__ import annotations

import random
from collections import Counter

from courseatlas.matching.scoring import (
    CROWDED,
    PER_SOURCE,
    SENSE_MIN,
    Candidate,
    Weights,
    diversify,
    qualifies,
    rank,
    score,
)
from courseatlas.matching.wants import Want, normal_text, spelling_pattern, spellings

SQL = Want("skill:sql", "SQL", 1.0, skill_id=1, skill_slug="sql")
API = Want("skill:api", "API Design", 0.9, skill_id=2, skill_slug="api")
GRPC = Want("skill:grpc", "gRPC", 0.6, skill_id=3, skill_slug="grpc")
TALK = Want("skill:talk", "Communication", 0.8, skill_id=4, skill_slug="talk", distinctive=0.0)
WANTS = (SQL, API, GRPC, TALK)
WEIGHTS = Weights.of(WANTS)


def _candidate(n: int, **fields: object) -> Candidate:
    values: dict[str, object] = {
        "id": n,
        "kind": "course",
        "title": f"Course {n}",
        "level": None,
        "source_key": f"provider {n}",
        "rating": None,
        "rating_count": None,
        "popularity": None,
        "duration_hours": None,
    }
    values.update(fields)
    evidence = values.pop("evidence", {})
    candidate = Candidate(**values)  # type: ignore[arg-type]
    for key, (strength, how) in evidence.items():  # type: ignore[attr-defined]
        candidate.add(key, strength, how)
    return candidate


def test_coverage_has_diminishing_returns() -> None:
    one = _candidate(1, evidence={"skill:sql": (1.0, "tagged")})
    two = _candidate(2, evidence={"skill:sql": (1.0, "tagged"), "skill:api": (1.0, "tagged")})
    three = _candidate(
        3,
        evidence={k: (1.0, "tagged") for k in ("skill:sql", "skill:api", "skill:grpc")},
    )
    gains = [score(three, WEIGHTS) - score(two, WEIGHTS), score(two, WEIGHTS) - score(one, WEIGHTS)]
    assert 0 < gains[0] < gains[1] < score(one, WEIGHTS)


def test_a_core_skill_beats_a_skill_every_career_has() -> None:
    core = _candidate(1, evidence={"skill:sql": (0.9, "title")})
    generic = _candidate(2, evidence={"skill:talk": (1.0, "tagged")})
    assert score(core, WEIGHTS) > score(generic, WEIGHTS)


def test_five_stars_from_three_reviews_do_not_beat_many_good_ones() -> None:
    evidence = {"skill:sql": (1.0, "tagged")}
    few = _candidate(1, rating=5.0, rating_count=3, popularity=3, evidence=evidence)
    many = _candidate(2, rating=4.7, rating_count=30_000, popularity=30_000, evidence=evidence)
    assert [c.id for c in rank([few, many], WEIGHTS)] == [2, 1]


def test_quality_alone_never_qualifies() -> None:
    famous = _candidate(1, rating=4.9, rating_count=100_000, popularity=10**6)
    passing = _candidate(2, evidence={"skill:sql": (0.5, "description")})
    twice = _candidate(
        3, evidence={"skill:sql": (0.5, "description"), "skill:api": (0.5, "description")}
    )
    assert [qualifies(c) for c in (famous, passing, twice)] == [False, False, True]
    assert rank([famous, passing, twice], WEIGHTS) == [twice]


def test_diversity_limits_providers_and_repeated_titles() -> None:
    same = [
        _candidate(n, source_key="Big Academy", evidence={"skill:sql": (1.0, "tagged")})
        for n in range(1, 9)
    ]
    close = [_candidate(n, evidence={"skill:sql": (0.95, "tagged")}) for n in range(20, 26)]
    twin = _candidate(30, title="Course 1", evidence={"skill:sql": (1.0, "tagged")})
    chosen = diversify(rank([*same, *close, twin], WEIGHTS), WEIGHTS, 10)
    assert sum(c.source_key == "Big Academy" for c in chosen) == 4
    assert [c.title for c in chosen].count("Course 1") == 1


def test_the_provider_cap_does_not_push_strong_matches_out_for_weak_ones() -> None:
    strong = [
        _candidate(n, source_key="Big Academy", evidence={"skill:sql": (1.0, "tagged")})
        for n in range(1, 9)
    ]
    weak = [
        _candidate(
            n, evidence={"skill:grpc": (0.5, "description"), "skill:talk": (0.5, "description")}
        )
        for n in range(20, 26)
    ]
    chosen = diversify(rank([*strong, *weak], WEIGHTS), WEIGHTS, 10)
    assert [c.id for c in chosen[:8]] == list(range(1, 9))


def _greedy(ranked: list[Candidate], limit: int) -> list[Candidate]:
    """Diversifying as defined: score the whole pool again for every pick."""
    pool, chosen, titles = list(ranked[: max(limit * 10, 50)]), [], set()
    seen: Counter[str] = Counter()
    per_source: Counter[str] = Counter()
    while pool and len(chosen) < limit:
        quota = PER_SOURCE * (1 + len(chosen) // 10)

        def adjusted(c: Candidate, quota: int = quota) -> tuple[float, int]:
            crowded = c.source_key is not None and per_source[c.source_key] >= quota
            return score(c, WEIGHTS, seen) * (CROWDED if crowded else 1.0), -c.id

        best = max(pool, key=adjusted)
        pool.remove(best)
        if best.title not in titles:
            titles.add(best.title)
            chosen.append(best)
            seen.update(best.evidence)
            if best.source_key:
                per_source[best.source_key] += 1
    return chosen


def test_lazy_diversifying_picks_what_scoring_the_whole_pool_would() -> None:
    generator = random.Random(13)
    keys = [want.key for want in WANTS]
    hows = ("tagged", "title", "description")
    for _ in range(30):
        candidates = [
            _candidate(
                n,
                title=f"Course {generator.randrange(60)}",
                source_key=f"provider {generator.randrange(6)}",
                rating=generator.uniform(3, 5),
                rating_count=generator.randrange(1, 5000),
                evidence={
                    key: (generator.choice((1.0, 0.9, 0.5)), generator.choice(hows))
                    for key in generator.sample(keys, generator.randrange(1, 4))
                },
            )
            for n in range(1, 120)
        ]
        ranked = rank(candidates, WEIGHTS)
        for limit in (8, 12, 20):
            assert [c.id for c in diversify(ranked, WEIGHTS, limit)] == [
                c.id for c in _greedy(ranked, limit)
            ]


def test_a_skill_named_among_other_words_is_another_sense() -> None:
    # "Anatomy for Figure Drawing" and "Human Anatomy" for a nurse: the same skill word in the
    # title; the second's other words are the career's context, the first's are not.
    weights = Weights.of((Want("skill:anatomy", "Anatomy", 1.0, ("Anatomy",), 5, "anatomy"),))
    drawing = _candidate(1, evidence={"skill:anatomy": (0.9, "title")}, context=0.2)
    drawing.context_found = {"anatomi": 0.2}
    human = _candidate(2, evidence={"skill:anatomy": (0.9, "title")}, context=0.5)
    human.context_found = {"anatomi": 0.2, "human": 0.1, "physiolog": 0.2}
    assert weights.sense(drawing, "skill:anatomy") == SENSE_MIN
    assert weights.sense(human, "skill:anatomy") == 1.0
    assert score(human, weights) > 2 * score(drawing, weights)


def test_below_the_relevance_floor_nothing_is_shown() -> None:
    filler = _candidate(1, evidence={"skill:sql": (0.5, "description")}, context=0.05)
    filler.context_found = {"sql": 0.05}
    about = _candidate(2, context=0.6)
    about.context_found = {"databas": 0.3, "queri": 0.3}
    assert [c.id for c in rank([filler, about], WEIGHTS)] == [2]
    assert rank([filler], WEIGHTS) == []


def test_spellings_skip_ambiguous_words_and_patterns_match_whole_words() -> None:
    assert spellings("Go") == ("Golang", "Go programming")
    assert spellings("Microsoft Excel") == ("Excel", "Spreadsheets")
    assert "REST" not in spellings("REST APIs")
    pattern = spelling_pattern("Accounting", "Data Analysis")
    assert pattern.search(normal_text("Intro to Accounting"))
    assert pattern.search(normal_text("Data Analyses in R"))
    assert not pattern.search(normal_text("A Personal Account of Everest"))
    assert spelling_pattern("C#").search(normal_text("Learn C# today"))
    assert not spelling_pattern("Excel").search(normal_text("In Search of Excellence"))

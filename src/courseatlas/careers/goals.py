"""A free-text goal matched: the careers and skills it names become the profile matching is
handed ("become a backend engineer", "SQL for data analysis")."""

from __future__ import annotations

from sqlalchemy.orm import Session

from courseatlas.careers.matches import stored_ranking
from courseatlas.careers.profiles import goal_profile
from courseatlas.careers.recognise import Recognised, recognise
from courseatlas.careers.repository import careers_version
from courseatlas.errors import InvalidInput
from courseatlas.matching.schemas import (
    GoalMatchPage,
    MatchedResource,
    RecognisedCareer,
    RecognisedSkill,
)
from courseatlas.matching.scoring import Weights, pool_size
from courseatlas.matching.service import Matches, find_matches, matched_resources
from courseatlas.matching.wants import Profile
from courseatlas.search.base import SearchBackend, SearchRequest
from courseatlas.search.query import parse_query
from courseatlas.semantic.meaning import Meaning


def match_goal(
    session: Session,
    runtime: SearchBackend,
    goal: str,
    limit: int,
    meaning: Meaning | None = None,
) -> GoalMatchPage:
    """Resources for a free-text goal; a goal without words is refused (422)."""
    recognised, corrected = _recognise_goal(session, runtime, goal)
    if not recognised.tokens:
        raise InvalidInput("goal must contain at least one word", field="goal")
    profile = goal_profile(session, recognised, goal)
    matches = _one_career(session, recognised, profile, limit, meaning) or find_matches(
        session, runtime, profile, meaning
    )
    results = matched_resources(session, matches, matches.top(limit))
    careers = [
        RecognisedCareer(slug=c.slug, title=c.title, matched=m.text)
        for m in recognised.careers
        for c in m.value
    ]
    skills = [
        RecognisedSkill(slug=m.value.slug, name=m.value.name, matched=m.text)
        for m in recognised.skills
    ]
    explanation = _explain(goal, careers, skills, results)
    if corrected:
        explanation = f"Showing results for {corrected!r}. {explanation}"
    return GoalMatchPage(
        goal=goal,
        corrected_goal=corrected,
        careers=careers,
        skills=skills,
        explanation=explanation,
        results=results,
    )


def match_goal_json(
    session: Session,
    runtime: SearchBackend,
    goal: str,
    limit: int,
    meaning: Meaning | None = None,
) -> bytes:
    """``match_goal`` encoded, remembered until the index or any career changes (and shared
    with every worker through Redis, when configured): goals repeat, as queries do."""
    key = ("match", goal, limit, meaning is not None, careers_version(session))
    return runtime.answer(
        key, lambda: match_goal(session, runtime, goal, limit, meaning).model_dump_json().encode()
    )


def _one_career(
    session: Session, recognised: Recognised, profile: Profile, limit: int, meaning: Meaning | None
) -> Matches | None:
    """A goal that names one career and nothing else has the career's profile (but for its
    text, which only the semantic layer reads): its matches are ranked as the career's, and
    answered from those stored with the career while they are fresh."""
    if meaning is not None or recognised.skills or len(recognised.careers) != 1:
        return None
    (careers,) = (mention.value for mention in recognised.careers)
    if len(careers) != 1:
        return None
    ranked = stored_ranking(session, careers[0], pool_size(limit))
    return None if ranked is None else Matches(profile, Weights.of(profile.wants), ranked)


def _recognise_goal(
    session: Session, runtime: SearchBackend, goal: str
) -> tuple[Recognised, str | None]:
    """Careers and skills in the goal; when there are none, in its spelling-corrected words
    ("pyhton" is Python), as the search engine corrects them against the catalog."""
    recognised = recognise(session, goal)
    if recognised.careers or recognised.skills or not recognised.tokens:
        return recognised, None
    request = SearchRequest(query=parse_query(goal), limit=1, facets=False, snippets=False)
    corrected = runtime.search(request).corrected_query
    if corrected:
        again = recognise(session, corrected)
        if again.careers or again.skills:
            return again, corrected
    return recognised, None


def _explain(
    goal: str,
    careers: list[RecognisedCareer],
    skills: list[RecognisedSkill],
    results: list[MatchedResource],
) -> str:
    named = []
    if careers:
        named.append(
            "the career" + ("s " if len(careers) > 1 else " ") + _join([c.title for c in careers])
        )
    if skills:
        named.append(
            "the skill" + ("s " if len(skills) > 1 else " ") + _join([s.name for s in skills])
        )
    if named:
        found = f"Recognised {' and '.join(named)}."
    else:
        by_meaning = any(r.kind == "meaning" for result in results for r in result.reasons)
        how = "words and meaning" if by_meaning else "words"
        found = f"No career or skill recognised in {goal!r}; results match its {how}."
    if not results:
        return found + " No resource matches it yet."
    return found


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

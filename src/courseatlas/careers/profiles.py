"""What matching is handed for a career or a goal: a profile of weighted wants and topics."""

from __future__ import annotations

import math
import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from courseatlas.careers.models import Career, CareerSkill, CareerTopic
from courseatlas.careers.recognise import Recognised
from courseatlas.catalog.models import Skill, SkillAlias
from courseatlas.matching.wants import Profile, Want, merge_wants, skill_want, words_want
from courseatlas.text import alias_key

# A course named after the career ("Meta Back-End Developer") is made for it.
CAREER_NAME_WEIGHT = 0.9
CAREER_NAMES = 6  # its title and the first alternate titles of its guide
_EXCEPT = re.compile(r",\s*(except|all other)\b.*$", re.IGNORECASE)
_AND = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
GOAL_SKILL_WEIGHT = 1.0  # a skill the learner names outweighs what a career implies


def career_profile(session: Session, career: Career) -> Profile:
    rows = session.execute(
        select(CareerSkill.weight, Skill)
        .join(Skill, Skill.id == CareerSkill.skill_id)
        .where(CareerSkill.career_id == career.id)
    ).all()
    distinct = distinctiveness(session, [skill.id for _, skill in rows])
    wants = [
        skill_want(skill.id, skill.slug, skill.name, weight, distinct[skill.id])
        for weight, skill in rows
    ]
    names = [*name_parts(career.title), *career.alternate_titles][: CAREER_NAMES - 1]
    wants.append(words_want(career.title, CAREER_NAME_WEIGHT, *names))
    topics = session.scalars(
        select(CareerTopic.path)
        .where(CareerTopic.career_id == career.id)
        .order_by(CareerTopic.position)
    )
    return Profile(
        merge_wants(wants),
        tuple(topics),
        text=f"{career.title}. {career.summary}",
        context=career.context,
        prerequisites=_authored_prerequisites(session, career, [skill for _, skill in rows]),
    )


def _authored_prerequisites(
    session: Session, career: Career, skills: list[Skill]
) -> dict[str, tuple[str, ...]]:
    """The guide's ``after`` lists as want keys: skill -> the skills it builds on."""
    names = {
        name for entry in career.guide_skills for name in [entry["name"], *entry.get("after", [])]
    }
    if not names:
        return {}
    keys = {skill.id: f"skill:{skill.slug}" for skill in skills}
    aliases = dict(
        session.execute(
            select(SkillAlias.alias, SkillAlias.skill_id).where(
                SkillAlias.alias.in_({alias_key(name) for name in names})
            )
        ).all()
    )

    def key(name: str) -> str | None:
        return keys.get(aliases.get(alias_key(name), -1))

    found: dict[str, tuple[str, ...]] = {}
    for entry in career.guide_skills:
        later = key(entry["name"])
        befores = tuple(k for name in entry.get("after", []) if (k := key(name)))
        if later and befores:
            found[later] = befores
    return found


def name_parts(title: str) -> list[str]:
    """The names inside an O*NET title: "Chefs and Head Cooks" is "Chefs" and "Head Cooks";
    "Elementary School Teachers, Except Special Education" is "Elementary School Teachers"."""
    head = _EXCEPT.sub("", title)
    return [part.strip() for part in _AND.split(head) if part.strip() and part.strip() != title]


def distinctiveness(session: Session, skill_ids: list[int]) -> dict[int, float]:
    """How much each skill sets a career apart: an inverse document frequency over the
    authored guides (over every career when there are none). "Communication" is in most
    guides and says little about any; "Nursing" is in one. 0 (every career) to 1 (one)."""
    population = select(Career.id)
    if session.scalar(select(func.count()).where(Career.origin == "guide")):
        population = population.where(Career.origin == "guide")
    careers = session.scalar(select(func.count()).select_from(population.subquery())) or 0
    counts = dict(
        session.execute(
            select(CareerSkill.skill_id, func.count())
            .where(CareerSkill.skill_id.in_(skill_ids), CareerSkill.career_id.in_(population))
            .group_by(CareerSkill.skill_id)
        ).all()
    )
    scale = math.log(1 + careers) if careers else 1.0
    return {
        skill: max(0.0, math.log((1 + careers) / (1 + counts.get(skill, 0))) / scale)
        for skill in skill_ids
    }


def goal_profile(session: Session, recognised: Recognised, goal: str) -> Profile:
    """The careers' profiles together, plus the skills named; plain words when neither."""
    wants: list[Want] = []
    topics: list[str] = []
    context: dict[str, float] = {}
    for mention in recognised.careers:
        for career in mention.value:
            profile = career_profile(session, career)
            wants.extend(profile.wants)
            topics.extend(profile.topic_paths)
            for word, weight in profile.context.items():
                context[word] = max(weight, context.get(word, 0.0))
    for skill_mention in recognised.skills:
        skill = skill_mention.value
        wants.append(skill_want(skill.id, skill.slug, skill.name, GOAL_SKILL_WEIGHT))
    if not wants:
        wants.append(words_want(" ".join(recognised.tokens), 1.0))
    return Profile(merge_wants(wants), tuple(dict.fromkeys(topics)), text=goal, context=context)

"""Profiles of what to match: a career's skills and topics, a goal's, a resource's own."""

from __future__ import annotations

import math

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from courseatlas.careers.models import Career, CareerSkill, CareerTopic
from courseatlas.catalog.models import Resource, ResourceSkill, ResourceTopic, Skill, Topic
from courseatlas.matching.recognise import Recognised, skill_mentions
from courseatlas.matching.scoring import DESCRIPTION, TITLE
from courseatlas.matching.wants import Profile, Want, merge_wants, skill_want, words_want
from courseatlas.search import analyzers
from courseatlas.semantic.encoder import embedding_text

# A course named after the career ("Meta Back-End Developer") is made for it.
CAREER_NAME_WEIGHT = 0.9
CAREER_NAMES = 6  # its title and the first alternate titles of its guide
GOAL_SKILL_WEIGHT = 1.0  # a skill the learner names outweighs what a career implies
TITLE_WORDS = 5  # for "more like this" of a resource without skills: its title's words


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
    names = career.alternate_titles[: CAREER_NAMES - 1]
    wants.append(words_want(career.title, CAREER_NAME_WEIGHT, *names))
    topics = session.scalars(
        select(CareerTopic.path)
        .where(CareerTopic.career_id == career.id)
        .order_by(CareerTopic.position)
    )
    return Profile(merge_wants(wants), tuple(topics), text=f"{career.title}. {career.summary}")


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
    for mention in recognised.careers:
        for career in mention.value:
            profile = career_profile(session, career)
            wants.extend(profile.wants)
            topics.extend(profile.topic_paths)
    for skill_mention in recognised.skills:
        skill = skill_mention.value
        wants.append(skill_want(skill.id, skill.slug, skill.name, GOAL_SKILL_WEIGHT))
    if not wants:
        wants.append(words_want(" ".join(recognised.tokens), 1.0))
    return Profile(merge_wants(wants), tuple(dict.fromkeys(topics)), text=goal)


def resource_profile(session: Session, resource: Resource) -> Profile:
    """Its linked skills, the skills its title and description name, and its topics."""
    linked = session.execute(
        select(Skill)
        .join(ResourceSkill, ResourceSkill.skill_id == Skill.id)
        .where(ResourceSkill.resource_id == resource.id)
    ).scalars()
    wants = [skill_want(s.id, s.slug, s.name, 1.0) for s in linked]
    for body, weight in ((resource.title, TITLE), (resource.description or "", DESCRIPTION)):
        for mention in skill_mentions(session, body):
            skill = mention.value
            wants.append(skill_want(skill.id, skill.slug, skill.name, weight))
    if not wants:
        content = [word for word in analyzers.words(resource.title) if analyzers.stems(word)]
        wants = [words_want(word, 0.6) for word in content[:TITLE_WORDS]]
    paths = session.scalars(
        select(Topic.path)
        .join(ResourceTopic, ResourceTopic.topic_id == Topic.id)
        .where(ResourceTopic.resource_id == resource.id)
    )
    about = embedding_text(resource.title, resource.description)
    return Profile(merge_wants(wants), tuple(paths), frozenset({resource.id}), about)

"""The profile of a resource, for "more like this"; careers and goals hand theirs in."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from courseatlas.catalog.models import Resource, ResourceSkill, ResourceTopic, Skill, Topic
from courseatlas.matching.recognise import skill_mentions
from courseatlas.matching.scoring import DESCRIPTION, TITLE
from courseatlas.matching.wants import Profile, merge_wants, skill_want, words_want
from courseatlas.search import analyzers
from courseatlas.semantic.encoder import embedding_text

TITLE_WORDS = 5  # for "more like this" of a resource without skills: its title's words


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

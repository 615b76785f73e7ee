"""Skills named in free text: a title, a description, a goal. Longer names win over the
shorter ones inside them; only the keys the text could contain are looked up."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from courseatlas.catalog.mentions import Mention, candidate_keys, find_mentions
from courseatlas.catalog.models import Skill, SkillAlias
from courseatlas.text import alias_key, words

# Skill spellings that are also everyday words count only when written as a name ("Go").
EVERYDAY = frozenset(
    {"go", "r", "c", "rust", "swift", "spring", "react", "node", "shell", "ai", "ml"}
)


def skill_mentions(
    session: Session, text: str, longest: int = 4, max_words: int = 400
) -> list[Mention[Skill]]:
    """Skills named in a title or (the start of) a description."""
    tokens = words(text)[:max_words]
    names = skill_names(session, tokens, longest)
    return find_mentions(tokens, names, longest=longest, accept=named)


def named(written: str, skill: Skill) -> bool:
    """Whether the words as written name the skill: an everyday word only capitalised."""
    if alias_key(written) not in EVERYDAY:
        return True
    return written[:1].isupper()


def skill_names(session: Session, tokens: list[str], longest: int = 6) -> dict[str, Skill]:
    keys = candidate_keys(tokens, alias_key, longest)
    rows = session.execute(
        select(SkillAlias.alias, Skill)
        .join(Skill, Skill.id == SkillAlias.skill_id)
        .where(SkillAlias.alias.in_(keys))
    ).all()
    return {alias: skill for alias, skill in rows}

"""Providers, skills and topics by name: found or created, cached for the length of a job."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources

from sqlalchemy import select
from sqlalchemy.orm import Session

from courseatlas.catalog.models import Provider, Skill, SkillAlias, Topic
from courseatlas.ingest.normalise import alias_key, slugify

TOPIC_SEPARATOR = " > "


def seed_skills() -> list[list[str]]:
    """The bundled skill vocabulary: each entry is [canonical name, *synonyms]."""
    text = resources.files("courseatlas.catalog").joinpath("data/skills.txt").read_text("utf-8")
    entries = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            entries.append([part.strip() for part in line.split("|") if part.strip()])
    return entries


class Vocabulary:
    """Resolves names to ids within one session, creating what is missing."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._providers: dict[str, int] = {}
        self._skills: dict[str, int] | None = None
        self._topics: dict[str, int] = {}

    def provider_id(self, name: str) -> int:
        key = name.casefold()
        if key not in self._providers:
            found = self.session.scalar(select(Provider).where(Provider.name == name))
            if found is None:
                found = Provider(name=name, slug=self._free_slug(Provider, slugify(name)))
                self.session.add(found)
                self.session.flush()
            self._providers[key] = found.id
        return self._providers[key]

    def skill_id(self, name: str) -> int:
        aliases = self._alias_map()
        key = alias_key(name)
        return aliases[key] if key in aliases else self._add_skill(name)

    def skill_ids(self, names: Iterable[str]) -> list[int]:
        return list(dict.fromkeys(self.skill_id(name) for name in names))

    def ensure_seed_skills(self) -> None:
        aliases = self._alias_map()
        for names in seed_skills():
            known = {aliases[k] for k in map(alias_key, names) if k in aliases}
            skill_id = known.pop() if known else self._add_skill(names[0])
            for name in names:
                if alias_key(name) not in aliases:
                    self.session.add(SkillAlias(alias=alias_key(name), skill_id=skill_id))
                    aliases[alias_key(name)] = skill_id
        self.session.flush()

    def topic_id(self, path: str) -> int:
        """The id of the deepest topic of ``path``, creating every missing level."""
        if path in self._topics:
            return self._topics[path]
        parts = path.split(TOPIC_SEPARATOR)
        parent_id = self.topic_id(TOPIC_SEPARATOR.join(parts[:-1])) if len(parts) > 1 else None
        found = self.session.scalar(select(Topic).where(Topic.path == path))
        if found is None:
            slug = slugify(parts[-1])
            if self._slug_taken(Topic, slug):
                slug = slugify(path.replace(TOPIC_SEPARATOR, " "), max_length=250)
            found = Topic(
                name=parts[-1],
                path=path,
                parent_id=parent_id,
                depth=len(parts) - 1,
                slug=self._free_slug(Topic, slug),
            )
            self.session.add(found)
            self.session.flush()
        self._topics[path] = found.id
        return found.id

    def _alias_map(self) -> dict[str, int]:
        if self._skills is None:
            rows = self.session.execute(select(SkillAlias.alias, SkillAlias.skill_id))
            self._skills = {alias: skill_id for alias, skill_id in rows}
        return self._skills

    def _add_skill(self, name: str) -> int:
        # "C++" and "C#" must not both become "c".
        spelled = name.replace("+", " plus ").replace("#", " sharp ")
        skill = Skill(name=name, slug=self._free_slug(Skill, slugify(spelled)))
        self.session.add(skill)
        self.session.flush()
        self.session.add(SkillAlias(alias=alias_key(name), skill_id=skill.id))
        self._alias_map()[alias_key(name)] = skill.id
        return skill.id

    def _slug_taken(self, model: type[Provider | Skill | Topic], slug: str) -> bool:
        return self.session.scalar(select(model.id).where(model.slug == slug)) is not None

    def _free_slug(self, model: type[Provider | Skill | Topic], slug: str) -> str:
        candidate, n = slug, 1
        while self._slug_taken(model, candidate):
            n += 1
            candidate = f"{slug}-{n}"
        return candidate

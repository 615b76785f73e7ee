"""Providers, skills and topics by name: found or created, cached for the length of a job."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from importlib import resources

from sqlalchemy import select
from sqlalchemy.orm import Session

from courseatlas.catalog.models import Provider, Skill, SkillAlias, Topic
from courseatlas.text import alias_key, slugify

TOPIC_SEPARATOR = " > "


def seed_skills() -> list[list[str]]:
    """The bundled skill vocabulary: each entry is [canonical name, *synonyms]."""
    text = resources.files("courseatlas.catalog").joinpath("data/skills.txt").read_text("utf-8")
    entries = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            entries.append([part.strip() for part in line.split("|") if part.strip()])
    return entries


def provider_key(name: str) -> str:
    """How provider names are compared: case, width and spacing ignored."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


class Vocabulary:
    """Resolves names to ids within one session, creating what is missing."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._providers: dict[str, int] = {}
        self._skills: dict[str, int] | None = None
        self._skill_slugs: set[str] | None = None
        self._topics: dict[str, int] = {}

    def provider_id(self, name: str) -> int:
        """The provider of that name in any spelling; the first spelling seen names it."""
        key = provider_key(name)
        if key not in self._providers:
            found = self.session.scalar(select(Provider).where(Provider.name_key == key))
            if found is None:
                slug = self._free_slug(Provider, slugify(name))
                found = Provider(name=name, name_key=key, slug=slug)
                self.session.add(found)
                self.session.flush()
            self._providers[key] = found.id
        return self._providers[key]

    def skill_id(self, name: str) -> int:
        return self.skill_ids([name])[0]

    def skill_ids(self, names: Iterable[str]) -> list[int]:
        """Ids of the named skills, in order, repeats dropped; unknown skills are created."""
        names = list(names)
        aliases = self._alias_map()
        missing = [name for name in names if alias_key(name) not in aliases]
        if missing:
            self._add_skills(missing)
        return list(dict.fromkeys(aliases[alias_key(name)] for name in names))

    def ensure_seed_skills(self) -> None:
        aliases = self._alias_map()
        for names in seed_skills():
            skill_id = self.skill_ids(names[:1])[0]
            for name in names[1:]:
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

    def _add_skills(self, names: list[str]) -> None:
        """Create skills in one flush: imports meet thousands of new ones."""
        if self._skill_slugs is None:
            self._skill_slugs = set(self.session.scalars(select(Skill.slug)))
        new: dict[str, Skill] = {}
        for name in names:
            key = alias_key(name)
            if key not in new:
                # "C++" and "C#" must not both become "c".
                spelled = slugify(name.replace("+", " plus ").replace("#", " sharp "))
                new[key] = Skill(name=name, slug=_unused(spelled, self._skill_slugs))
        self.session.add_all(new.values())
        self.session.flush()
        self.session.add_all(SkillAlias(alias=key, skill_id=s.id) for key, s in new.items())
        self._alias_map().update({key: skill.id for key, skill in new.items()})

    def _slug_taken(self, model: type[Provider | Skill | Topic], slug: str) -> bool:
        return self.session.scalar(select(model.id).where(model.slug == slug)) is not None

    def _free_slug(self, model: type[Provider | Skill | Topic], slug: str) -> str:
        candidate, n = slug, 1
        while self._slug_taken(model, candidate):
            n += 1
            candidate = f"{slug}-{n}"
        return candidate


def _unused(slug: str, taken: set[str]) -> str:
    """``slug``, or ``slug-2``, ``slug-3``...: the first not in ``taken``, which it joins."""
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        candidate = f"{slug}-{n}"
    taken.add(candidate)
    return candidate

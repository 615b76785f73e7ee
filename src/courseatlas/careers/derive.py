"""What a career's side tables should hold, derived from its guide and its occupation. Pure.

Titles: every name the career goes by, ranked (a guide's own title designates it more surely
than one of O*NET's 56,000 alternate titles). Skills: the guide's; for a career that only
O*NET describes, the technologies that name a known skill, weighted by O*NET's "in demand"
flag (employers of this occupation ask for it) and "hot" flag (trending everywhere), and by
how specific the skill is to few occupations (Microsoft Excel is listed for most and says
little). A guide gains an O*NET skill only when employers ask for it and the guide's own
text mentions it: the author's list is curated, O*NET's is long and noisy.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from courseatlas.careers import names
from courseatlas.catalog.mentions import find_mentions
from courseatlas.text import alias_key, words

# O*NET technology names often end in a generic word ("Microsoft Azure software").
_GENERIC_SUFFIX = re.compile(
    r"\s+(software|framework|platform|language|programming language|api|tools?)$", re.IGNORECASE
)
_PARENTHESIS = re.compile(r"\s*\(([^)]*)\)\s*")
MAX_SUFFIX_WORDS = 3
IN_DEMAND, HOT, LISTED = 1.0, 0.5, 0.3  # strength of one technology, by its flags
SUPPORT_BONUS = 0.1  # for each further technology naming the same skill
MIN_ONET_WEIGHT = 0.4
MAX_ONET_SKILLS = 12
GUIDE_ONET_FACTOR = 0.5  # what an O*NET skill weighs beside a guide's own


@dataclass
class Derived:
    titles: dict[str, tuple[str, int]] = field(default_factory=dict)  # key -> (title, rank)
    skills: dict[int, tuple[float, str]] = field(default_factory=dict)  # id -> (weight, source)
    topics: list[str] = field(default_factory=list)

    def add_title(self, title: str, rank: int) -> None:
        for variant in name_variants(title):
            key = names.title_key(variant)
            if key and (key not in self.titles or self.titles[key][1] > rank):
                self.titles[key] = (variant[:300], rank)

    def digest(self) -> str:
        state = [sorted(self.titles.items()), sorted(self.skills.items()), self.topics]
        return hashlib.sha256(json.dumps(state, ensure_ascii=False).encode()).hexdigest()


def name_variants(title: str) -> list[str]:
    """ "CEO (Chief Executive Officer)" is also "CEO" and "Chief Executive Officer"."""
    inner = [part.strip() for part in _PARENTHESIS.findall(title)]
    outer = _PARENTHESIS.sub(" ", title).strip()
    return [variant for variant in dict.fromkeys([outer, *inner]) if variant]


def technology_skill(name: str, aliases: Mapping[str, int]) -> int | None:
    """The known skill an O*NET technology name stands for, if any.

    Exact names first ("Python"), then without a generic suffix ("Microsoft Azure software"),
    then the name's last words, where O*NET puts the product ("Oracle Java", "Apple iOS",
    "Hypertext markup language HTML"). Names that merely contain a skill word in the middle
    ("Portfolio management software") are not mapped.
    """
    for candidate in (name, _GENERIC_SUFFIX.sub("", name)):
        key = alias_key(candidate)
        if key in aliases:
            return aliases[key]
    tokens = words(_GENERIC_SUFFIX.sub("", _PARENTHESIS.sub(" ", name)))
    for size in range(min(MAX_SUFFIX_WORDS, len(tokens) - 1), 0, -1):
        key = alias_key(" ".join(tokens[-size:]))
        if len(key) > 1 and key in aliases:
            return aliases[key]
    return None


def occupation_skills(
    technologies: Iterable[dict[str, Any]], aliases: Mapping[str, int]
) -> dict[int, float]:
    """Skill id -> strength in (0, 1] from an occupation's technologies and their flags."""
    strongest: dict[int, float] = {}
    support: Counter[int] = Counter()
    for technology in technologies:
        skill_id = technology_skill(technology["name"], aliases)
        if skill_id is None:
            continue
        flag = IN_DEMAND if technology["in_demand"] else HOT if technology["hot"] else LISTED
        strongest[skill_id] = max(strongest.get(skill_id, 0.0), flag)
        support[skill_id] += 1
    return {
        skill: min(1.0, strength + SUPPORT_BONUS * (support[skill] - 1))
        for skill, strength in strongest.items()
    }


def mentioned_skills(text: str, aliases: Mapping[str, int]) -> set[int]:
    return {mention.value for mention in find_mentions(words(text), aliases, longest=4)}


def in_demand_skills(
    technologies: Iterable[dict[str, Any]], aliases: Mapping[str, int]
) -> set[int]:
    return {
        skill_id
        for technology in technologies
        if technology["in_demand"]
        and (skill_id := technology_skill(technology["name"], aliases)) is not None
    }


def specificity(counts: Counter[int], occupations: int) -> dict[int, float]:
    """Inverse document frequency scaled to [0, 1]: a skill of one occupation is 1."""
    if occupations <= 1:
        return dict.fromkeys(counts, 1.0)
    scale = math.log(occupations)
    return {skill: math.log(occupations / count) / scale for skill, count in counts.items()}


def onet_weights(strengths: Mapping[int, float], idf: Mapping[int, float]) -> dict[int, float]:
    """An occupation's skills: strength times the square root of its specificity, so that
    software every office uses (Excel: listed for most occupations, specificity 0.02) is
    nearly worthless as evidence and drops out; weak ones dropped."""
    weights = {
        skill: round(strength * math.sqrt(idf.get(skill, 1.0)), 3)
        for skill, strength in strengths.items()
    }
    kept = sorted(
        ((s, w) for s, w in weights.items() if w >= MIN_ONET_WEIGHT), key=lambda i: (-i[1], i[0])
    )
    return dict(kept[:MAX_ONET_SKILLS])


def merge_skills(
    guide: Mapping[int, float], onet: Mapping[int, float], endorsed: set[int]
) -> dict[int, tuple[float, str]]:
    """A guide's skills as written, plus the ``endorsed`` O*NET ones at a discount; without a
    guide, O*NET's skills."""
    if not guide:
        return {skill: (weight, "onet") for skill, weight in onet.items()}
    merged = {skill: (weight, "guide") for skill, weight in guide.items()}
    for skill in sorted(endorsed - set(guide)):
        merged[skill] = (round(GUIDE_ONET_FACTOR * onet.get(skill, MIN_ONET_WEIGHT), 3), "onet")
    return merged

"""How career names are compared: "Registered Nurses", "registered nurse" and "Registered-Nurse"
are one key, so a goal's words find a career by any of its titles. Pure functions."""

from __future__ import annotations

from collections.abc import Sequence

from courseatlas.text import alias_key, singular, words

# How strongly a name designates a career: the lower, the stronger.
GUIDE_TITLE, ONET_TITLE, GUIDE_ALTERNATE, OCCUPATION_TITLE, ONET_ALTERNATE = range(5)


def title_key(text: str) -> str:
    """The comparison key of a career name: singular words, case and separators ignored."""
    return alias_key(" ".join(singular(word) for word in words(text)))[:300]


# Short forms people search careers by that no title spells out ("dev", "sysadmin").
SYNONYMS = {
    "dev": ("developer",),
    "devs": ("developer",),
    "eng": ("engineer",),
    "mgr": ("manager",),
    "admin": ("administrator",),
    "sysadmin": ("system", "administrator"),
    "swe": ("software", "engineer"),
    "doc": ("doctor",),
    "prof": ("professor",),
    "techie": ("technician",),
}
EXACT, CONTAINED = 0, 1  # how a title fits a search: it is the words searched, or holds them


def word_keys(text: str) -> list[str]:
    """The comparison keys of each word of a name; joined, they are its ``title_key``."""
    return [key for word in words(text) if (key := alias_key(singular(word)))]


def spellings(text: str) -> list[list[str]]:
    """The searched words, and again with short forms spelled out ("dev" -> "developer")."""
    keys = word_keys(text)
    spelled = [expanded for key in keys for expanded in SYNONYMS.get(key, (key,))]
    return [keys, spelled] if spelled != keys else [keys]


def fit(searched: Sequence[Sequence[str]], title: str) -> int | None:
    """EXACT when the title is the searched words, CONTAINED when it holds them as whole words
    in a row ("nurse" in "Registered Nurses", not in "Nursery Workers"), else None."""
    keys = word_keys(title)
    best = None
    for wanted in searched:
        joined = "".join(wanted)
        for start in range(len(keys)):
            run = ""
            for end in range(start, len(keys)):
                run += keys[end]
                if run == joined:
                    found = EXACT if (start, end) == (0, len(keys) - 1) else CONTAINED
                    best = found if best is None else min(best, found)
                if len(run) >= len(joined):
                    break
    return best

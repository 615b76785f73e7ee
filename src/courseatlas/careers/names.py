"""How career names are compared: "Registered Nurses", "registered nurse" and "Registered-Nurse"
are one key, so a goal's words find a career by any of its titles. Pure functions."""

from __future__ import annotations

from courseatlas.catalog.mentions import words
from courseatlas.ingest.normalise import alias_key
from courseatlas.matching.wants import singular

# How strongly a name designates a career: the lower, the stronger.
GUIDE_TITLE, ONET_TITLE, GUIDE_ALTERNATE, OCCUPATION_TITLE, ONET_ALTERNATE = range(5)


def title_key(text: str) -> str:
    """The comparison key of a career name: singular words, case and separators ignored."""
    return alias_key(" ".join(singular(word) for word in words(text)))[:300]

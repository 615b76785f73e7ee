"""How career names are compared: "Registered Nurses", "registered nurse" and "Registered-Nurse"
are one key, so a goal's words find a career by any of its titles. Pure functions."""

from __future__ import annotations

from courseatlas.text import alias_key, words

# How strongly a name designates a career: the lower, the stronger.
GUIDE_TITLE, ONET_TITLE, GUIDE_ALTERNATE, OCCUPATION_TITLE, ONET_ALTERNATE = range(5)


def singular(word: str) -> str:
    """A crude English singular, applied alike to titles and to goals ("nurses" -> "nurse")."""
    lower = word.casefold()
    if len(lower) > 4 and lower.endswith("ies"):
        return lower[:-3] + "y"
    if len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return lower[:-1]
    return lower


def title_key(text: str) -> str:
    """The comparison key of a career name: singular words, case and separators ignored."""
    return alias_key(" ".join(singular(word) for word in words(text)))[:300]

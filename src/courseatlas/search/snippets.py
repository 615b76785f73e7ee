"""Result snippets as escaped HTML: the matched passage of a description, starting where its
sentence starts (or marked with an ellipsis), or the description's opening when the words
matched elsewhere (the title, a skill, an author)."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

SNIPPET_CHARS = 220
SENTENCE_LOOKBACK = 90  # a passage starting this close after its sentence's start takes it in
ELLIPSIS = "…"
_SENTENCE_END = re.compile(r"[.!?:;]\s+|\n\s*")


def passage(description: str, fragment: str, marks: Sequence[tuple[int, int]]) -> str | None:
    """``fragment`` of ``description`` with the byte ranges ``marks`` in <mark>; the opening of
    the description when the fragment is empty."""
    if not fragment:
        return opening(description)
    start = description.find(fragment)
    if start < 0:  # not found as stored: shown as it came, without claims about its edges
        return _marked(fragment, marks)
    before = _sentence_start(description, start)
    lead = html.escape(description[before:start]) if before is not None else ELLIPSIS
    end = start + len(fragment)
    ends_sentence = fragment.rstrip().endswith((".", "!", "?"))
    tail = ELLIPSIS if description[end:].strip() and not ends_sentence else ""
    return f"{lead}{_marked(fragment, marks)}{tail}"


def opening(description: str, limit: int = SNIPPET_CHARS) -> str | None:
    """The first characters of a description, cut between words, as escaped HTML."""
    text = " ".join(description.split())
    if not text:
        return None
    if len(text) <= limit:
        return html.escape(text)
    cut = text.rfind(" ", 0, limit)
    return html.escape(text[: cut if cut > limit // 2 else limit].rstrip(" ,;:")) + ELLIPSIS


def _sentence_start(text: str, position: int) -> int | None:
    """Where the sentence holding ``position`` starts, when that is near enough to show."""
    if position == 0 or not text[:position].strip():
        return 0
    window_start = max(0, position - SENTENCE_LOOKBACK)
    ends = list(_SENTENCE_END.finditer(text, window_start, position))
    if ends:
        return ends[-1].end()
    return 0 if window_start == 0 else None


def _marked(fragment: str, marks: Sequence[tuple[int, int]]) -> str:
    encoded = fragment.encode()
    pieces: list[str] = []
    position = 0
    for start, end in marks:
        pieces.append(html.escape(encoded[position:start].decode(errors="ignore")))
        pieces.append(f"<mark>{html.escape(encoded[start:end].decode(errors='ignore'))}</mark>")
        position = end
    pieces.append(html.escape(encoded[position:].decode(errors="ignore")))
    return "".join(pieces)

"""A generated cover for a resource without a picture: its title on a colour of its own."""

from __future__ import annotations

import hashlib
import textwrap
from xml.sax.saxutils import escape

# Dark enough for white text to pass WCAG AA on each.
COLOURS = ("#1f4fd1", "#17613a", "#8a2be2", "#b4235a", "#0f6e7a", "#9a3412", "#374151", "#5b21b6")
WIDTH, HEIGHT = 480, 320
LINE_CHARACTERS = 22
MAX_LINES = 5


def colour(title: str) -> str:
    """The same title always gets the same colour."""
    digest = hashlib.sha256(title.encode("utf-8")).digest()
    return COLOURS[digest[0] % len(COLOURS)]


def cover_svg(title: str, label: str) -> str:
    """An SVG cover: the title in a few lines over a colour, ``label`` (the kind) above it."""
    lines = textwrap.wrap(title, LINE_CHARACTERS, max_lines=MAX_LINES, placeholder=" …") or [""]
    top = HEIGHT / 2 - (len(lines) - 1) * 19 + 10
    spans = "".join(
        f'<tspan x="40" y="{top + n * 38:.0f}">{escape(line)}</tspan>'
        for n, line in enumerate(lines)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(title, {chr(34): "&quot;"})}">'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{colour(title)}"/>'
        f'<text x="40" y="56" fill="#ffffff" opacity="0.85" font-family="system-ui, sans-serif" '
        f'font-size="20" letter-spacing="2">{escape(label.upper())}</text>'
        f'<text fill="#ffffff" font-family="system-ui, sans-serif" font-size="32" '
        f'font-weight="700">{spans}</text></svg>'
    )

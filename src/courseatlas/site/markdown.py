"""Markdown of career guides and composed sections, rendered to safe HTML.

Raw HTML in the text is escaped, never passed through; links keep only safe schemes
(markdown-it refuses javascript:, vbscript:, file: and data:); images are off, so a
section can never make the browser fetch from another host.
"""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from markupsafe import Markup


@cache
def _renderer() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "typographer": True}).disable("image")


def markdown(text: str) -> Markup:
    return Markup(_renderer().render(text))  # noqa: S704 - escaped by the renderer (html off)

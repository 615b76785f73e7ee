"""HTML descriptions reduced to text, with text that only looks like markup kept as written.

A description is HTML when a real HTML parser finds in it an element that descriptions are
written with (``<p>``, ``<br>``, ``<li>``, ``<b>``...). Anything else in angle brackets
(``vector<int>``, ``<canvas>``, ``<K, V>``, ``<coursera.org/learn/x>``) is text, and so is the
whole value when no such element is found: ``&lt;script&gt;`` then stays as written.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements that end a line of text, and the ones that only style it.
_BLOCK = frozenset(
    [
        "p",
        "div",
        "br",
        "hr",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "blockquote",
        "pre",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "nav",
        "main",
        "figure",
        "figcaption",
        "address",
    ]
)
_INLINE = frozenset(
    [
        "a",
        "abbr",
        "b",
        "big",
        "center",
        "cite",
        "code",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "img",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "td",
        "th",
        "tt",
        "u",
        "var",
        "wbr",
        "html",
        "body",
    ]
)
# Elements whose content is not text for a reader: dropped with it.
_DROPPED = frozenset(
    ["script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "head"]
)
_MARKUP = _BLOCK | _INLINE | _DROPPED
_SPACE = re.compile(r"[ \t\n\r\f]+")


def html_to_text(value: str) -> str | None:
    """The text of an HTML description, or None when ``value`` holds no HTML markup."""
    if "<" not in value:
        return None
    parser = _TextParser()
    parser.feed(value)
    parser.close()
    return "".join(parser.parts) if parser.markup else None


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.markup = False
        self.hidden = 0  # depth inside dropped elements

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _MARKUP:
            self._text(self.get_starttag_text() or "")
            return
        self.markup = True
        if tag in _DROPPED:
            self.hidden += 1
        elif tag == "li":
            self._text("\n- ")
        elif tag in _BLOCK:
            self._text("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self.markup = True
        else:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _MARKUP:
            self._text(f"</{tag}>")
            return
        self.markup = True
        if tag in _DROPPED:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCK and tag != "li":  # the next item's dash starts its line
            self._text("\n")

    def handle_data(self, data: str) -> None:
        self._text(_SPACE.sub(" ", data))

    def _text(self, text: str) -> None:
        if not self.hidden:
            self.parts.append(text)

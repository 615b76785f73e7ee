"""The site's Jinja2 templates: autoescaped HTML and XML, the site's filters, page responses."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from courseatlas.accounts.deps import page_context
from courseatlas.catalog.credits import credit_slug
from courseatlas.http.caching import PAGE_CACHE, conditional_response
from courseatlas.http.hosts import origin
from courseatlas.site import formatting
from courseatlas.site.markdown import markdown

WEB = Path(__file__).resolve().parent
STATIC = WEB / "static"
HTML = "text/html; charset=utf-8"


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(WEB / "templates"),
        autoescape=select_autoescape(["html", "xml"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        number=formatting.number,
        price=formatting.price,
        weighted=formatting.weighted,
        popularity=formatting.popularity,
        listed_price=formatting.listed_price,
        money=formatting.money,
        hours=formatting.hours,
        language=formatting.language,
        level=formatting.level,
        pace=formatting.pace,
        starts=formatting.starts,
        kind=formatting.kind,
        paragraphs=formatting.paragraphs,
        reasons=formatting.reasons,
        markdown=markdown,
        jsonld=script_json,
        credit_slug=credit_slug,
    )
    env.globals["static"] = static_url
    return env


@cache
def static_url(name: str) -> str:
    """The URL of a static file, versioned by its content so it can be cached for a year."""
    digest = hashlib.sha256((STATIC / name).read_bytes()).hexdigest()[:12]
    return f"/static/{name}?v={digest}"


def script_json(data: object) -> Markup:
    """JSON safe inside a <script> element: nothing in it can close the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for character, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(character, escape)
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))  # noqa: S704


def render_text(request: Request, template: str, context: Mapping[str, Any]) -> str:
    # Every page knows its visitor (signed in or not) for the header and Save controls.
    full = {**page_context(request), **context, "origin": origin(request)}
    return environment().get_template(template).render(full)


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any],
    *,
    media_type: str = HTML,
    cache_control: str = PAGE_CACHE,
) -> Response:
    """A page as a cacheable response: 304 when the client already holds this exact page."""
    body = render_text(request, template, context).encode()
    return conditional_response(request, body, media_type, cache_control)

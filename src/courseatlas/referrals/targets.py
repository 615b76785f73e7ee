"""Where ``/go/{id}`` sends a learner: the stored URL, through the partner's template when the
partner is active and allows the URL's host. Pure functions; nothing of the request goes in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

PLACEHOLDERS = ("url", "url_encoded", "click_id", "resource_id")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_HOST = re.compile(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"
)
_SAMPLE_URL = "https://courses.example/c/1?lang=en&x=%C3%A9"


@dataclass(frozen=True)
class PartnerLink:
    """What the redirect needs of a partner."""

    id: int
    template: str
    hosts: tuple[str, ...]
    active: bool


def is_web_address(url: str) -> bool:
    """An absolute http(s) URL with a host and nothing that could bend a Location header."""
    if any(c.isspace() or ord(c) < 0x20 or c == "\\" for c in url):
        return False
    parts = urlsplit(url)
    return parts.scheme.lower() in {"http", "https"} and bool(parts.hostname)


def route(
    url: str, partner: PartnerLink | None, click_id: str, resource_id: int
) -> tuple[str, int | None]:
    """The redirect target of a resource's stored ``url`` and the partner it goes through."""
    if partner is None or not partner.active or not host_allowed(url, partner.hosts):
        return url, None
    built = fill(partner.template, url, click_id, resource_id)
    # A template that went bad after it was checked must not break the way out.
    return (built, partner.id) if is_web_address(built) else (url, None)


def fill(template: str, url: str, click_id: str, resource_id: int) -> str:
    values = {
        "url": url,
        "url_encoded": quote(url, safe=""),
        "click_id": click_id,
        "resource_id": str(resource_id),
    }
    return _PLACEHOLDER.sub(lambda match: values[match.group(1)], template)


def host_allowed(url: str, hosts: tuple[str, ...]) -> bool:
    """The URL's host is one of ``hosts`` or below one ("coursera.org" allows "www.coursera.org")."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return any(host == allowed or host.endswith("." + allowed) for allowed in hosts)


def template_problem(template: str) -> str | None:
    """Why ``template`` cannot be a partner's link template, or None when it can."""
    unknown = sorted(set(_PLACEHOLDER.findall(template)) - set(PLACEHOLDERS))
    if unknown:
        known = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
        return f"unknown placeholder {{{unknown[0]}}}: the placeholders are {known}"
    if "{" in _PLACEHOLDER.sub("", template) or "}" in _PLACEHOLDER.sub("", template):
        return "unbalanced brace: braces only surround placeholders"
    if "{url}" not in template and "{url_encoded}" not in template:
        return "the template must carry the resource's address: {url} or {url_encoded}"
    if not is_web_address(fill(template, _SAMPLE_URL, "0" * 32, 1)):
        return "the template must make an absolute http(s) URL without spaces or backslashes"
    return None


def normal_hosts(hosts: list[str]) -> tuple[tuple[str, ...], str | None]:
    """The hosts lower-cased, without empties or duplicates, and the first invalid one if any."""
    cleaned = tuple(dict.fromkeys(h.strip().lower().rstrip(".") for h in hosts if h.strip()))
    bad = next((h for h in cleaned if not _HOST.match(h)), None)
    return cleaned, bad

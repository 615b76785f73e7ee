"""Random secrets, their stored digests, and CSRF tokens derived from a cookie's value."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from starlette.requests import Request

# Personal API tokens start with it, so secret scanners can spot a leaked one.
TOKEN_PREFIX = "ca_"  # noqa: S105 - a prefix, not a secret


def new_secret() -> str:
    """256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def new_api_token() -> str:
    return TOKEN_PREFIX + new_secret()


def digest(secret: str) -> str:
    """What the database keeps of a secret. The secrets are random, so no salt or slow hash
    is needed: a digest cannot be reversed by guessing."""
    return hashlib.sha256(secret.encode()).hexdigest()


def csrf_token(secret_key: str, cookie_value: str) -> str:
    """The token forms carry: bound to the visitor's cookie, so it cannot be used with another."""
    mac = hmac.new(secret_key.encode(), b"csrf:" + cookie_value.encode(), hashlib.sha256)
    return mac.hexdigest()


def csrf_valid(secret_key: str, cookie_value: str, token: str) -> bool:
    return hmac.compare_digest(csrf_token(secret_key, cookie_value), token)


BEARER = "bearer "


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if header[: len(BEARER)].lower() != BEARER:
        return None
    return header[len(BEARER) :].strip() or None

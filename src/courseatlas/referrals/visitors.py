"""Visitor keys: a salted hash of address and user agent, so no raw address is ever stored.

The salt is derived from the secret key and the UTC date, so keys change every day and
cannot be joined across days or recomputed without the key.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import date
from functools import lru_cache


def visitor_key(secret_key: str, day: date, address: str, user_agent: str) -> str:
    message = f"{address}\n{user_agent}".encode()
    return hmac.new(_daily_salt(secret_key, day), message, hashlib.sha256).hexdigest()[:32]


@lru_cache(maxsize=4)
def _daily_salt(secret_key: str, day: date) -> bytes:
    label = f"courseatlas-click-visitor:{day.isoformat()}".encode()
    return hmac.new(secret_key.encode(), label, hashlib.sha256).digest()

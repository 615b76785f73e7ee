"""Server-side sessions: start one at sign-in, find it from the cookie, end it or all of them.

The cookie holds 256 random bits; the table holds their digest. A session ends when unused
for ``session_idle_days`` or ``session_max_days`` after sign-in, whichever comes first.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from courseatlas.accounts import repository
from courseatlas.accounts.identity import Learner
from courseatlas.accounts.models import AccountSession, User
from courseatlas.accounts.secrets import digest, new_secret
from courseatlas.db.base import utcnow
from courseatlas.settings import Settings

COOKIE = "courseatlas_session"
# Recording every request would write on every page view; once in a while is enough for idle expiry.
TOUCH_EVERY = timedelta(minutes=5)


def start(session: Session, user: User) -> str:
    """A new session for ``user``; returns the cookie value (never stored as such)."""
    key = new_secret()
    session.add(AccountSession(key_hash=digest(key), user_id=user.id))
    session.flush()
    return key


def resolve(session: Session, settings: Settings, key: str) -> Learner | None:
    """The learner of a live session, or None (an expired one is deleted on the way)."""
    found = repository.session_with_user(session, digest(key))
    if found is None:
        return None
    account_session, user = found
    now = utcnow()
    idle = now - account_session.last_seen_at > timedelta(days=settings.session_idle_days)
    old = now - account_session.created_at > timedelta(days=settings.session_max_days)
    if idle or old:
        session.delete(account_session)
        return None
    if now - account_session.last_seen_at > TOUCH_EVERY:
        account_session.last_seen_at = now
    return Learner.of(user, "session")


def end(session: Session, key: str) -> None:
    repository.delete_session(session, digest(key))


def end_all(session: Session, user_id: int) -> int:
    """Signs a learner out everywhere; returns how many sessions ended."""
    return repository.delete_sessions(session, user_id)


def cookie_max_age(settings: Settings) -> int:
    return int(timedelta(days=settings.session_max_days).total_seconds())

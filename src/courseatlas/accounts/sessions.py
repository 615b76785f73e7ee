"""Server-side sessions: start one at sign-in, find it from the cookie, end it or all of them.

The cookie holds 256 random bits; the store holds their digest. A session ends when unused
for ``session_idle_days`` or ``session_max_days`` after sign-in, whichever comes first.

Where sessions live: in Redis when it is configured (every worker and host finds them, and
Redis drops them once expired), else in the database table. While a configured Redis is
down, new sessions go to the database, which every worker and host shares as well; the
sessions kept in Redis are not found until it answers again (their learners look signed
out meanwhile), and what must end sessions (sign-out, sign-out everywhere, a password
reset) answers 503 rather than claim an end it could not make.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import redis
from sqlalchemy.orm import Session

from courseatlas.accounts import repository
from courseatlas.accounts.identity import Learner
from courseatlas.accounts.models import AccountSession, User
from courseatlas.accounts.secrets import digest, new_secret
from courseatlas.db.base import utcnow
from courseatlas.db.redis_client import SharedRedis
from courseatlas.errors import ServiceUnavailable
from courseatlas.settings import Settings

COOKIE = "courseatlas_session"
# Recording every request would write on every page view; once in a while is enough for idle expiry.
TOUCH_EVERY = timedelta(minutes=5)


@dataclass(frozen=True)
class SessionTimes:
    user_id: int
    created_at: datetime
    last_seen_at: datetime

    def to_json(self) -> str:
        return json.dumps(
            {
                "user_id": self.user_id,
                "created_at": self.created_at.timestamp(),
                "last_seen_at": self.last_seen_at.timestamp(),
            }
        )

    @classmethod
    def from_json(cls, text: bytes | str) -> SessionTimes:
        data = json.loads(text)

        def moment(seconds: float) -> datetime:
            return datetime.fromtimestamp(seconds, UTC)

        return cls(int(data["user_id"]), moment(data["created_at"]), moment(data["last_seen_at"]))


class Sessions:
    """The session store of one process."""

    def __init__(self, settings: Settings, shared: SharedRedis) -> None:
        self.idle = timedelta(days=settings.session_idle_days)
        self.max_age = timedelta(days=settings.session_max_days)
        self.shared = shared

    def start(self, session: Session, user: User) -> str:
        """A new session for ``user``; returns the cookie value (never stored as such)."""
        key = new_secret()
        now = utcnow()
        times = SessionTimes(user.id, now, now)
        if not self.shared.call(lambda client: self._put(client, digest(key), times, True), False):
            session.add(AccountSession(key_hash=digest(key), user_id=user.id))
            session.flush()
        return key

    def resolve(self, session: Session, key: str) -> Learner | None:
        """The learner of a live session, or None (an expired one is deleted on the way)."""
        hashed = digest(key)
        text = self.shared.call(lambda client: client.get(self._session_key(hashed)), None)
        if not isinstance(text, bytes):
            return self._resolve_in_database(session, hashed)
        times = SessionTimes.from_json(text)
        user = repository.user_by_id(session, times.user_id)
        # An account deleted since, or deleted and its id given to a newer one (SQLite may).
        if user is None or user.created_at > times.created_at or self._expired(times):
            self.shared.call(lambda client: self._drop(client, hashed, times.user_id), 0)
            return None
        if utcnow() - times.last_seen_at > TOUCH_EVERY:
            seen = SessionTimes(times.user_id, times.created_at, utcnow())
            self.shared.call(lambda client: self._put(client, hashed, seen), False)
        return Learner.of(user, "session")

    def end(self, session: Session, key: str) -> None:
        hashed = digest(key)
        if not repository.delete_session(session, hashed):  # then it is Redis's, if anyone's
            self._must_reach_redis(lambda client: self._drop(client, hashed, None))

    def end_all(self, session: Session, user_id: int) -> int:
        """Signs a learner out everywhere; returns how many sessions ended."""
        ended = self._must_reach_redis(lambda client: self._drop_all(client, user_id)) or 0
        return ended + repository.delete_sessions(session, user_id)

    def of(self, session: Session, user_id: int) -> list[SessionTimes]:
        """The live sessions of a learner, oldest first (those Redis holds, when it answers)."""
        none: list[SessionTimes] = []
        found = self.shared.call(lambda client: self._of_user(client, user_id), none)
        found += [
            SessionTimes(user_id, s.created_at, s.last_seen_at)
            for s in repository.sessions_of(session, user_id)
        ]
        return sorted(found, key=lambda times: times.created_at)

    def _resolve_in_database(self, session: Session, hashed: str) -> Learner | None:
        found = repository.session_with_user(session, hashed)
        if found is None:
            return None
        account_session, user = found
        times = SessionTimes(user.id, account_session.created_at, account_session.last_seen_at)
        if self._expired(times):
            session.delete(account_session)
            return None
        if utcnow() - account_session.last_seen_at > TOUCH_EVERY:
            account_session.last_seen_at = utcnow()
        return Learner.of(user, "session")

    def _expired(self, times: SessionTimes) -> bool:
        now = utcnow()
        return now - times.last_seen_at > self.idle or now - times.created_at > self.max_age

    def _must_reach_redis(self, use: Callable[[redis.Redis], int | None]) -> int | None:
        """``use(client)`` when Redis is configured; 503 while it cannot be reached."""
        if not self.shared.configured:
            return None
        client = self.shared.client()
        try:
            if client is None:
                raise redis.ConnectionError("Redis was unreachable a moment ago")
            return use(client)
        except redis.RedisError as error:
            self.shared.failed(error)
            raise ServiceUnavailable(
                "Sessions cannot be ended for a moment. Try again shortly.", retry_after=5
            ) from error

    def _put(
        self, client: redis.Redis, hashed: str, times: SessionTimes, new: bool = False
    ) -> bool:
        """Stores a session until it expires: idle, or at its age limit, whichever is sooner."""
        now = utcnow()
        left = min(times.last_seen_at + self.idle, times.created_at + self.max_age) - now
        pipe = client.pipeline()
        pipe.set(self._session_key(hashed), times.to_json(), ex=max(1, int(left.total_seconds())))
        if new:
            pipe.sadd(self._user_key(times.user_id), hashed)
            pipe.expire(self._user_key(times.user_id), int(self.max_age.total_seconds()))
        pipe.execute()
        return True

    def _drop(self, client: redis.Redis, hashed: str, user_id: int | None) -> int:
        removed = int(client.delete(self._session_key(hashed)))
        if user_id is not None:
            client.srem(self._user_key(user_id), hashed)
        return removed

    def _drop_all(self, client: redis.Redis, user_id: int) -> int:
        hashes = self._members(client, user_id)
        removed = int(client.delete(*map(self._session_key, hashes))) if hashes else 0
        client.delete(self._user_key(user_id))
        return removed

    def _of_user(self, client: redis.Redis, user_id: int) -> list[SessionTimes]:
        hashes = self._members(client, user_id)
        texts = client.mget(list(map(self._session_key, hashes))) if hashes else []
        gone = [h for h, text in zip(hashes, texts, strict=True) if text is None]
        if gone:  # expired: Redis dropped the session, not its place in the learner's set
            client.srem(self._user_key(user_id), *gone)
        return [SessionTimes.from_json(text) for text in texts if text is not None]

    def _members(self, client: redis.Redis, user_id: int) -> list[str]:
        """The digests of a learner's sessions kept in Redis."""
        members = client.smembers(self._user_key(user_id))
        return [h.decode() if isinstance(h, bytes) else h for h in members]

    def _session_key(self, hashed: str) -> str:
        return self.shared.key("session", hashed)

    def _user_key(self, user_id: int) -> str:
        return self.shared.key("sessions-of", str(user_id))


def cookie_max_age(settings: Settings) -> int:
    return int(timedelta(days=settings.session_max_days).total_seconds())

"""Account queries."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from courseatlas.accounts.models import AccountSession, ApiToken, EmailToken, User


def email_key(email: str) -> str:
    """The form of an address that look-ups compare: trimmed, lower case."""
    return email.strip().lower()


def user_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email_key == email_key(email)))


def user_by_id(session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)


def users(session: Session, offset: int = 0, limit: int = 100) -> Sequence[User]:
    return session.scalars(select(User).order_by(User.id).offset(offset).limit(limit)).all()


def count_users(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(User)) or 0


def session_with_user(session: Session, key_hash: str) -> tuple[AccountSession, User] | None:
    row = session.execute(
        select(AccountSession, User)
        .join(User, User.id == AccountSession.user_id)
        .where(AccountSession.key_hash == key_hash)
    ).first()
    return (row[0], row[1]) if row else None


def delete_session(session: Session, key_hash: str) -> bool:
    result = session.execute(delete(AccountSession).where(AccountSession.key_hash == key_hash))
    return bool(getattr(result, "rowcount", 0))


def delete_sessions(session: Session, user_id: int) -> int:
    result = session.execute(delete(AccountSession).where(AccountSession.user_id == user_id))
    return int(getattr(result, "rowcount", 0) or 0)


def sessions_of(session: Session, user_id: int) -> Sequence[AccountSession]:
    query = select(AccountSession).where(AccountSession.user_id == user_id)
    return session.scalars(query.order_by(AccountSession.id)).all()


def token_with_user(session: Session, token_hash: str) -> tuple[ApiToken, User] | None:
    row = session.execute(
        select(ApiToken, User)
        .join(User, User.id == ApiToken.user_id)
        .where(ApiToken.token_hash == token_hash)
    ).first()
    return (row[0], row[1]) if row else None


def tokens_of(session: Session, user_id: int) -> Sequence[ApiToken]:
    query = select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.id)
    return session.scalars(query).all()


def token_of(session: Session, user_id: int, token_id: int) -> ApiToken | None:
    query = select(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == user_id)
    return session.scalar(query)


def usable_email_token(
    session: Session, purpose: str, token_hash: str, now: datetime
) -> EmailToken | None:
    return session.scalar(
        select(EmailToken).where(
            EmailToken.purpose == purpose,
            EmailToken.token_hash == token_hash,
            EmailToken.used_at.is_(None),
            EmailToken.expires_at > now,
        )
    )


def retire_email_tokens(session: Session, user_id: int, purpose: str) -> None:
    """Earlier links of this kind stop working once one is used or a newer one is sent."""
    session.execute(
        delete(EmailToken).where(EmailToken.user_id == user_id, EmailToken.purpose == purpose)
    )

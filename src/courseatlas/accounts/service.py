"""Account rules: sign-up with a confirmed address, sign-in, resets, changes, tokens, deletion.

Nothing here tells a caller whether an address has an account: sign-up and reset requests
answer the same either way and say the rest by email to the address's owner.
"""

from __future__ import annotations

import re
import smtplib
from collections.abc import Sequence
from datetime import timedelta

import structlog
from sqlalchemy.orm import Session

from courseatlas.accounts import mail, passwords, repository, sessions
from courseatlas.accounts.identity import Learner
from courseatlas.accounts.models import ApiToken, EmailToken, User
from courseatlas.accounts.secrets import digest, new_api_token, new_secret
from courseatlas.db.base import utcnow
from courseatlas.errors import InvalidInput, NotFound, ServiceUnavailable
from courseatlas.settings import Settings

log = structlog.get_logger(__name__)

EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,255}\.[^@\s.]{2,63}$")
LIFETIMES = {"confirm": timedelta(days=2), "reset": timedelta(hours=1)}
MAX_NAME = 100


def check_email(email: str) -> str:
    cleaned = email.strip()
    if len(cleaned) > 320 or not EMAIL.match(cleaned):
        raise InvalidInput("Enter an email address such as name@example.org.")
    return cleaned


def sign_up(session: Session, settings: Settings, email: str, password: str, origin: str) -> None:
    """Starts an account, or tells the address's owner that it already has one."""
    email = check_email(email)
    passwords.check_new_password(password, email)
    user = repository.user_by_email(session, email)
    if user is not None and user.confirmed_at is not None:
        _send(
            settings, mail.Mail(email, "You already have a courseatlas account", _already(origin))
        )
        return
    if user is None:
        user = User(email=email, email_key=repository.email_key(email), password_hash="")
        session.add(user)
    # An unconfirmed account belongs to whoever confirms it: the newest password wins.
    user.password_hash = passwords.hash_password(password)
    session.flush()
    link = f"{origin}/account/confirm?token={_email_token(session, user, 'confirm')}"
    _send(settings, mail.Mail(email, "Confirm your courseatlas account", _confirm(link)))
    log.info("signup_started", user_id=user.id)


def confirm(session: Session, secret: str, password: str) -> User | None:
    """Confirms the address of an account from its emailed link. The password chosen at
    sign-up is asked again: whoever signed up with someone else's address cannot have them
    confirm it (and so own an account the attacker holds the password of)."""
    token = repository.usable_email_token(session, "confirm", digest(secret), utcnow())
    user = repository.user_by_id(session, token.user_id) if token else None
    if user is None:
        return None
    if not passwords.verify(user.password_hash, password):
        raise InvalidInput("That is not the password this account was made with.")
    _use_email_token(session, "confirm", secret)
    if user.confirmed_at is None:
        user.confirmed_at = utcnow()
        log.info("signup_confirmed", user_id=user.id)
    return user


def sign_in(session: Session, email: str, password: str) -> User | None:
    """The user whose address and password these are, or None (the same time either way)."""
    user = repository.user_by_email(session, email)
    if not passwords.verify(user.password_hash if user else None, password):
        return None
    assert user is not None
    if user.confirmed_at is None:
        return None
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
        log.info("password_rehashed", user_id=user.id)
    return user


def request_reset(session: Session, settings: Settings, email: str, origin: str) -> None:
    user = repository.user_by_email(session, check_email(email))
    if user is None:
        return
    link = f"{origin}/account/reset?token={_email_token(session, user, 'reset')}"
    _send(settings, mail.Mail(user.email, "Reset your courseatlas password", _reset(link)))
    log.info("reset_requested", user_id=user.id)


def reset_password(
    session: Session, store: sessions.Sessions, secret: str, password: str
) -> User | None:
    """Sets a new password from an emailed link; every session of the account ends."""
    token = repository.usable_email_token(session, "reset", digest(secret), utcnow())
    user = repository.user_by_id(session, token.user_id) if token else None
    if user is None:
        return None
    passwords.check_new_password(password, user.email)
    _use_email_token(session, "reset", secret)
    user.password_hash = passwords.hash_password(password)
    user.confirmed_at = user.confirmed_at or utcnow()  # the link proved the address
    store.end_all(session, user.id)
    log.info("password_reset", user_id=user.id)
    return user


def change_password(session: Session, user: User, current: str, new: str) -> None:
    _require_password(user, current)
    passwords.check_new_password(new, user.email)
    user.password_hash = passwords.hash_password(new)
    log.info("password_changed", user_id=user.id)


def change_email(
    session: Session, settings: Settings, user: User, password: str, email: str
) -> None:
    _require_password(user, password)
    email = check_email(email)
    other = repository.user_by_email(session, email)
    if other is not None and other.id != user.id:
        raise InvalidInput("That address cannot be used for this account.")
    old = user.email
    user.email, user.email_key = email, repository.email_key(email)
    _send(settings, mail.Mail(old, "Your courseatlas email changed", _email_changed(email)))
    log.info("email_changed", user_id=user.id)


def set_display_name(user: User, name: str) -> None:
    name = name.strip()
    if len(name) > MAX_NAME:
        raise InvalidInput(f"Choose a display name of at most {MAX_NAME} characters.")
    user.display_name = name


def delete_account(session: Session, user: User, password: str) -> None:
    _require_password(user, password)
    remove_user(session, user)


def remove_user(session: Session, user: User) -> None:
    """Deletes the user and, by cascade, its sessions, tokens and lists."""
    session.delete(user)
    session.flush()
    log.info("account_deleted", user_id=user.id)


def create_user(session: Session, email: str, password: str, admin: bool = False) -> User:
    """An account ready to use, made by an operator (no confirmation email)."""
    email = check_email(email)
    passwords.check_new_password(password, email)
    if repository.user_by_email(session, email) is not None:
        raise InvalidInput(f"{email} already has an account.")
    user = User(
        email=email,
        email_key=repository.email_key(email),
        password_hash=passwords.hash_password(password),
        is_admin=admin,
        confirmed_at=utcnow(),
    )
    session.add(user)
    session.flush()
    return user


def new_token(session: Session, user_id: int, name: str) -> str:
    """A personal API token; only its digest is kept, so it is shown once."""
    name = name.strip() or "API token"
    if len(name) > MAX_NAME:
        raise InvalidInput(f"Name the token in at most {MAX_NAME} characters.")
    secret = new_api_token()
    session.add(ApiToken(user_id=user_id, name=name, token_hash=digest(secret), hint=secret[:7]))
    session.flush()
    log.info("api_token_created", user_id=user_id)
    return secret


def revoke_token(session: Session, user_id: int, token_id: int) -> None:
    token = repository.token_of(session, user_id, token_id)
    if token is None:
        raise NotFound("There is no such token.")
    session.delete(token)


def tokens(session: Session, user_id: int) -> Sequence[ApiToken]:
    return repository.tokens_of(session, user_id)


def learner_for_token(session: Session, secret: str) -> Learner | None:
    found = repository.token_with_user(session, digest(secret))
    if found is None:
        return None
    token, user = found
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        token.last_used_at = now
    return Learner.of(user, "token")


def personal_data(session: Session, store: sessions.Sessions, user_id: int) -> dict[str, object]:
    """What the account holds about its learner, without a single secret or digest."""
    user = repository.user_by_id(session, user_id)
    if user is None:
        raise NotFound("There is no such account.")
    return {
        "id": user.id,
        "email": user.email,
        "display_name": user.display_name,
        "is_admin": user.is_admin,
        "created_at": user.created_at,
        "confirmed_at": user.confirmed_at,
        "api_tokens": [
            {
                "name": t.name,
                "starts_with": t.hint,
                "created_at": t.created_at,
                "last_used_at": t.last_used_at,
            }
            for t in repository.tokens_of(session, user_id)
        ],
        "sessions": [
            {"signed_in_at": s.created_at, "last_seen_at": s.last_seen_at}
            for s in store.of(session, user_id)
        ],
    }


def _require_password(user: User, password: str) -> None:
    if not passwords.verify(user.password_hash, password):
        raise InvalidInput("Your current password is not right.")


def _email_token(session: Session, user: User, purpose: str) -> str:
    repository.retire_email_tokens(session, user.id, purpose)
    secret = new_secret()
    session.add(
        EmailToken(
            user_id=user.id,
            purpose=purpose,
            token_hash=digest(secret),
            expires_at=utcnow() + LIFETIMES[purpose],
        )
    )
    return secret


def _use_email_token(session: Session, purpose: str, secret: str) -> EmailToken | None:
    token = repository.usable_email_token(session, purpose, digest(secret), utcnow())
    if token is not None:
        token.used_at = utcnow()
    return token


def _send(settings: Settings, message: mail.Mail) -> None:
    try:
        mail.send(settings, message)
    except (smtplib.SMTPException, OSError) as error:
        log.warning("mail_failed", error=type(error).__name__)
        raise ServiceUnavailable("We could not send the email just now; try again later.") from None


def _confirm(link: str) -> str:
    return (
        "Welcome to courseatlas.\n\nOpen this link within two days to confirm your address "
        f"and sign in:\n\n{link}\n\nIf you did not sign up, ignore this message.\n"
    )


def _already(origin: str) -> str:
    return (
        "Someone (perhaps you) tried to sign up to courseatlas with this address, which "
        f"already has an account.\n\nSign in: {origin}/account/login\n"
        f"Forgot your password? {origin}/account/forgot\n"
    )


def _reset(link: str) -> str:
    return (
        "Open this link within an hour to choose a new courseatlas password:\n\n"
        f"{link}\n\nIt works once. If you did not ask for it, ignore this message.\n"
    )


def _email_changed(new: str) -> str:
    return f"The email address of your courseatlas account is now {new}.\n"

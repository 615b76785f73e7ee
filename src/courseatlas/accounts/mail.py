"""Outgoing email: SMTP when ``COURSEATLAS_SMTP_URL`` is set, else a local outbox of .eml files."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime
from email import message_from_string
from email.message import EmailMessage
from email.policy import default
from email.utils import format_datetime, make_msgid
from pathlib import Path
from urllib.parse import unquote, urlsplit

import structlog

from courseatlas.settings import Settings

log = structlog.get_logger(__name__)
TIMEOUT = 10.0  # seconds; a stuck mail server must not hold a request forever


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str


def outbox_dir(settings: Settings) -> Path:
    return settings.data_dir / "outbox"


def send(settings: Settings, mail: Mail) -> None:
    message = _message(settings, mail)
    if settings.smtp_url:
        _send_smtp(settings.smtp_url, message)
        log.info("mail_sent", subject=mail.subject)
    else:
        path = _write_outbox(outbox_dir(settings), message)
        log.info("mail_written_to_outbox", subject=mail.subject, file=path.name)


def outbox(settings: Settings) -> list[Path]:
    """The messages written so far, oldest first."""
    folder = outbox_dir(settings)
    return sorted(folder.glob("*.eml")) if folder.is_dir() else []


def readable(raw: str) -> str:
    """A stored message as its reader sees it: the main headers, then the decoded body."""
    message = message_from_string(raw, policy=default)
    assert isinstance(message, EmailMessage)
    body = message.get_body()
    text = body.get_content() if isinstance(body, EmailMessage) else ""
    headers = "".join(
        f"{name}: {message[name]}\n" for name in ("From", "To", "Subject", "Date") if message[name]
    )
    return f"{headers}\n{text}"


def _message(settings: Settings, mail: Mail) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message["Message-ID"] = make_msgid(domain="courseatlas")
    message["Date"] = format_datetime(datetime.now(UTC))
    message.set_content(mail.body)
    return message


def _send_smtp(url: str, message: EmailMessage) -> None:
    parts = urlsplit(url)
    host, port = parts.hostname or "localhost", parts.port
    client: smtplib.SMTP
    if parts.scheme == "smtps":
        client = smtplib.SMTP_SSL(host, port or 465, timeout=TIMEOUT)
    else:
        client = smtplib.SMTP(
            host, port or (587 if parts.scheme == "smtp+starttls" else 25), timeout=TIMEOUT
        )
    with client:
        if parts.scheme == "smtp+starttls":
            client.starttls(context=ssl.create_default_context())
        if parts.username:
            client.login(unquote(parts.username), unquote(parts.password or ""))
        client.send_message(message)


def _write_outbox(folder: Path, message: EmailMessage) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    number = len(list(folder.glob("*.eml"))) + 1
    path = folder / f"{number:06d}.eml"
    # Exclusive creation: two processes writing at once never overwrite each other.
    while True:
        try:
            with path.open("x", encoding="utf-8") as file:
                file.write(message.as_string())
            return path
        except FileExistsError:
            number += 1
            path = folder / f"{number:06d}.eml"

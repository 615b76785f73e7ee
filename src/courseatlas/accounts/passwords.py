"""Password rules and argon2id hashing.

Parameters: argon2id, time cost 3, memory 64 MiB, parallelism 4 (RFC 9106's second
recommended option, argon2-cffi's defaults as of 25.1), 16-byte salt, 32-byte hash. One
verification took 0.68 s on this project's 2-core box while six test runs shared it (the
throttling limits bound how many an attacker can ask for). A stored hash made with other
parameters is rehashed at the next sign-in.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.profiles import RFC_9106_LOW_MEMORY

from courseatlas.errors import InvalidInput

MIN_LENGTH = 10
MAX_LENGTH = 1024  # hashing is costly: a megabyte of password is a denial of service
COMMON = Path(__file__).resolve().parent / "common-passwords.txt"

HASHER = PasswordHasher.from_parameters(RFC_9106_LOW_MEMORY)


@cache
def decoy_hash() -> str:
    """A hash of nothing anyone knows: checked against when an email is unknown, so that a
    wrong email takes as long as a wrong password. Made on first use, not at import: hashing
    costs a third of a second that every command would pay; the web app makes it at start,
    so that not even a process's first unknown email answers slower."""
    return HASHER.hash("decoy password that matches no account")


@cache
def common_passwords() -> frozenset[str]:
    lines = COMMON.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("# "))


def check_new_password(password: str, email: str = "") -> None:
    """Raises InvalidInput when a password may not be chosen."""
    if len(password) < MIN_LENGTH:
        raise InvalidInput(f"Choose a password of at least {MIN_LENGTH} characters.")
    if len(password) > MAX_LENGTH:
        raise InvalidInput(f"Choose a password of at most {MAX_LENGTH} characters.")
    lowered = password.lower()
    if lowered in common_passwords():
        raise InvalidInput("That password is one of the most common ones; choose another.")
    if email and lowered == email.lower():
        raise InvalidInput("Choose a password other than your email address.")


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def verify(stored_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches; with no stored hash, spends the same time and says no."""
    if len(password) > MAX_LENGTH:
        return False
    try:
        return HASHER.verify(stored_hash or decoy_hash(), password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return HASHER.check_needs_rehash(stored_hash)

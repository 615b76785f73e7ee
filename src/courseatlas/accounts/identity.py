"""Who is asking: the signed-in learner a request carries, by session cookie or API token."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from courseatlas.accounts.models import User


@dataclass(frozen=True)
class Learner:
    id: int
    email: str
    display_name: str
    is_admin: bool
    via: Literal["session", "token"]

    @classmethod
    def of(cls, user: User, via: Literal["session", "token"]) -> Learner:
        return cls(user.id, user.email, user.display_name, user.is_admin, via)

    @property
    def name(self) -> str:
        return self.display_name or self.email

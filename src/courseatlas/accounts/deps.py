"""Request dependencies of accounts: who is asking, and the guards routes put themselves behind.

``CurrentLearner`` (a signed-in learner, else 401), ``OptionalLearner`` (or None) and
``AdminLearner`` (an admin, else 404 to everyone else: admin pages do not announce
themselves) are what other features' routes use.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from courseatlas.accounts import service
from courseatlas.accounts.identity import Learner
from courseatlas.accounts.secrets import TOKEN_PREFIX, csrf_token
from courseatlas.errors import NotFound, Unauthorized
from courseatlas.http.deps import DbSession

# Declares the scheme in the OpenAPI document (the Authorize button of /docs); reads nothing
# that ``bearer_token`` does not.
BEARER_SCHEME = HTTPBearer(
    auto_error=False,
    scheme_name="PersonalApiToken",
    description="A personal API token from /account (or `courseatlas users token EMAIL`).",
)


def session_learner(request: Request) -> Learner | None:
    """The learner of the session cookie, as the session middleware found it."""
    learner: Learner | None = request.scope.get("state", {}).get("learner")
    return learner


def optional_learner(
    request: Request,
    session: DbSession,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER_SCHEME)],
) -> Learner | None:
    """A bearer token wins over the cookie: API clients send one and no cookie."""
    token = credentials.credentials if credentials else None
    if token is None:
        return session_learner(request)
    learner = service.learner_for_token(session, token) if token.startswith(TOKEN_PREFIX) else None
    if learner is None:
        raise Unauthorized("The API token is not valid (revoked, or mistyped).")
    return learner


def current_learner(
    learner: Annotated[Learner | None, Depends(optional_learner)],
) -> Learner:
    if learner is None:
        raise Unauthorized("Sign in, or send a personal API token as `Authorization: Bearer`.")
    return learner


def require_admin(learner: Annotated[Learner | None, Depends(optional_learner)]) -> Learner:
    if learner is None or not learner.is_admin:
        raise NotFound("There is nothing at this address.")
    return learner


OptionalLearner = Annotated[Learner | None, Depends(optional_learner)]
CurrentLearner = Annotated[Learner, Depends(current_learner)]
AdminLearner = Annotated[Learner, Depends(require_admin)]


def page_context(request: Request) -> dict[str, object]:
    """What every page template knows about the visitor: who, and the token its forms carry."""
    learner = session_learner(request)
    key = request.scope.get("state", {}).get("session_key")
    secret: str = request.app.state.settings.effective_secret_key
    return {"learner": learner, "csrf_token": csrf_token(secret, key) if learner and key else ""}

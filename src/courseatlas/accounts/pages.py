"""The account pages: sign up, confirm, sign in and out, reset, settings and API tokens."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import Response

from courseatlas.accounts import repository, service
from courseatlas.accounts.deps import CurrentLearner, OptionalLearner, session_learner
from courseatlas.accounts.web import (
    client_key,
    personal_page,
    redirect,
    safe_next,
    session_store,
    signed_in,
    signed_out,
    throttle,
)
from courseatlas.errors import InvalidInput, NotFound
from courseatlas.http.deps import AppSettings, DbSession
from courseatlas.http.hosts import origin

router = APIRouter(include_in_schema=False)

Email = Annotated[str, Form(max_length=320)]
Password = Annotated[str, Form(max_length=4096)]
Next = Annotated[str, Form(max_length=2000)]
Token = Annotated[str, Query(max_length=100)]
FAILED_SIGN_IN = "The email or password is not right (or the address is not confirmed yet)."


@router.get("/account/signup")
def signup_page(request: Request, next: Annotated[str, Query(max_length=2000)] = "") -> Response:
    return personal_page(
        request, "account/signup.html", "Create an account", {"next": next, "error": ""}
    )


@router.post("/account/signup")
def signup(
    request: Request, session: DbSession, settings: AppSettings, email: Email, password: Password
) -> Response:
    checks = throttle(request).checks("signup", email, client_key(request))
    throttle(request).refuse_if_exhausted(checks)
    throttle(request).record(checks)
    try:
        service.sign_up(session, settings, email, password, origin(request))
    except InvalidInput as error:
        context = {"next": "", "error": error.detail, "email": email}
        return personal_page(request, "account/signup.html", "Create an account", context, 422)
    return _check_email(request, "Confirm your address", email)


@router.get("/account/confirm")
def confirm_page(request: Request, token: Token = "") -> Response:
    """The emailed link shows a form: a GET changes nothing, so a mail scanner that follows
    links confirms nothing, and the password asked proves the confirmer made the account."""
    context = {"email_token": token, "error": ""}
    return personal_page(request, "account/confirm.html", "Confirm your address", context)


@router.post("/account/confirm")
def confirm(
    request: Request,
    session: DbSession,
    password: Password,
    token: Annotated[str, Form(max_length=100)],
) -> Response:
    checks = throttle(request).checks("confirm", token, client_key(request))
    throttle(request).refuse_if_exhausted(checks)
    try:
        user = service.confirm(session, token, password)
    except InvalidInput as error:
        throttle(request).record(checks)
        context = {"email_token": token, "error": error.detail}
        return personal_page(request, "account/confirm.html", "Confirm your address", context, 422)
    if user is None:
        return _message(
            request,
            "This link does not work",
            "It was used already, or it is more than two days old. Sign up again to get a new one.",
            400,
        )
    return signed_in(request, _rotate(request, session, user), "/account?welcome=1")


@router.get("/account/login")
def login_page(request: Request, next: Annotated[str, Query(max_length=2000)] = "") -> Response:
    if session_learner(request) is not None:
        return redirect(safe_next(next))
    return personal_page(request, "account/login.html", "Sign in", {"next": next, "error": ""})


@router.post("/account/login")
def login(
    request: Request, session: DbSession, email: Email, password: Password, next: Next = ""
) -> Response:
    checks = throttle(request).checks("login", email, client_key(request))
    throttle(request).refuse_if_exhausted(checks)
    user = service.sign_in(session, email, password)
    if user is None:
        throttle(request).record(checks)
        context = {"next": next, "error": FAILED_SIGN_IN, "email": email}
        return personal_page(request, "account/login.html", "Sign in", context, 400)
    return signed_in(request, _rotate(request, session, user), safe_next(next))


@router.post("/account/logout")
def logout(request: Request, session: DbSession) -> Response:
    key = request.scope.get("state", {}).get("session_key")
    if key:
        session_store(request).end(session, key)
    return signed_out("/")


@router.post("/account/logout-everywhere")
def logout_everywhere(request: Request, learner: CurrentLearner, session: DbSession) -> Response:
    session_store(request).end_all(session, learner.id)
    return signed_out("/account/login")


@router.get("/account/forgot")
def forgot_page(request: Request) -> Response:
    return personal_page(request, "account/forgot.html", "Forgot your password?", {"error": ""})


@router.post("/account/forgot")
def forgot(request: Request, session: DbSession, settings: AppSettings, email: Email) -> Response:
    checks = throttle(request).checks("reset", email, client_key(request))
    throttle(request).refuse_if_exhausted(checks)
    throttle(request).record(checks)
    try:
        service.request_reset(session, settings, email, origin(request))
    except InvalidInput as error:
        return personal_page(
            request, "account/forgot.html", "Forgot your password?", {"error": error.detail}, 422
        )
    return _check_email(request, "Check your email", email)


@router.get("/account/reset")
def reset_page(request: Request, token: Token = "") -> Response:
    return personal_page(
        request, "account/reset.html", "Choose a new password", {"email_token": token, "error": ""}
    )


@router.post("/account/reset")
def reset(
    request: Request,
    session: DbSession,
    password: Password,
    token: Annotated[str, Form(max_length=100)],
) -> Response:
    try:
        user = service.reset_password(session, session_store(request), token, password)
    except InvalidInput as error:
        context = {"email_token": token, "error": error.detail}
        return personal_page(request, "account/reset.html", "Choose a new password", context, 422)
    if user is None:
        return _message(
            request,
            "This link does not work",
            "It was used already, or it is more than an hour old. Ask for a new one.",
            400,
        )
    return signed_in(request, session_store(request).start(session, user), "/account?reset=1")


@router.get("/account")
def account_page(
    request: Request,
    learner: OptionalLearner,
    session: DbSession,
    welcome: Annotated[str, Query(max_length=5)] = "",
    reset: Annotated[str, Query(max_length=5)] = "",
) -> Response:
    if learner is None:
        return redirect("/account/login?next=/account")
    return _account(request, learner.id, session, notice=_notice(welcome, reset))


@router.post("/account/name")
def change_name(
    request: Request,
    learner: CurrentLearner,
    session: DbSession,
    display_name: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    return _change(
        request,
        learner.id,
        session,
        lambda user: service.set_display_name(user, display_name),
        "Your name is saved.",
    )


@router.post("/account/email")
def change_email(
    request: Request,
    learner: CurrentLearner,
    session: DbSession,
    settings: AppSettings,
    email: Email,
    password: Password,
) -> Response:
    return _change(
        request,
        learner.id,
        session,
        lambda user: service.change_email(session, settings, user, password, email),
        "Your email address is changed.",
    )


@router.post("/account/password")
def change_password(
    request: Request,
    learner: CurrentLearner,
    session: DbSession,
    password: Password,
    new_password: Password,
) -> Response:
    return _change(
        request,
        learner.id,
        session,
        lambda user: service.change_password(session, user, password, new_password),
        "Your password is changed.",
    )


@router.post("/account/delete")
def delete_account(
    request: Request, learner: CurrentLearner, session: DbSession, password: Password
) -> Response:
    user = _user(session, learner.id)
    try:
        service.delete_account(session, user, password)
    except InvalidInput as error:
        return _account(request, learner.id, session, error=error.detail, status=422)
    return signed_out("/?deleted=1")


@router.post("/account/tokens")
def create_token(
    request: Request,
    learner: CurrentLearner,
    session: DbSession,
    name: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    try:
        secret = service.new_token(session, learner.id, name)
    except InvalidInput as error:
        return _account(request, learner.id, session, error=error.detail, status=422)
    return _account(
        request,
        learner.id,
        session,
        new_token=secret,
        notice="Copy the token now: it is not shown again.",
    )


@router.post("/account/tokens/{token_id}/revoke")
def revoke_token(
    learner: CurrentLearner, session: DbSession, token_id: Annotated[int, Path(ge=1, le=2**31 - 1)]
) -> Response:
    service.revoke_token(session, learner.id, token_id)
    return redirect("/account#tokens")


def _rotate(request: Request, session: DbSession, user: Any) -> str:
    """A new session id at every sign-in; the one the browser came with (if any) ends."""
    old = request.scope.get("state", {}).get("session_key")
    store = session_store(request)
    if old:
        store.end(session, old)
    return store.start(session, user)


def _user(session: DbSession, user_id: int) -> Any:
    user = repository.user_by_id(session, user_id)
    if user is None:
        raise NotFound("There is no such account.")
    return user


def _change(request: Request, user_id: int, session: DbSession, apply: Any, done: str) -> Response:
    try:
        apply(_user(session, user_id))
    except InvalidInput as error:
        return _account(request, user_id, session, error=error.detail, status=422)
    return _account(request, user_id, session, notice=done)


def _account(
    request: Request,
    user_id: int,
    session: DbSession,
    notice: str = "",
    error: str = "",
    new_token: str = "",
    status: int = 200,
) -> Response:
    context = {
        "user": _user(session, user_id),
        "tokens": service.tokens(session, user_id),
        "sessions": len(session_store(request).of(session, user_id)),
        "notice": notice,
        "error": error,
        "new_token": new_token,
    }
    return personal_page(request, "account/account.html", "Your account", context, status)


def _notice(welcome: str, reset: str) -> str:
    if welcome:
        return "Welcome! Your address is confirmed and you are signed in."
    return "Your new password is set; other devices were signed out." if reset else ""


def _check_email(request: Request, title: str, email: str) -> Response:
    settings = request.app.state.settings
    context = {"email": email, "outbox": not settings.smtp_url}
    return personal_page(request, "account/check_email.html", title, context)


def _message(request: Request, title: str, text: str, status: int) -> Response:
    return personal_page(request, "account/message.html", title, {"text": text}, status)

"""Admin pages under /admin: users, import runs with their rejected rows, takedowns.

Behind ``AdminLearner``: to anyone else these pages do not exist (404).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from courseatlas.accounts import repository, takedowns
from courseatlas.accounts.deps import AdminLearner
from courseatlas.accounts.web import personal_page, redirect
from courseatlas.errors import NotFound
from courseatlas.http.deps import DbSession
from courseatlas.ingest.models import ImportRun

router = APIRouter(prefix="/admin", include_in_schema=False)
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]
PER_PAGE = 100


@router.get("")
def admin_home(request: Request, admin: AdminLearner) -> Response:
    return personal_page(request, "admin/home.html", "Admin", {})


@router.get("/users")
def users(
    request: Request,
    admin: AdminLearner,
    session: DbSession,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    context = {
        "users": repository.users(session, (page - 1) * PER_PAGE, PER_PAGE),
        "total": repository.count_users(session),
        "page": page,
    }
    return personal_page(request, "admin/users.html", "Users", context)


@router.get("/imports")
def imports(request: Request, admin: AdminLearner, session: DbSession) -> Response:
    runs = session.scalars(select(ImportRun).order_by(ImportRun.id.desc()).limit(PER_PAGE)).all()
    return personal_page(request, "admin/imports.html", "Import runs", {"runs": runs})


@router.get("/imports/{run_id}")
def import_run(request: Request, admin: AdminLearner, session: DbSession, run_id: Id) -> Response:
    run = session.scalar(
        select(ImportRun).where(ImportRun.id == run_id).options(selectinload(ImportRun.rejections))
    )
    if run is None:
        raise NotFound(f"no import run has id {run_id}")
    return personal_page(request, "admin/import_run.html", f"Import run {run.id}", {"run": run})


@router.get("/takedowns")
def takedown_page(request: Request, admin: AdminLearner, session: DbSession) -> Response:
    context = {"hidden": takedowns.hidden(session)}
    return personal_page(request, "admin/takedowns.html", "Takedowns", context)


@router.post("/takedowns")
def take_down(
    admin: AdminLearner,
    session: DbSession,
    resource_id: Annotated[int, Form(ge=1, le=2**31 - 1)],
    reason: Annotated[str, Form(max_length=1000)],
) -> Response:
    takedowns.hide(session, resource_id, reason, admin.id)
    return redirect("/admin/takedowns")


@router.post("/takedowns/{resource_id}/restore")
def restore(admin: AdminLearner, session: DbSession, resource_id: Id) -> Response:
    takedowns.restore(session, resource_id, admin.id)
    return redirect("/admin/takedowns")

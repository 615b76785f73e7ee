"""The pages of lists: Save, the learner's lists and their items, public share pages,
a career's path as a list, export and import, and "more like what you saved".

Every form works without JavaScript (a POST and a redirect back); with htmx, Save answers
a fragment that replaces the button.
"""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, File, Form, Path, Request, UploadFile
from fastapi.responses import Response

from courseatlas.accounts.deps import CurrentLearner, OptionalLearner
from courseatlas.accounts.service import personal_data
from courseatlas.accounts.web import personal_page, redirect, session_store
from courseatlas.http.caching import NO_STORE
from courseatlas.http.deps import DbSession, Runtime
from courseatlas.http.hosts import origin
from courseatlas.lists import paths, service, transfer
from courseatlas.lists.schemas import (
    MAX_ID,
    ItemPatch,
    ListDetail,
    ListIn,
    ListPatch,
    Status,
    Visibility,
)
from courseatlas.site import seo
from courseatlas.site.pages.routing import PageRouter
from courseatlas.site.templating import render

router = PageRouter(include_in_schema=False)
forms = APIRouter(include_in_schema=False)

ListId = Annotated[int, Path(ge=1, le=MAX_ID)]
ResourceId = Annotated[int, Path(ge=1, le=MAX_ID)]
ShareId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{16,40}$")]
Title = Annotated[str, Form(min_length=1, max_length=200)]
REPORTED = 50  # unmatched lines listed on the page
Text = Annotated[str, Form(max_length=2000)]
FOR_YOU = 6


@forms.post("/lists/save")
def save(
    request: Request,
    learner: CurrentLearner,
    session: DbSession,
    resource_id: Annotated[int, Form(ge=1, le=MAX_ID)],
    list_id: Annotated[int | None, Form(ge=1, le=MAX_ID)] = None,
) -> Response:
    saved, new = service.save(session, learner.id, resource_id, list_id)
    if request.headers.get("hx-request"):
        context = {"saved_list": saved, "new": new}
        return personal_page(request, "lists/saved_fragment.html", "Saved", context)
    return redirect(f"/account/lists/{saved.id}?saved={resource_id}")


@router.page("/lists/save/{resource_id}")
def save_page(
    request: Request, learner: OptionalLearner, session: DbSession, resource_id: ResourceId
) -> Response:
    """Where Save leads before sign-in, and where a learner picks another list."""
    if learner is None:
        return redirect(f"/account/login?next=/lists/save/{resource_id}")
    context = {"resource_id": resource_id, "lists": service.lists_of(session, learner.id)}
    return personal_page(request, "lists/save.html", "Save to a list", context)


@router.page("/account/lists")
def my_lists(request: Request, learner: OptionalLearner, session: DbSession) -> Response:
    if learner is None:
        return redirect("/account/login?next=/account/lists")
    context = {"lists": service.summaries(session, learner.id, origin(request)), "error": ""}
    return personal_page(request, "lists/mine.html", "Your lists", context)


@forms.post("/account/lists")
def create_list(
    learner: CurrentLearner, session: DbSession, title: Title, description: Text = ""
) -> Response:
    saved = service.create_list(session, learner.id, ListIn(title=title, description=description))
    return redirect(f"/account/lists/{saved.id}")


@router.page("/account/lists/{list_id}")
def list_page(
    request: Request, learner: CurrentLearner, session: DbSession, list_id: ListId
) -> Response:
    return _list_page(request, session, learner.id, list_id, None)


def _list_page(
    request: Request,
    session: DbSession,
    user_id: int,
    list_id: int,
    report: transfer.ImportReport | None,
) -> Response:
    detail = service.detail(session, service.get_list(session, user_id, list_id), origin(request))
    context = {"list": detail, "report": report, "shown": REPORTED}
    return personal_page(request, "lists/list.html", detail.title, context)


@forms.post("/account/lists/{list_id}")
def update_list(
    learner: CurrentLearner,
    session: DbSession,
    list_id: ListId,
    title: Annotated[str | None, Form(min_length=1, max_length=200)] = None,
    description: Annotated[str | None, Form(max_length=2000)] = None,
    visibility: Annotated[Visibility | None, Form()] = None,
) -> Response:
    patch = ListPatch(title=title, description=description, visibility=visibility)
    service.update_list(session, learner.id, list_id, patch)
    return redirect(f"/account/lists/{list_id}")


@forms.post("/account/lists/{list_id}/delete")
def delete_list(learner: CurrentLearner, session: DbSession, list_id: ListId) -> Response:
    service.delete_list(session, learner.id, list_id)
    return redirect("/account/lists")


@forms.post("/account/lists/{list_id}/items/{resource_id}")
def update_item(
    learner: CurrentLearner,
    session: DbSession,
    list_id: ListId,
    resource_id: ResourceId,
    status: Annotated[Status | None, Form()] = None,
    note: Annotated[str | None, Form(max_length=2000)] = None,
) -> Response:
    service.update_item(
        session, learner.id, list_id, resource_id, ItemPatch(status=status, note=note)
    )
    return redirect(f"/account/lists/{list_id}#item-{resource_id}")


@forms.post("/account/lists/{list_id}/items/{resource_id}/move")
def move_item(
    learner: CurrentLearner,
    session: DbSession,
    list_id: ListId,
    resource_id: ResourceId,
    step: Annotated[int, Form(ge=-1, le=1)],
) -> Response:
    service.move_item(session, learner.id, list_id, resource_id, step)
    return redirect(f"/account/lists/{list_id}#item-{resource_id}")


@forms.post("/account/lists/{list_id}/items/{resource_id}/remove")
def remove_item(
    learner: CurrentLearner, session: DbSession, list_id: ListId, resource_id: ResourceId
) -> Response:
    service.remove_item(session, learner.id, list_id, resource_id)
    return redirect(f"/account/lists/{list_id}")


@router.page("/account/lists/{list_id}/export.csv")
def export_csv(
    request: Request, learner: CurrentLearner, session: DbSession, list_id: ListId
) -> Response:
    detail = service.detail(
        session, service.get_list(session, learner.id, list_id), origin(request)
    )
    return _download(transfer.to_csv(detail), "text/csv; charset=utf-8", f"list-{list_id}.csv")


@router.page("/account/lists/{list_id}/export.json")
def export_json(
    request: Request, learner: CurrentLearner, session: DbSession, list_id: ListId
) -> Response:
    detail = service.detail(
        session, service.get_list(session, learner.id, list_id), origin(request)
    )
    return _download(detail.model_dump_json(indent=2), "application/json", f"list-{list_id}.json")


@forms.post("/account/lists/{list_id}/import")
def import_csv(
    request: Request,
    learner: CurrentLearner,
    session: DbSession,
    list_id: ListId,
    file: Annotated[UploadFile, File()],
) -> Response:
    """Answers the list page itself, with the report of what matched and what did not."""
    saved = service.get_list(session, learner.id, list_id)
    report = transfer.import_csv(session, learner.id, saved, file.file.read(transfer.MAX_BYTES + 1))
    session.flush()
    return _list_page(request, session, learner.id, list_id, report)


@router.page("/account/data.json")
def export_everything(request: Request, learner: CurrentLearner, session: DbSession) -> Response:
    """Everything stored about the learner: the account (no password hash), tokens and
    sessions (no secrets), and every list. Lists sit above accounts, so it is put together here."""
    base = origin(request)
    lists = [
        service.detail(session, saved, base).model_dump(mode="json")
        for saved in service.lists_of(session, learner.id)
    ]
    account = personal_data(session, session_store(request), learner.id)
    body = {"account": account, "lists": lists}
    text = json.dumps(body, indent=2, ensure_ascii=False, default=str)
    return _download(text, "application/json", "courseatlas-data.json")


@forms.post("/careers/{slug}/save-path")
def save_path(
    learner: CurrentLearner,
    session: DbSession,
    runtime: Runtime,
    slug: Annotated[str, Path(max_length=200)],
) -> Response:
    saved = paths.save_path(session, runtime, learner.id, slug)
    return redirect(f"/account/lists/{saved.id}")


@router.page("/lists/for-you")
def for_you(
    request: Request, learner: OptionalLearner, session: DbSession, runtime: Runtime
) -> Response:
    if learner is None:
        return redirect("/account/login?next=/lists/for-you")
    results = paths.more_like_saved(session, runtime, learner.id, FOR_YOU)
    return personal_page(
        request, "lists/for_you.html", "More like what you saved", {"results": results}
    )


@router.page("/lists/{share_id}")
def public_list(request: Request, session: DbSession, share_id: ShareId) -> Response:
    saved = service.public_list(session, share_id)
    detail = service.detail(session, saved, origin(request))
    meta = seo.PageMeta(
        title=detail.title,
        description=detail.description or f"A list of {detail.item_count} courses and books.",
        path=f"/lists/{share_id}",
        indexable=False,  # shared by link, not listed: kept out of search engines and sitemaps
        structured=[_item_list(detail, origin(request))],
    )
    return render(
        request, "lists/public.html", {"meta": meta, "list": detail}, cache_control=NO_STORE
    )


def _item_list(detail: ListDetail, base: str) -> dict[str, object]:
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": detail.title,
        "description": detail.description,
        "url": detail.share_url,
        "numberOfItems": detail.item_count,
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": number,
                "url": f"{base}{item.resource.url}",
                "name": item.resource.title,
            }
            for number, item in enumerate(detail.items, start=1)
        ],
    }


def _download(body: str, media_type: str, filename: str) -> Response:
    headers = {
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": NO_STORE,
    }
    return Response(body, media_type=media_type, headers=headers)

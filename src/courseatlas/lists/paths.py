"""A career's learning path saved as a list, and "more like what you saved"."""

from __future__ import annotations

from sqlalchemy.orm import Session

from courseatlas.careers import service as careers
from courseatlas.errors import NotFound
from courseatlas.lists import repository, service
from courseatlas.lists.models import SavedList
from courseatlas.lists.schemas import ListIn
from courseatlas.matching import service as matching
from courseatlas.matching.schemas import MatchedResource
from courseatlas.search.runtime import SearchRuntime

SEEDS = 3  # the latest saved items that "more like what you saved" starts from


def save_path(session: Session, runtime: SearchRuntime, user_id: int, slug: str) -> SavedList:
    """The career's path as the learner's list, in the path's order; saving again adds the
    steps that are new since and keeps the learner's progress."""
    page = careers.get_career_page(session, runtime, slug)
    saved = repository.career_list(session, user_id, page.slug)
    if saved is None:
        intro = f"The learning path of the {page.title} career guide."
        saved = service.create_list(
            session, user_id, ListIn(title=f"Path: {page.title}", description=intro), page.slug
        )
    for step in page.learning_path.steps:
        service.save(session, user_id, step.resource.id, saved.id)
    return saved


def path_progress(session: Session, user_id: int, slug: str) -> service.Progress | None:
    saved = repository.career_list(session, user_id, slug)
    return service.progress(session, saved) if saved else None


def more_like_saved(
    session: Session, runtime: SearchRuntime, user_id: int, limit: int
) -> list[MatchedResource]:
    """Resources similar to the latest saved ones, best first, none already saved."""
    saved = repository.saved_resource_ids(session, user_id)
    best: dict[int, MatchedResource] = {}
    for seed in repository.recent_resource_ids(session, user_id, SEEDS):
        try:
            similar = matching.similar(session, runtime, seed, limit).results
        except NotFound:  # taken down since it was saved
            continue
        for found in similar:
            if found.id not in saved and (
                found.id not in best or found.score > best[found.id].score
            ):
                best[found.id] = found
    return sorted(best.values(), key=lambda r: -r.score)[:limit]

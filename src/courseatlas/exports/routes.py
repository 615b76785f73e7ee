"""``/exports/``: the list of catalog exports, and each file."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.responses import FileResponse
from pydantic import BaseModel

from courseatlas.errors import NotFound
from courseatlas.exports.service import NAME, export_folder, list_exports
from courseatlas.http.deps import AppSettings

router = APIRouter(prefix="/exports", tags=["exports"])


class ExportOut(BaseModel):
    name: str
    url: str
    bytes: int
    created_at: datetime


class ExportList(BaseModel):
    format: str = "JSON Lines, gzip; one resource per line as /api/v1/resources/{id} answers it"
    exports: list[ExportOut]


@router.get("/", response_model=ExportList)
async def exports(settings: AppSettings) -> ExportList:
    """Catalog exports, newest first (written by `courseatlas export`)."""
    found = list_exports(settings.data_dir)
    return ExportList(
        exports=[
            ExportOut(name=f.name, url=f"/exports/{f.name}", bytes=f.bytes, created_at=f.created_at)
            for f in found
        ]
    )


@router.get(
    "/{name}", response_class=FileResponse, responses={200: {"content": {"application/gzip": {}}}}
)
async def export_file(
    name: Annotated[str, Path(max_length=64, pattern=NAME.pattern)], settings: AppSettings
) -> FileResponse:
    """One export file."""
    path = export_folder(settings.data_dir) / name
    if not path.is_file():
        raise NotFound(f"no export is named {name}")
    return FileResponse(
        path,
        media_type="application/gzip",
        filename=name,
        headers={"Cache-Control": "public, max-age=86400"},
    )

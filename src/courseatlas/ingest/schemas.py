"""API shapes of import runs."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict


class RejectionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    file: str
    line: int
    field: str
    reason: str
    severity: str  # error: the row was rejected; warning: stored without this field


class ImportRunOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    status: str
    profile: str
    files: list[str]
    created: int
    updated: int
    unchanged: int
    rejected: int
    warnings: int
    error: str | None
    started_at: datetime
    finished_at: datetime | None
    rejections: list[RejectionOut]

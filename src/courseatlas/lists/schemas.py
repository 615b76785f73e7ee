"""Shapes of lists in the JSON API."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from courseatlas.catalog.schemas import ResourceSummary

Visibility = Literal["private", "public"]
Status = Literal["want", "taking", "done"]
MAX_ID = 2**31 - 1


class ListIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=2000)
    visibility: Visibility = "private"


class ListPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=2000)
    visibility: Visibility | None = None


class ItemIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    resource_id: int = Field(ge=1, le=MAX_ID)
    note: str = Field(default="", max_length=2000)
    status: Status = "want"
    done_on: date | None = Field(default=None, description="When it was done; today by default.")


class ItemPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: str | None = Field(default=None, max_length=2000)
    status: Status | None = None
    done_on: date | None = None
    position: int | None = Field(default=None, ge=1, le=100_000, description="1 is first.")


class ItemOut(BaseModel):
    resource: ResourceSummary
    position: int
    note: str
    status: Status
    done_on: date | None
    added_at: datetime


class ListOut(BaseModel):
    id: int
    title: str
    description: str
    visibility: Visibility
    share_url: str | None = Field(description="The public page of the list; only when public.")
    is_default: bool
    career_slug: str | None
    item_count: int
    created_at: datetime
    updated_at: datetime


class ListDetail(ListOut):
    items: list[ItemOut]


class ListsOut(BaseModel):
    results: list[ListOut]


class MeOut(BaseModel):
    id: int
    email: str
    display_name: str
    is_admin: bool
    lists: int

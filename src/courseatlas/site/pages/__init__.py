"""The web site learners use: server-rendered pages, one module per feature."""

from __future__ import annotations

from fastapi import APIRouter

from courseatlas.site.pages import (
    careers,
    compare,
    credits,
    home,
    kinds,
    match,
    outbound,
    pictures,
    providers,
    resources,
    search,
    sitemaps,
    topics,
)

router = APIRouter(include_in_schema=False)
for feature in (
    home,
    match,
    search,
    kinds,
    resources,
    compare,
    credits,
    topics,
    careers,
    providers,
    outbound,
    pictures,
    sitemaps,
):
    router.include_router(feature.router)

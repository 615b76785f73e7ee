"""The router of pages: each page answers GET, and HEAD for crawlers and link checkers."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter
from fastapi.types import DecoratedCallable

PAGE_METHODS = ["GET", "HEAD"]  # on HEAD the server sends a GET's headers and no body


class PageRouter(APIRouter):
    def page(self, path: str) -> Callable[[DecoratedCallable], DecoratedCallable]:
        return self.api_route(path, methods=PAGE_METHODS)

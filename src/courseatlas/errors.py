"""One error family: each error carries its HTTP status and renders once as problem+json."""

from __future__ import annotations

from typing import Any


class CourseatlasError(Exception):
    """Base of the errors that users may see; ``status`` is the HTTP status it maps to."""

    status = 500
    title = "Internal Server Error"

    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra


class NotFound(CourseatlasError):
    status = 404
    title = "Not Found"


class InvalidInput(CourseatlasError):
    status = 422
    title = "Unprocessable Content"

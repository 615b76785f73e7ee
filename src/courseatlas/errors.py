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

    def headers(self) -> dict[str, str]:
        """HTTP headers the answer carries besides the body."""
        return {}


class NotFound(CourseatlasError):
    status = 404
    title = "Not Found"


class BadRequest(CourseatlasError):
    status = 400
    title = "Bad Request"


class Unauthorized(CourseatlasError):
    status = 401
    title = "Unauthorized"


class Forbidden(CourseatlasError):
    status = 403
    title = "Forbidden"


class Conflict(CourseatlasError):
    status = 409
    title = "Conflict"


class InvalidInput(CourseatlasError):
    status = 422
    title = "Unprocessable Content"


class TooManyRequests(CourseatlasError):
    """Refused for now; ``retry_after`` (seconds) says when to come back."""

    status = 429
    title = "Too Many Requests"

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail, retry_after=retry_after)
        self.retry_after = retry_after

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}


class ContentTooLarge(CourseatlasError):
    status = 413
    title = "Content Too Large"


class UriTooLong(CourseatlasError):
    status = 414
    title = "URI Too Long"


class HeadersTooLarge(CourseatlasError):
    status = 431
    title = "Request Header Fields Too Large"


class ServiceUnavailable(CourseatlasError):
    """Not now; ``retry_after`` (seconds), when known, says when to come back."""

    status = 503
    title = "Service Unavailable"

    def __init__(self, detail: str, retry_after: int | None = None) -> None:
        super().__init__(detail, **({} if retry_after is None else {"retry_after": retry_after}))
        self.retry_after = retry_after

    def headers(self) -> dict[str, str]:
        return {} if self.retry_after is None else {"Retry-After": str(self.retry_after)}

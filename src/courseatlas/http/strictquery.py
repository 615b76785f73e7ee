"""The JSON API refuses query parameters it does not know: a misspelt filter (``levle=``) must
not silently answer the whole catalog.

Pages stay lenient: links shared with tracking parameters still open.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute

STRICT_PATHS = ("/api/",)

_accepted: dict[int, frozenset[str]] = {}  # by id(route): routes live as long as their app


async def known_query_parameters(request: Request) -> None:
    """422 naming each query parameter the matched API operation does not declare."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or not request.url.path.startswith(STRICT_PATHS):
        return
    unknown = sorted(set(request.query_params) - accepted(route))
    if unknown:
        raise RequestValidationError(
            [
                {
                    "loc": ("query", name),
                    "msg": f"unknown parameter; this operation takes {_listed(route)}",
                    "type": "extra_forbidden",
                }
                for name in unknown
            ]
        )


def accepted(route: APIRoute) -> frozenset[str]:
    """The query parameters ``route`` declares, its dependencies' included, and those it
    documents in ``openapi_extra`` (read by a dependency itself)."""
    names = _accepted.get(id(route))
    if names is None:
        documented = (route.openapi_extra or {}).get("parameters", [])
        names = frozenset(_query_names(route.dependant)) | {
            parameter["name"] for parameter in documented if parameter["in"] == "query"
        }
        _accepted[id(route)] = names
    return names


def _query_names(dependant: Dependant) -> set[str]:
    names = {param.alias for param in dependant.query_params}
    for dependency in dependant.dependencies:
        names |= _query_names(dependency)
    return names


def _listed(route: APIRoute) -> str:
    names = sorted(accepted(route))
    return ", ".join(names) if names else "no query parameters"

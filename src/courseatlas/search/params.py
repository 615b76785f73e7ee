"""A search from query parameters, read the same way by the API and the site's pages."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from courseatlas.catalog.bands import Duration, Pace, Starts
from courseatlas.catalog.schemas import Kind, Level, PriceFilter
from courseatlas.search.base import SearchFilters, SearchRequest, Sort
from courseatlas.search.query import MAX_QUERY_LENGTH, parse_query

MAX_PAGE = 100_000
Slug = Annotated[str | None, Field(max_length=300, pattern=r"^[a-z0-9-]+$")]


class SearchQueryParameters(BaseModel):
    """The query parameters of a search, as the pages read them."""

    # Pages are lenient about parameters they do not know; the API refuses them
    # (http/strictquery.py reads these names from the operation's documented parameters).
    model_config = ConfigDict(extra="ignore")

    # The search page searches a query too long for the API by its first characters.
    q: Annotated[str, AfterValidator(lambda text: text[:MAX_QUERY_LENGTH])] = ""
    kind: Kind | None = None
    topic: Slug = None
    provider: Slug = None
    level: Level | None = None
    language: Annotated[str | None, Field(pattern=r"^[a-z]{2,3}$")] = None
    price: PriceFilter | None = None
    min_rating: Annotated[
        float | None, Field(ge=0, le=5, description="At least this rating, 0 to 5 (4: 4 and up)")
    ] = None
    skill: Slug = None
    certificate: Annotated[
        bool | None, Field(description="true: with a certificate; false: without")
    ] = None
    duration: Annotated[Duration | None, Field(description="Hours of study, in bands")] = None
    max_price: Annotated[
        float | None,
        Field(
            ge=0,
            le=1_000_000,
            description="At most this price in the display currency; "
            "free resources included, those without a known price left out.",
        ),
    ] = None
    pace: Annotated[
        Pace | None, Field(description="self-paced: start any time; scheduled: on set dates")
    ] = None
    starts: Annotated[
        Starts | None,
        Field(
            description="Courses with a start date (UTC) this month or next from today on, "
            "or any from today on; those without one are left out."
        ),
    ] = None
    sort: Sort = "relevance"
    page: Annotated[int, Field(ge=1, le=MAX_PAGE)] = 1
    per_page: Annotated[int, Field(ge=1, le=100)] = 20
    spellcheck: Annotated[bool, Field(description="false: search the words as typed")] = True
    dead_links: Annotated[
        bool, Field(description="true: include resources whose links were found dead")
    ] = False

    def search_request(self) -> SearchRequest:
        filters = SearchFilters(
            self.kind,
            self.topic,
            self.provider,
            self.level,
            self.language,
            self.price,
            self.min_rating,
            self.dead_links,
            skill=self.skill,
            certificate=self.certificate,
            duration=self.duration,
            max_price=self.max_price,
            pace=self.pace,
            starts=self.starts,
        )
        return SearchRequest(
            query=parse_query(self.q),
            filters=filters,
            sort=self.sort,
            offset=(self.page - 1) * self.per_page,
            limit=self.per_page,
            correct_spelling=self.spellcheck,
        )


class ApiSearchParameters(SearchQueryParameters):
    """The query parameters of a search, as the API reads them: a query too long is refused."""

    q: Annotated[str, Field(max_length=MAX_QUERY_LENGTH)] = ""


Model = TypeVar("Model", bound=BaseModel)


def query_model(model: type[Model], request: Request) -> Model:
    """The request's query parameters (the last of each name) as ``model``; refused as
    FastAPI refuses a parameter."""
    try:
        return model.model_validate(dict(request.query_params))
    except ValidationError as error:
        errors = [{**e, "loc": ("query", *e["loc"])} for e in error.errors()]
        raise RequestValidationError(errors) from None


def query_parameters(model: type[BaseModel]) -> list[dict[str, Any]]:
    """``model``'s fields as the OpenAPI query parameters FastAPI would document."""
    schema = model.model_json_schema()
    parameters = []
    for name, field in schema["properties"].items():
        described = {"description": field["description"]} if "description" in field else {}
        parameters.append(
            {"name": name, "in": "query", "required": False, "schema": field, **described}
        )
    return parameters


# The API operation's parameters, which a dependency reads itself (below).
SEARCH_OPENAPI = {"parameters": query_parameters(ApiSearchParameters)}


# Each search reads its query parameters as one model, not through FastAPI one parameter at
# a time: measured, that took a third of the event loop's CPU for a remembered search.
async def search_request(request: Request) -> SearchRequest:
    return query_model(ApiSearchParameters, request).search_request()


async def page_search_request(request: Request) -> SearchRequest:
    return query_model(SearchQueryParameters, request).search_request()


SearchParams = Annotated[SearchRequest, Depends(search_request)]
PageSearchParams = Annotated[SearchRequest, Depends(page_search_request)]

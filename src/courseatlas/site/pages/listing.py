"""Lists of resources on a page: the links that refine, sort and page them, without JavaScript.

Every control is a plain link to the same page with one parameter changed, so a list works
as well with a keyboard and no script as it does with htmx swapping it in place.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from courseatlas.catalog import money
from courseatlas.catalog.money import Rates
from courseatlas.catalog.quality import PRIOR_MEAN, PRIOR_VOTES
from courseatlas.catalog.vocabularies import LABELS
from courseatlas.search import service
from courseatlas.search.base import FACETS, SearchRequest, Sort
from courseatlas.search.params import MAX_PAGE
from courseatlas.search.runtime import SearchRuntime
from courseatlas.search.schemas import FacetValue, SearchPage
from courseatlas.site import formatting

FACET_TITLES = {
    "kind": "Type",
    "topic": "Topic",
    "provider": "Provider",
    "level": "Level",
    "language": "Language",
    "price": "Price",
    "certificate": "Certificate",
    "duration": "Duration",
    "min_rating": "Rating",
    "pace": "Pace",
    "starts": "Start date",
    "skill": "Skill",
}
SORT_LABELS = {
    "relevance": "Best match",
    "rating": "Highest rated",
    "popular": "Most popular",
    "newest": "Newest",
    "price": "Lowest price",
}
SORT_NOTES = {
    "rating": "Highest rated weighs each average by how many gave it: as if every course and "
    f"book began with {PRIOR_VOTES} ratings of {PRIOR_MEAN}, so 5.0 from 3 ratings does not "
    "outrank 4.7 from 3,000. Each card shows the weighted figure it is ordered by.",
    "popular": "Most popular orders by learners enrolled (readers, for books), shown on each card.",
}
# Price bands on offer, as US dollars; in another display currency the nearest round amounts.
PRICE_BANDS_USD = (Decimal(20), Decimal(50), Decimal(100))
BEST_FIRST: Sort = "rating"  # how browse pages order their lists unless asked otherwise
FACET_VALUES_SHOWN = 8  # the rest wait behind a "more" disclosure
PAGE_WINDOW = 2  # page links either side of the current one


@dataclass(frozen=True)
class Link:
    label: str
    href: str
    count: int | None = None
    current: bool = False
    id: str | None = None


@dataclass(frozen=True)
class Facet:
    name: str
    title: str
    links: list[Link]

    @property
    def shown(self) -> list[Link]:
        return self.links[:FACET_VALUES_SHOWN]

    @property
    def more(self) -> list[Link]:
        return self.links[FACET_VALUES_SHOWN:]


@dataclass(frozen=True)
class Pager:
    page: int
    pages: int
    previous: str | None
    next: str | None
    links: list[Link | None]  # None marks a gap


class ListState:
    """The parameters a list page was asked with, to link to the same list changed a little."""

    def __init__(self, path: str, params: dict[str, str], defaults: dict[str, str]) -> None:
        self.path = path
        self.params = {k: v for k, v in params.items() if v and defaults.get(k) != v}
        self.defaults = defaults

    @classmethod
    def of(
        cls, path: str, q: str, request: SearchRequest, default_sort: str, fixed: str = ""
    ) -> ListState:
        """The state of a list; ``fixed`` names the filter that the path itself sets."""
        selected = {k: v for k, v in request.filters.selected().items() if k != fixed}
        params = {"q": q.strip(), **selected, "sort": request.sort}
        if request.filters.max_price is not None:
            params["max_price"] = f"{request.filters.max_price:g}"
        params["per_page"] = str(request.limit)
        params["page"] = str(request.offset // request.limit + 1)
        params["spellcheck"] = "true" if request.correct_spelling else "false"
        if request.filters.include_dead_links:
            params["dead_links"] = "true"
        defaults = {"sort": default_sort, "per_page": "20", "page": "1", "spellcheck": "true"}
        return cls(path, params, defaults)

    def href(self, **changes: str | None) -> str:
        """This list with some parameters changed (None removes one); back to page 1 unless set."""
        params = {k: v for k, v in self.params.items() if k != "page"}
        for name, value in changes.items():
            if value is None or value == self.defaults.get(name):
                params.pop(name, None)
            else:
                params[name] = value
        return f"{self.path}?{urlencode(params)}" if params else self.path

    @property
    def canonical(self) -> str:
        return self.href(page=self.params.get("page"))


def browse_request(request: Request, asked: SearchRequest) -> SearchRequest:
    """A list browsed without words shows the best rated first unless another order is asked."""
    if "sort" in request.query_params or not asked.query.is_empty:
        return asked
    return replace(asked, sort=BEST_FIRST)


def fixed_list(
    request: Request,
    session: Session,
    runtime: SearchRuntime,
    asked: SearchRequest,
    path: str,
    fixed: tuple[str, str],
) -> ListView | RedirectResponse:
    """The list of a browse page whose path sets one filter (``/courses``, a provider's page),
    or the way to its last page when asked for a page after it."""
    name, value = fixed
    asked = browse_request(request, asked)
    changed: dict[str, Any] = {name: value}
    asked = replace(asked, filters=replace(asked.filters, **changed))
    page = service.search(session, runtime, asked)
    state = ListState.of(path, request.query_params.get("q", ""), asked, BEST_FIRST, fixed=name)
    beyond = past_the_end(state, page.total, page.page, page.per_page, MAX_PAGE)
    if beyond is not None:
        return beyond
    return list_view(
        state, asked, page, max_page=MAX_PAGE, rates=money.rates(session), hidden=(name,)
    )


def facets(state: ListState, page: SearchPage, hidden: tuple[str, ...] = ()) -> list[Facet]:
    """Each facet's values as links that select them (or clear them when selected)."""
    found = []
    for name in FACETS:
        values = page.facets.get(name, [])
        if name in hidden or not values:
            continue
        links = [_facet_link(state, name, value) for value in values]
        found.append(Facet(name, FACET_TITLES[name], links))
    return found


def _facet_link(state: ListState, name: str, value: FacetValue) -> Link:
    href = state.href(**{name: None if value.selected else value.value})
    return Link(value.label, href, value.count, value.selected, f"facet-{name}-{value.value}")


def selected_filters(
    state: ListState,
    request: SearchRequest,
    page: SearchPage,
    rates: Rates,
    hidden: tuple[str, ...] = (),
) -> list[Link]:
    """The filters in force, each as a link that removes it, even those that matched nothing."""
    links = []
    for name, value in request.filters.selected().items():
        if name in hidden:
            continue
        labels = {v.value: v.label for v in page.facets.get(name, [])}
        label = labels.get(value) or LABELS.get(name, {}).get(value, value)
        links.append(Link(f"{FACET_TITLES[name]}: {label}", state.href(**{name: None})))
    if request.filters.max_price is not None:
        under = _up_to(Decimal(f"{request.filters.max_price:g}"), rates.display)
        links.append(Link(f"Budget: {under.lower()}", state.href(max_price=None)))
    return links


def price_bands(rates: Rates) -> list[Decimal]:
    """Round amounts in the display currency near the bands in dollars."""
    bands = [rates.to_display(band, "USD") for band in PRICE_BANDS_USD]
    return [_round_amount(band) for band in bands if band is not None]


def _round_amount(amount: Decimal) -> Decimal:
    """1, 2 or 5 times a power of ten, the nearest below or at ``amount``."""
    power = Decimal(10) ** (len(str(int(amount))) - 1) if amount >= 1 else Decimal(1)
    return max(step * power for step in (1, 2, 5) if step * power <= max(amount, power))


def price_facet(state: ListState, request: SearchRequest, rates: Rates) -> Facet:
    """Links that keep resources at most a price in the display currency."""
    current = request.filters.max_price
    links = [
        Link(
            _up_to(band, rates.display),
            state.href(max_price=None if current == float(band) else f"{band}"),
            current=current == float(band),
            id=f"facet-max_price-{band}",
        )
        for band in price_bands(rates)
    ]
    return Facet("max_price", "Budget", links)


def _up_to(amount: Decimal, currency: str) -> str:
    return "Up to " + formatting.money(amount, currency)


def sorts(state: ListState, current: str, with_relevance: bool) -> list[Link]:
    """The orders on offer; without words to match, "best match" means most popular."""
    names = [n for n in SORT_LABELS if with_relevance or n != "relevance"]
    if current not in names:
        current = "popular"
    return [Link(SORT_LABELS[n], state.href(sort=n), current=n == current) for n in names]


def pager(state: ListState, total: int, page: int, per_page: int, max_page: int) -> Pager | None:
    """Links to the pages of a list of ``total`` items, around the current ``page``."""
    pages = min(math.ceil(total / per_page), max_page)
    if pages <= 1:
        return None
    current = min(page, pages)
    numbers = sorted(
        {1, pages}
        | set(range(max(1, current - PAGE_WINDOW), min(pages, current + PAGE_WINDOW) + 1))
    )
    links: list[Link | None] = []
    for number in numbers:
        if links and number - _number(links[-1]) > 1:
            links.append(None)
        links.append(Link(str(number), _page_href(state, number), current=number == current))
    return Pager(
        page=current,
        pages=pages,
        previous=_page_href(state, current - 1) if current > 1 else None,
        next=_page_href(state, current + 1) if current < pages else None,
        links=links,
    )


def past_the_end(
    state: ListState, total: int, page: int, per_page: int, max_page: int
) -> RedirectResponse | None:
    """A page after the last one (an old link, a shrunken list) goes to the last page, so the
    summary and the pager never describe a page that does not exist."""
    last = min(math.ceil(total / per_page), max_page)
    if total == 0 or page <= last:
        return None
    return RedirectResponse(_page_href(state, last), status_code=303)


def _number(link: Link | None) -> int:
    assert link is not None
    return int(link.label)


def _page_href(state: ListState, number: int) -> str:
    return state.href(page=str(number))


@dataclass(frozen=True)
class ListView:
    """Everything a page shows of one list of resources."""

    page: SearchPage
    summary: str
    sort: str  # the order the results are in
    sort_note: str | None  # what that order means, when the page would not say
    sorts: list[Link]
    selected: list[Link]
    facets: list[Facet]
    pager: Pager | None
    first_page: str
    canonical: str  # the path of the list as asked, without defaults


def list_view(
    state: ListState,
    request: SearchRequest,
    page: SearchPage,
    *,
    max_page: int,
    rates: Rates,
    hidden: tuple[str, ...] = (),
) -> ListView:
    with_relevance = not request.query.is_empty
    sort = request.sort if with_relevance or request.sort != "relevance" else "popular"
    found = facets(state, page, hidden)
    if page.total or request.filters.max_price is not None:
        found.append(price_facet(state, request, rates))
    return ListView(
        page=page,
        summary=summary(page),
        sort=sort,
        sort_note=SORT_NOTES.get(sort),
        sorts=sorts(state, request.sort, with_relevance),
        selected=selected_filters(state, request, page, rates, hidden),
        facets=found,
        pager=pager(state, page.total, page.page, page.per_page, max_page),
        first_page=state.href(),
        canonical=state.canonical,
    )


def summary(page: SearchPage) -> str:
    if page.total == 0:
        return "No results"
    first = (page.page - 1) * page.per_page + 1
    last = min(page.total, first + len(page.results) - 1)
    if first == 1 and last == page.total:
        return f"{page.total:,} {'result' if page.total == 1 else 'results'}"
    return f"{first:,} to {last:,} of {page.total:,} results"

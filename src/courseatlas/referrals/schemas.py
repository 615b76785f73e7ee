"""Shapes of referrals at the edges: page kinds, partners' conversion reports, answers."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# Where a click came from: the page kinds that link to ``/go/``, "direct" when none is given.
PageKind = Literal[
    "resource", "search", "topic", "career", "provider", "list", "similar", "compare", "direct"
]
PAGE_KINDS: tuple[str, ...] = get_args(PageKind)


class ConversionIn(BaseModel):
    """A partner's report of a sale made through one of our clicks."""

    model_config = ConfigDict(extra="ignore")

    order_id: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    click_id: Annotated[str, StringConstraints(max_length=64)]
    amount: Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=4)]
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
    status: Literal["approved", "reversed"]


class ConversionOut(BaseModel):
    order_id: str
    status: Literal["approved", "reversed"]
    # False for the same report again (idempotent) or an approval after a reversal.
    changed: bool
    # Whether the click_id is one of our recorded clicks through this partner, as of now.
    attributed: bool

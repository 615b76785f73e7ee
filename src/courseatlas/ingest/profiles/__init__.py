"""Profiles: how each known feed shape maps onto the canonical fields.

A profile reads a file and yields raw rows whose keys are canonical field names, or errors
for lines it cannot read. Validation happens afterwards, the same for every profile.
"""

from __future__ import annotations

from courseatlas.ingest.profiles import (
    books7k,
    canonical,
    coursera,
    coursera_domains,
    datascience_multi,
    edx,
    goodbooks,
    mit_ocw,
    progbooks,
    udacity,
    udemy,
)
from courseatlas.ingest.profiles.base import Profile

PROFILES: dict[str, Profile] = {
    module.PROFILE.name: module.PROFILE
    for module in (
        canonical,
        coursera,
        coursera_domains,
        edx,
        udemy,
        udacity,
        mit_ocw,
        datascience_multi,
        goodbooks,
        books7k,
        progbooks,
    )
}


def get_profile(name: str) -> Profile:
    try:
        return PROFILES[name]
    except KeyError:
        known = ", ".join(sorted(PROFILES))
        raise ValueError(f"unknown profile {name!r} (known: {known})") from None

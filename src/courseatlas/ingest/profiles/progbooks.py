"""Top computer-science and programming books (prog_book.csv), from Goodreads data.

The file is cp1252, not UTF-8. It has no authors, ISBN or link, so a book is identified by
the slug of its title. Descriptions were cut off with Goodreads' "...more", which becomes an
ellipsis. ``Reviews`` counts written reviews, not ratings (books rated 4.6 have 0), so it
is a popularity figure, not the rating's count. The price column's currency is not
stated (and its fractional amounts look converted), so prices are left out.
"""

from __future__ import annotations

import re

from courseatlas.ingest.profiles.tabular import Layout, Row, csv_profile
from courseatlas.ingest.profiles.values import count, positive, rating, title_id, value

SOURCE = "progbooks"
TOPIC = "Computer Science"
_MORE = re.compile(r"\s*\.\.\.\s*more\s*$")


def description(raw: str) -> str | None:
    text = value(raw)
    if text is None or _MORE.search(text) is None:
        return text
    return _MORE.sub("", text).rstrip() + "…"


def map_book(row: Row) -> Row:
    title = row["Book_title"].strip()
    return {
        "kind": "book",
        "source": SOURCE,
        "external_id": title_id(title) if title else None,
        "title": title,
        "description": description(row["Description"]),
        "pages": positive(row["Number_Of_Pages"]),
        "topics": [TOPIC],
        "popularity": count(row["Reviews"]),
        **rating(row["Rating"]),
    }


PROFILE = csv_profile(
    "progbooks",
    __doc__ or "",
    Layout.of("Rating, Reviews, Book_title, Description, Number_Of_Pages", map_book),
    encoding="cp1252",
)

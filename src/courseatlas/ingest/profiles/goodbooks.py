"""goodbooks-10k (books.csv): 10,000 popular Goodreads books; topics from readers' shelves.

The ``isbn13`` column is a float that lost its last digits, so the ISBN comes from the
ISBN-10 column, whose leading zeros were lost too (padded back here). About 20 of those lost
an "X" check digit; when the float confirms the other nine digits the check digit is
recomputed, else the book keeps no ISBN and is identified by its Goodreads id, like the 700
books without one. Links go to Goodreads, so Goodreads is the provider.

Topics: ``book_tags.csv`` (a million rows) and ``tags.csv`` beside books.csv are read once,
keeping only curated shelves (topics.SHELVES); each book gets its strongest few.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import IO

import structlog

from courseatlas.ingest.normalise import isbn10_check_digit
from courseatlas.ingest.profiles.base import Profile
from courseatlas.ingest.profiles.tabular import Layout, Row, map_rows
from courseatlas.ingest.profiles.topics import SHELVES, most_specific, subject_key
from courseatlas.ingest.profiles.values import count, rating, split, value
from courseatlas.ingest.readers import ReadResult, read_csv

log = structlog.get_logger(__name__)

SOURCE = "goodbooks"
PROVIDER = "Goodreads"
BOOK_URL = "https://www.goodreads.com/book/show/{}"
# Goodreads' "no cover" image is a placeholder, not a cover.
NO_COVER = "/nophoto/"
# ISO 639-2 "mul" (several languages) names no language a learner could filter by.
NO_LANGUAGE = frozenset({"mul", "und"})
TOPICS_PER_BOOK = 3
# A shelf counts when at least this share of the book's strongest shelf's readers chose it.
SHELF_SHARE = 0.2

BookTopics = Mapping[str, tuple[str, ...]]


def isbn(isbn10: str, isbn13_float: str) -> str | None:
    """The book's ISBN-10, zero-padded, or None when it cannot be trusted."""
    digits = value(isbn10)
    if digits is None:
        return None
    digits = digits.zfill(10)
    if not digits[:9].isdigit() or isbn10_check_digit(digits[:9]) == digits[9].upper():
        return digits  # Valid, or no ISBN-10 at all: the record's validation says which.
    if _float_confirms(digits[:9], isbn13_float):
        return digits[:9] + isbn10_check_digit(digits[:9])
    return None


def _float_confirms(stem: str, isbn13_float: str) -> bool:
    """Whether the float ISBN-13 (12 significant digits, the last maybe rounded up) has stem."""
    try:
        digits = str(int(Decimal(isbn13_float)))
    except (InvalidOperation, ValueError):
        return False
    if len(digits) != 13:
        return False
    return int(digits[:12]) - int("978" + stem) in (0, 1)


def language(code: str) -> str | None:
    text = value(code)
    return None if text is None or text.casefold() in NO_LANGUAGE else text


def map_book(row: Row, topics: BookTopics) -> Row:
    book_id = value(row["goodreads_book_id"])
    image = value(row["image_url"])
    return {
        "kind": "book",
        "source": SOURCE,
        "external_id": book_id,
        "title": row["title"],
        "isbn": isbn(row["isbn"], row["isbn13"]),
        "authors": split(row["authors"], ","),
        "url": BOOK_URL.format(book_id) if book_id else None,
        "provider": PROVIDER,
        "language": language(row["language_code"]),
        "year": row["original_publication_year"],
        "popularity": count(row["work_ratings_count"]),
        "image_url": None if image is None or NO_COVER in image else image,
        "topics": list(topics.get(book_id or "", ())),
        **rating(row["average_rating"], row["work_ratings_count"]),
    }


COLUMNS = (
    "goodreads_book_id, isbn, isbn13, authors, original_publication_year, title, "
    "language_code, average_rating, work_ratings_count, image_url"
)


def read(path: Path, stream: IO[bytes]) -> Iterator[ReadResult]:
    topics = book_topics(path.parent)
    layout = Layout.of(COLUMNS, lambda row: map_book(row, topics))
    return map_rows(read_csv(stream), (layout,))


@dataclass(frozen=True)
class FileStamp:
    """A file as it is now: a changed file gets a new stamp, so a cached index is not reused."""

    path: Path
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> FileStamp:
        stat = path.stat()
        return cls(path.resolve(), stat.st_size, stat.st_mtime_ns)


def book_topics(folder: Path) -> BookTopics:
    """Goodreads book id -> topics, from the shelf files beside books.csv (empty without)."""
    try:
        stamps = FileStamp.of(folder / "tags.csv"), FileStamp.of(folder / "book_tags.csv")
        return _book_topics(*stamps)
    except (OSError, csv.Error) as error:  # The books still import, without topics.
        log.warning("goodbooks_without_topics", folder=str(folder), error=str(error))
        return {}


@lru_cache(maxsize=2)
def _book_topics(tags: FileStamp, book_tags: FileStamp) -> BookTopics:
    """One pass over book_tags.csv keeping curated shelves; cached, as it takes a second."""
    topic_of_tag = _curated_tags(tags.path)
    readers: dict[str, Counter[str]] = {}
    with _csv_rows(book_tags.path) as rows:
        for row in rows:  # goodreads_book_id, tag_id, count
            topic = topic_of_tag.get(row[1]) if len(row) > 2 else None
            if topic is not None and row[2].isdigit():
                readers.setdefault(row[0], Counter())[topic] += int(row[2])
    return {book_id: strongest(counts) for book_id, counts in readers.items()}


def _curated_tags(path: Path) -> dict[str, str]:
    """Tag id -> topic path, for the tags whose name is a curated shelf."""
    with _csv_rows(path) as rows:  # tag_id, tag_name
        named = ((row[0], SHELVES.get(subject_key(row[1]))) for row in rows if len(row) > 1)
        return {tag_id: topic for tag_id, topic in named if topic is not None}


@contextmanager
def _csv_rows(path: Path) -> Iterator[Iterator[list[str]]]:
    """The rows after the header, as plain lists: the fastest way csv reads a million."""
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        rows = csv.reader(handle)
        next(rows, None)
        yield rows


def strongest(readers: Counter[str]) -> tuple[str, ...]:
    """The topics most readers shelved the book under, deepest paths kept."""
    ranked = readers.most_common()
    floor = ranked[0][1] * SHELF_SHARE
    chosen = [topic for topic, n in ranked[:TOPICS_PER_BOOK] if n >= floor]
    return tuple(most_specific(chosen))


PROFILE = Profile("goodbooks", __doc__ or "", read)

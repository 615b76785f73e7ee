"""7k books with metadata (books_cleaned.csv): Google Books records with descriptions.

ISBNs are digit strings, read as text so that leading zeros stay. Authors are joined by
";". The Google Books category names the topic. The thumbnail's volume id gives the book's
Google Books page, which makes Google Books the provider. A page count of 0 means unknown.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from courseatlas.ingest.profiles.tabular import Layout, Row, csv_profile
from courseatlas.ingest.profiles.topics import one_topic
from courseatlas.ingest.profiles.values import positive, rating, split, value

SOURCE = "books7k"
PROVIDER = "Google Books"
BOOK_URL = "https://books.google.com/books?id={}"


def volume_id(thumbnail: str | None) -> str | None:
    """Google Books' id of the volume, from its cover image URL (``...?id=KQZCPgAACAAJ&...``)."""
    if not thumbnail:
        return None
    ids = parse_qs(urlsplit(thumbnail).query).get("id")
    return ids[0] if ids else None


def secure(url: str | None) -> str | None:
    """Google serves its covers over https too; http ones would be blocked on https pages."""
    return "https://" + url.removeprefix("http://") if url and url.startswith("http://") else url


def full_title(title: str, with_subtitle: str) -> str:
    """The title with its subtitle, which the file glues on with a bare colon ("Web:A Novel")."""
    title, full = title.strip(), with_subtitle.strip()
    if title and full.startswith(title + ":"):
        return f"{title}: {full.removeprefix(title + ':').lstrip()}"
    return full or title


def map_book(row: Row) -> Row:
    thumbnail = value(row["thumbnail"])
    volume = volume_id(thumbnail)
    return {
        "kind": "book",
        "source": SOURCE,
        "external_id": value(row["isbn13"]),
        "title": full_title(row["title"], row["title_and_subtitle"]),
        "isbn": row["isbn13"],
        "authors": split(row["authors"], ";"),
        "url": BOOK_URL.format(volume) if volume else None,
        "provider": PROVIDER if volume else None,
        "image_url": secure(thumbnail),
        "description": row["description"],
        "year": row["published_year"],
        "pages": positive(row["num_pages"]),
        "topics": one_topic(row["categories"]),
        **rating(row["average_rating"], row["ratings_count"]),
    }


PROFILE = csv_profile(
    "books7k",
    __doc__ or "",
    Layout.of(
        "isbn13, title, authors, categories, thumbnail, description, published_year, "
        "average_rating, num_pages, ratings_count, title_and_subtitle",
        map_book,
    ),
)

"""Udemy courses, from either of two files, told apart by their header.

udemy_courses.csv (Kaggle "Udemy Courses") has URLs, levels, subjects and USD prices;
udemy_01.csv has titles, ratings and INR list prices. Both carry Udemy's numeric course id,
used as the external id under one source, so a course listed in both files (about 850 are)
becomes one resource with the fields of both.
"""

from __future__ import annotations

from courseatlas.ingest.profiles.tabular import Layout, Row, csv_profile
from courseatlas.ingest.profiles.topics import one_topic
from courseatlas.ingest.profiles.values import flag, price, rating, value

SOURCE = "udemy"
PROVIDER = "Udemy"


def _course(course_id: str, title: str) -> Row:
    return {
        "kind": "course",
        "source": SOURCE,
        "external_id": course_id,
        "title": title,
        "provider": PROVIDER,
    }


def map_catalog_row(row: Row) -> Row:
    """A row of udemy_courses.csv; prices there are in USD (0 when free)."""
    return {
        **_course(row["course_id"], row["course_title"]),
        "url": row["url"],
        "level": row["level"],
        "popularity": row["num_subscribers"],
        "rating_count": row["num_reviews"],
        "duration_hours": row["content_duration"],
        "published_at": row["published_timestamp"],
        "topics": one_topic(row["subject"]),
        **price(flag(row["is_paid"], "is_paid"), row["price"], "USD"),
    }


def map_listing_row(row: Row) -> Row:
    """A row of udemy_01.csv: the list price (before discount) in its stated currency."""
    return {
        **_course(row["id"], row["title"]),
        "popularity": row["num_subscribers"],
        **rating(row["avg_rating"], row["num_reviews"]),
        **price(
            flag(row["is_paid"], "is_paid"),
            row["price_detail__amount"],
            value(row["price_detail__currency"]),
        ),
    }


PROFILE = csv_profile(
    "udemy",
    __doc__ or "",
    Layout.of(
        "course_id, course_title, url, is_paid, price, num_subscribers, num_reviews, level, "
        "content_duration, published_timestamp, subject",
        map_catalog_row,
    ),
    Layout.of(
        "id, title, is_paid, num_subscribers, avg_rating, num_reviews, "
        "price_detail__amount, price_detail__currency",
        map_listing_row,
    ),
)

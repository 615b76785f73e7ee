"""Coursera courses with their domain and sub-domain (coursera_courses_domains.csv).

The sub-domain names the topic, else the domain does. Prices are taken as INR: the file does
not say, but its amounts (2,770 to 8,246 for paid courses) are Coursera's USD prices at
Indian rupee rates, and no USD course costs thousands. The ``duration`` column (1 to 6) has
no stated unit, so it is left out. Courses share Coursera's id (the URL path) with the
``coursera`` profile, so a course in both files is one resource.
"""

from __future__ import annotations

from courseatlas.ingest.profiles.coursera import PROVIDER, SOURCE, course_id
from courseatlas.ingest.profiles.tabular import Layout, Row, csv_profile
from courseatlas.ingest.profiles.topics import one_topic
from courseatlas.ingest.profiles.values import flag, price, value

CURRENCY = "INR"
PAID_FREE = {"paid": True, "free": False}


def map_course(row: Row) -> Row:
    url = value(row["url"])
    return {
        "kind": "course",
        "source": SOURCE,
        "external_id": course_id(url),
        "title": row["course_title"],
        "url": url,
        "provider": PROVIDER,
        "level": row["level"],
        "topics": one_topic(row["sub_domain"], row["domain"]),
        **price(flag(row["paid_free"], "paid_free", PAID_FREE), row["price"], CURRENCY),
    }


PROFILE = csv_profile(
    "coursera-domains",
    __doc__ or "",
    Layout.of("course_title, domain, sub_domain, level, paid_free, price, url", map_course),
)

"""What search engines read of a page: title, description, canonical URL and schema.org data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from courseatlas.careers.schemas import CareerPage
from courseatlas.catalog.schemas import ResourceOut
from courseatlas.site.formatting import shorten

SITE_NAME = "courseatlas"
SCHEMA_ORG = "https://schema.org"
Data = dict[str, Any]


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    path: str  # the canonical path, with its query string if it has one
    og_type: str = "website"
    indexable: bool = True
    structured: list[Data] = field(default_factory=list)

    @property
    def full_title(self) -> str:
        return f"{self.title} · {SITE_NAME}" if self.title != SITE_NAME else SITE_NAME

    @property
    def short_description(self) -> str:
        return shorten(self.description)


def website(origin: str) -> Data:
    return {
        "@context": SCHEMA_ORG,
        "@type": "WebSite",
        "name": SITE_NAME,
        "url": f"{origin}/",
        "potentialAction": {
            "@type": "SearchAction",
            "target": f"{origin}/search?q={{search_term_string}}",
            "query-input": "required name=search_term_string",
        },
    }


Crumb = tuple[str, str]  # (name, path)
TOPICS: Crumb = ("Topics", "/topics")
CAREERS: Crumb = ("Careers", "/careers")
PROVIDERS: Crumb = ("Providers", "/providers")


def trail(*crumbs: Crumb) -> list[Crumb]:
    """A page's breadcrumb trail: every one begins at the home page, then its section."""
    return [("Home", "/"), *crumbs]


def breadcrumbs(origin: str, trail: list[tuple[str, str]]) -> Data:
    """A BreadcrumbList from (name, path) pairs, outermost first."""
    return {
        "@context": SCHEMA_ORG,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": f"{origin}{path}"}
            for n, (name, path) in enumerate(trail, start=1)
        ],
    }


def resource(origin: str, item: ResourceOut) -> Data:
    """A schema.org Course or Book."""
    data = course(item) if item.kind == "course" else book(item)
    data.update(
        {
            "@context": SCHEMA_ORG,
            "name": item.title,
            "url": f"{origin}{item.url}",
            "inLanguage": item.language,
            "description": shorten(item.description or "", 500) or None,
            "aggregateRating": _rating(item),
            "offers": _offer(item),
        }
    )
    return _pruned(data)


def occupation(origin: str, career: CareerPage) -> Data:
    """A schema.org Occupation: the career, its skills and, with O*NET data, its tasks."""
    details = career.occupation
    return _pruned(
        {
            "@context": SCHEMA_ORG,
            "@type": "Occupation",
            "name": career.title,
            "description": career.summary,
            "url": f"{origin}/careers/{career.slug}",
            "alternateName": career.alternate_titles or None,
            "occupationalCategory": career.onet_code,
            "skills": [skill.name for skill in career.skills] or None,
            "responsibilities": [task.text for task in details.tasks[:10]] if details else None,
            "educationRequirements": details.education.education if details else None,
        }
    )


def course(item: ResourceOut) -> Data:
    return {
        "@type": "Course",
        "provider": _organization(item.provider.name if item.provider else item.institution),
        "educationalLevel": item.level,
        "teaches": [skill.name for skill in item.skills] or None,
        "instructor": [_person(name) for name in item.instructors] or None,
        "hasCourseInstance": {
            "@type": "CourseInstance",
            "courseMode": "online",
            "courseWorkload": _duration(item.duration_hours),
        },
    }


def book(item: ResourceOut) -> Data:
    return {
        "@type": "Book",
        "author": [_person(name) for name in item.authors] or None,
        "isbn": item.isbn13,
        "publisher": _organization(item.publisher),
        "copyrightYear": item.year,
        "numberOfPages": item.pages,
        "about": [skill.name for skill in item.skills] or None,
    }


def _person(name: str) -> Data:
    return {"@type": "Person", "name": name}


def _organization(name: str | None) -> Data | None:
    return {"@type": "Organization", "name": name} if name else None


def _rating(item: ResourceOut) -> Data | None:
    if item.rating is None or not item.rating_count:
        return None
    return {
        "@type": "AggregateRating",
        "ratingValue": item.rating,
        "ratingCount": item.rating_count,
        "bestRating": 5,
    }


def _offer(item: ResourceOut) -> Data | None:
    if item.price.free:
        return {"@type": "Offer", "price": 0, "category": "Free"}
    if item.price.amount is None or not item.price.currency:
        return None
    return {
        "@type": "Offer",
        "price": str(item.price.amount),
        "priceCurrency": item.price.currency,
        "category": "Paid",
    }


def _duration(hours: float | None) -> str | None:
    """An ISO 8601 duration: 3.5 hours is PT3H30M."""
    if not hours:
        return None
    minutes = round(hours * 60)
    whole, rest = divmod(minutes, 60)
    return f"PT{whole}H{rest}M" if rest else f"PT{whole}H"


def _pruned(data: Data) -> Data:
    """The data without empty values, at every depth; an object left with only a type goes too."""
    pruned: Data = {}
    for key, value in data.items():
        if isinstance(value, dict):
            value = _pruned(value)
            if set(value) <= {"@type"}:
                continue
        if value is not None:
            pruned[key] = value
    return pruned

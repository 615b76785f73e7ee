"""Careers as the API and the pages ask for them: the list, and a career's whole page."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from courseatlas.careers import repository
from courseatlas.careers.matches import career_matches
from courseatlas.careers.models import Career, CareerSkill, CareerTitle, Occupation
from courseatlas.careers.names import spellings, title_key
from courseatlas.careers.onet import LICENSE_URL, SOURCE_URL, attribution
from courseatlas.careers.schemas import (
    Attribution,
    CareerList,
    CareerPage,
    CareerRef,
    CareerSkillOut,
    CareerSummary,
    Education,
    FieldCount,
    Interests,
    InterestScore,
    OccupationOut,
    Task,
    Technology,
    WorkStyle,
)
from courseatlas.careers.sections import page_sections
from courseatlas.catalog.models import Topic
from courseatlas.catalog.schemas import TopicRef
from courseatlas.errors import NotFound
from courseatlas.matching.context import Context, about
from courseatlas.search.base import SearchBackend
from courseatlas.search.schemas import Suggestion
from courseatlas.semantic.meaning import Meaning

SHOWN_ALTERNATE_TITLES = 30
ONET_ONLINE = "https://www.onetonline.org/link/summary/"


def list_careers(
    session: Session, field: str | None, q: str | None, page: int, per_page: int
) -> CareerList:
    offset = (page - 1) * per_page
    rows: list[tuple[Career, str | None]]
    if q and (searched := spellings(q))[0]:
        total, found = repository.search_careers(session, field, searched, offset, per_page)
        rows = [(career, title) for career, title in found]
    else:
        total, careers = repository.list_careers(session, field, offset, per_page)
        rows = [(career, None) for career in careers]
    return CareerList(
        total=total,
        page=page,
        per_page=per_page,
        q=q,
        field=field,
        results=[CareerSummary.of(career, matched_title=matched) for career, matched in rows],
        fields=[
            FieldCount(slug=slug, name=name, count=count)
            for slug, name, count in repository.field_counts(session)
        ],
    )


def get_career_page(
    session: Session, runtime: SearchBackend, slug: str, meaning: Meaning | None = None
) -> CareerPage:
    """Everything a career page shows; raises NotFound for an unknown slug."""
    career = repository.career_by_slug(session, slug)
    if career is None:
        raise NotFound(f"no career has slug {slug!r}")
    occupation = repository.occupation(session, career.onet_code)
    matched = career_matches(session, runtime, career, meaning)
    courses, books, path = matched.courses, matched.books, matched.learning_path
    related_codes = [r["code"] for r in occupation.related] if occupation else []
    nearest = None if courses or books else nearest_topic(session, career)
    return CareerPage(
        slug=career.slug,
        title=career.title,
        field=career.field,
        origin=career.origin,
        onet_code=career.onet_code,
        summary=career.summary,
        alternate_titles=_alternate_titles(career, occupation),
        sections=page_sections(career, occupation),
        skills=_skills(session, career),
        topics=_topics(session, career),
        related=[
            CareerRef.of(c) for c in repository.related_careers(session, career, related_codes)
        ],
        occupation=_occupation(occupation) if occupation else None,
        courses=courses,
        books=books,
        learning_path=path,
        no_match=_no_match(nearest) if not (courses or books) else None,
        nearest_topic=nearest,
        attribution=_attribution(occupation) if occupation else None,
    )


def career_suggestions(session: Session, prefix: str, limit: int) -> list[Suggestion]:
    """Careers for the type-ahead: those with a title or alternate title starting with it."""
    key = title_key(prefix)
    if not key:
        return []
    rows = session.execute(
        select(Career.slug, Career.title, func.min(CareerTitle.rank).label("rank"))
        .join(CareerTitle, CareerTitle.career_id == Career.id)
        .where(CareerTitle.key.startswith(key, autoescape=True))
        .group_by(Career.id, Career.slug, Career.title)
        .order_by("rank", Career.title)
        .limit(limit)
    ).all()
    return [
        Suggestion(kind="career", label=title, url=f"/careers/{slug}") for slug, title, _ in rows
    ]


def nearest_topic(session: Session, career: Career) -> TopicRef | None:
    """The catalog topic whose words are most about the career's work, if any is."""
    context = Context(career.context)
    best: tuple[float, Topic] | None = None
    for topic in session.scalars(select(Topic).order_by(Topic.path)):
        score = about(context.found(topic.path.replace(" > ", " "), ""))
        if score > 0 and (best is None or score > best[0]):
            best = (score, topic)
    return TopicRef.model_validate(best[1]) if best else None


def _no_match(nearest: TopicRef | None) -> str:
    found = "No course or book in the catalog is about this career's work yet."
    return f"{found} The nearest topic is {nearest.name}." if nearest else found


def _alternate_titles(career: Career, occupation: Occupation | None) -> list[str]:
    names = [*career.alternate_titles, *(occupation.alternate_titles if occupation else [])]
    unique = dict.fromkeys(name for name in names if name != career.title)
    return list(unique)[:SHOWN_ALTERNATE_TITLES]


def _skills(session: Session, career: Career) -> list[CareerSkillOut]:
    links = session.scalars(
        select(CareerSkill)
        .where(CareerSkill.career_id == career.id)
        .options(selectinload(CareerSkill.skill))
        .order_by(CareerSkill.weight.desc(), CareerSkill.skill_id)
    )
    return [
        CareerSkillOut(
            slug=link.skill.slug,
            name=link.skill.name,
            weight=link.weight,
            source=link.source,
        )
        for link in links
    ]


def _topics(session: Session, career: Career) -> list[TopicRef]:
    """The career's topics that the catalog has (a guide may name one before any resource)."""
    if not career.topic_paths:
        return []
    found = {
        t.path: t for t in session.scalars(select(Topic).where(Topic.path.in_(career.topic_paths)))
    }
    return [TopicRef.model_validate(found[path]) for path in career.topic_paths if path in found]


def _occupation(occupation: Occupation) -> OccupationOut:
    scores = occupation.interests.get("scores", {})
    return OccupationOut(
        code=occupation.code,
        title=occupation.title,
        description=occupation.description,
        url=ONET_ONLINE + occupation.code,
        job_zone=occupation.job_zone,
        education=Education.model_validate(occupation.education),
        interests=Interests(
            scores=[InterestScore(name=name, score=score) for name, score in scores.items()],
            high_point=occupation.interests.get("high_point", []),
        ),
        work_styles=[WorkStyle.model_validate(style) for style in occupation.work_styles],
        tasks=[Task.model_validate(task) for task in occupation.tasks],
        technologies=[Technology.model_validate(t) for t in occupation.technologies],
        alternate_titles=occupation.alternate_titles,
    )


def _attribution(occupation: Occupation) -> Attribution:
    return Attribution(
        text=attribution(occupation.release),
        license="CC BY 4.0",
        license_url=LICENSE_URL,
        source_url=SOURCE_URL,
    )

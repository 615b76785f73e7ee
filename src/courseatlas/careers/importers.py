"""Imports of career data: authored guides and the O*NET database, each one transaction.

Both end by reconciling: occupations that no guide claims become careers of their own, and
every career's titles, skills and topics are derived again from its guide and occupation.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

import structlog
from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from courseatlas.careers import context, derive, names, stored
from courseatlas.careers.guides import Guide, guide_files, read_guide
from courseatlas.careers.models import Career, CareerSkill, CareerTitle, CareerTopic, Occupation
from courseatlas.careers.onet import read_onet
from courseatlas.catalog.models import SkillAlias
from courseatlas.catalog.names import Vocabulary
from courseatlas.db.base import Base, utcnow
from courseatlas.db.bulk import bulk_insert
from courseatlas.ingest.problems import Problem
from courseatlas.ingest.runs import (
    CREATED,
    REJECTED,
    UNCHANGED,
    UPDATED,
    ImportSummary,
    RunLog,
    one_import_at_a_time,
)
from courseatlas.text import slugify

log = structlog.get_logger(__name__)

ONET_PROFILE = "onet"
GUIDES_PROFILE = "career-guides"

# SOC major groups: the field of a career that only O*NET describes.
SOC_GROUPS = {
    "11": "Management",
    "13": "Business and Financial Operations",
    "15": "Computer and Mathematical",
    "17": "Architecture and Engineering",
    "19": "Life, Physical, and Social Science",
    "21": "Community and Social Service",
    "23": "Legal",
    "25": "Educational Instruction and Library",
    "27": "Arts, Design, Entertainment, Sports, and Media",
    "29": "Healthcare Practitioners and Technical",
    "31": "Healthcare Support",
    "33": "Protective Service",
    "35": "Food Preparation and Serving Related",
    "37": "Building and Grounds Cleaning and Maintenance",
    "39": "Personal Care and Service",
    "41": "Sales and Related",
    "43": "Office and Administrative Support",
    "45": "Farming, Fishing, and Forestry",
    "47": "Construction and Extraction",
    "49": "Installation, Maintenance, and Repair",
    "51": "Production",
    "53": "Transportation and Material Moving",
    "55": "Military Specific",
}


def import_guides(factory: sessionmaker[Session], paths: list[Path]) -> ImportSummary:
    """Upsert the guides at ``paths`` (files or folders of ``*.md``); bad guides are rejected."""
    with factory() as session, one_import_at_a_time(session):
        run = RunLog(session, GUIDES_PROFILE, paths)
        with run.recording():
            files = [file for path in paths for file in guide_files(path)]
            if not files:
                run.reject(Problem(0, "file", "no guide (*.md) found", ", ".join(map(str, paths))))
                run.count(REJECTED)
            seen: dict[str, str] = {}
            for file in files:
                _import_guide(session, run, file, seen)
            reconcile(session)
            session.commit()
        return run.finish()


def import_onet(factory: sessionmaker[Session], folder: Path) -> ImportSummary:
    """Upsert every occupation of an O*NET text database folder."""
    read = read_onet(folder)
    with factory() as session, one_import_at_a_time(session):
        run = RunLog(session, ONET_PROFILE, [folder])
        with run.recording():
            for problem in read.problems:
                run.reject(problem, file=str(folder / problem.file))
            run.count(REJECTED, len(read.problems))
            _upsert_occupations(session, run, read.occupations)
            reconcile(session)
            session.commit()
        summary = run.finish()
    log.info("onet_imported", run_id=summary.run_id, status=summary.status, **summary.counts)
    return summary


# --- guides


def _import_guide(session: Session, run: RunLog, file: Path, seen: dict[str, str]) -> None:
    parsed = read_guide(file)
    for problem in parsed.problems:
        run.reject(problem, file=str(file))
    guide = parsed.guide
    if guide is None:
        run.count(REJECTED)
        return
    slug = guide.front.slug
    if slug in seen:
        run.reject(Problem(1, "slug", f"{slug!r} is also the slug of {seen[slug]}", str(file)))
        run.count(REJECTED)
        return
    seen[slug] = str(file)
    run.count(_upsert_guide(session, guide))


def _upsert_guide(session: Session, guide: Guide) -> str:
    front = guide.front
    career = session.scalar(select(Career).where(Career.slug == front.slug))
    if career is not None and career.origin == "onet":
        # The guide takes the slug; reconciling gives the occupation's page another one.
        session.delete(career)
        session.flush()
        career = None
    if career is not None and career.guide_hash == guide.content_hash:
        return UNCHANGED
    values: dict[str, Any] = {
        "title": front.title,
        "origin": "guide",
        "onet_code": front.onet_code,
        "field": front.field,
        "field_slug": slugify(front.field),
        "summary": front.summary,
        "sections": [{"key": s.key, "title": s.title, "body": s.body} for s in guide.sections],
        "alternate_titles": front.alternate_titles,
        "guide_skills": [skill.model_dump() for skill in front.skills],
        "topic_paths": front.topics,
        "related_slugs": front.related,
        "guide_file": guide.file,
        "guide_hash": guide.content_hash,
        "updated_at": utcnow(),
    }
    if career is None:
        session.add(Career(slug=front.slug, **values))
        return CREATED
    for name, value in values.items():
        setattr(career, name, value)
    return UPDATED


# --- occupations


def _upsert_occupations(
    session: Session, run: RunLog, occupations: dict[str, dict[str, Any]]
) -> None:
    known = dict(session.execute(select(Occupation.code, Occupation.data_hash)).all())
    created, changed = [], []
    for code, values in occupations.items():
        digest = hashlib.sha256(
            json.dumps(values, sort_keys=True, ensure_ascii=False).encode()
        ).hexdigest()
        row = {**values, "data_hash": digest, "updated_at": utcnow()}
        if code not in known:
            created.append(row)
        elif known[code] != digest:
            changed.append(row)
    if created:
        session.execute(insert(Occupation), created)
    if changed:
        session.execute(update(Occupation), changed)
    run.count(CREATED, len(created))
    run.count(UPDATED, len(changed))
    run.count(UNCHANGED, len(occupations) - len(created) - len(changed))


# --- reconciling


def reconcile(session: Session) -> None:
    """Make careers and their side tables agree with the guides and occupations stored."""
    session.flush()
    occupations = {o.code: o for o in session.scalars(select(Occupation))}
    careers = _occupation_careers(session, occupations)
    onet = _OnetSkills(session, occupations)
    vocabulary = Vocabulary(session)
    texts = {code: _occupation_texts(o) for code, o in occupations.items() if o.has_data}
    frequency, population = context.document_frequency(texts.values())
    rewritten = changed = 0
    for career in careers:
        occupation = occupations.get(career.onet_code or "")
        sources = [*_career_texts(career), *texts.get(career.onet_code or "", [])]
        terms = context.context_terms(sources, frequency, population)
        if terms != career.context:
            career.context = terms
            career.updated_at = utcnow()
            changed += 1
        derived = _derive(career, occupation, onet, vocabulary)
        digest = derived.digest()
        if digest != career.derived_hash:
            _write_derived(session, career.id, derived)
            career.derived_hash = digest
            career.updated_at = utcnow()
            rewritten += 1
    session.flush()
    if rewritten or changed:  # What sets one career apart depends on all: match all anew.
        stored.discard_all(session)
    if rewritten:
        log.info("careers_reconciled", careers=len(careers), rewritten=rewritten)


def _occupation_texts(occupation: Occupation) -> list[context.Source]:
    return context.occupation_sources(
        {
            "title": occupation.title,
            "description": occupation.description,
            "alternate_titles": occupation.alternate_titles,
            "tasks": occupation.tasks,
            "activities": occupation.activities,
            "tools": occupation.tools,
            "technologies": occupation.technologies,
        }
    )


def _career_texts(career: Career) -> list[context.Source]:
    """What the career itself says: a guide's title, names, skills, topics and sections; for
    an occupation's page its field (the occupation's own texts are added beside)."""
    topics = tuple(path.split(" > ")[-1] for path in career.topic_paths)
    sources = [
        context.Source((career.field or "",), context.FIELD),
        context.Source(tuple(skill["name"] for skill in career.guide_skills), context.SKILL),
        context.Source(topics, context.TOPIC),
    ]
    if career.origin == "guide":
        sources += [
            context.Source((career.title,), context.TITLE),
            context.Source(tuple(career.alternate_titles), 2 * context.ALTERNATE),
            context.Source((career.summary,), context.SUMMARY),
        ]
    return sources


def _occupation_careers(session: Session, occupations: dict[str, Occupation]) -> list[Career]:
    """Every career after giving each unclaimed occupation with data a career of its own."""
    careers = list(session.scalars(select(Career).order_by(Career.id)))
    claimed = {c.onet_code for c in careers if c.origin == "guide" and c.onet_code}
    kept: list[Career] = []
    own: dict[str, Career] = {}
    for career in careers:
        occupation = occupations.get(career.onet_code or "")
        if career.origin == "onet" and (
            occupation is None or not occupation.has_data or career.onet_code in claimed
        ):
            session.delete(career)
            continue
        kept.append(career)
        if career.origin == "onet" and occupation is not None:
            own[occupation.code] = career
            _refresh_from_occupation(career, occupation)
    session.flush()
    taken = {career.slug for career in kept}
    for code in sorted(occupations):
        occupation = occupations[code]
        if occupation.has_data and code not in claimed and code not in own:
            career = _new_occupation_career(occupation, taken)
            session.add(career)
            kept.append(career)
    session.flush()
    return kept


def _new_occupation_career(occupation: Occupation, taken: set[str]) -> Career:
    slug = slugify(occupation.title, max_length=150)
    if slug in taken:
        slug = f"{slug}-{slugify(occupation.code)}"
    taken.add(slug)
    career = Career(slug=slug, origin="onet", onet_code=occupation.code)
    _refresh_from_occupation(career, occupation)
    return career


def _refresh_from_occupation(career: Career, occupation: Occupation) -> None:
    field = SOC_GROUPS.get(occupation.code[:2])
    values = {
        "title": occupation.title,
        "summary": occupation.description,
        "field": field,
        "field_slug": slugify(field) if field else None,
    }
    if any(getattr(career, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(career, name, value)
        career.updated_at = utcnow()


class _OnetSkills:
    """What O*NET technologies say about each occupation's skills, computed once per reconcile."""

    def __init__(self, session: Session, occupations: dict[str, Occupation]) -> None:
        self.aliases = dict(session.execute(select(SkillAlias.alias, SkillAlias.skill_id)).all())
        strengths = {
            code: derive.occupation_skills(o.technologies, self.aliases)
            for code, o in occupations.items()
            if o.has_data
        }
        counts = Counter(skill for found in strengths.values() for skill in found)
        idf = derive.specificity(counts, len(strengths))
        self.weights = {code: derive.onet_weights(found, idf) for code, found in strengths.items()}
        self.occupations = occupations

    def for_career(
        self, career: Career, guide_weights: dict[int, float]
    ) -> dict[int, tuple[float, str]]:
        occupation = self.occupations.get(career.onet_code or "")
        if occupation is None:
            return derive.merge_skills(guide_weights, {}, set())
        endorsed: set[int] = set()
        if guide_weights:
            text = " ".join([career.summary, *(s["body"] for s in career.sections)])
            endorsed = derive.in_demand_skills(
                occupation.technologies, self.aliases
            ) & derive.mentioned_skills(text, self.aliases)
        return derive.merge_skills(guide_weights, self.weights.get(occupation.code, {}), endorsed)


def _derive(
    career: Career, occupation: Occupation | None, onet: _OnetSkills, vocabulary: Vocabulary
) -> derive.Derived:
    derived = derive.Derived(topics=list(career.topic_paths))
    guide = career.origin == "guide"
    derived.add_title(career.title, names.GUIDE_TITLE if guide else names.ONET_TITLE)
    for title in career.alternate_titles:
        derived.add_title(title, names.GUIDE_ALTERNATE)
    if occupation is not None:
        if guide:
            derived.add_title(occupation.title, names.OCCUPATION_TITLE)
        for title in occupation.alternate_titles:
            derived.add_title(title, names.ONET_ALTERNATE)
    guide_weights = {
        vocabulary.skill_id(skill["name"]): float(skill["weight"]) for skill in career.guide_skills
    }
    derived.skills = onet.for_career(career, guide_weights)
    return derived


def _write_derived(session: Session, career_id: int, derived: derive.Derived) -> None:
    for model in (CareerTitle, CareerSkill, CareerTopic):
        session.execute(delete(model).where(model.career_id == career_id))
    tables = Base.metadata.tables
    bulk_insert(
        session,
        tables[CareerTitle.__tablename__],
        [
            {"career_id": career_id, "key": key, "title": title, "rank": rank}
            for key, (title, rank) in derived.titles.items()
        ],
    )
    bulk_insert(
        session,
        tables[CareerSkill.__tablename__],
        [
            {"career_id": career_id, "skill_id": skill, "weight": weight, "source": source}
            for skill, (weight, source) in derived.skills.items()
        ],
    )
    bulk_insert(
        session,
        tables[CareerTopic.__tablename__],
        [
            {"career_id": career_id, "path": path, "position": i}
            for i, path in enumerate(dict.fromkeys(derived.topics))
        ],
    )

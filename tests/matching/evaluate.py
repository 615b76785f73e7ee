"""Precision@10 and recall@20 of the matcher on the judged set."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from statistics import mean
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from courseatlas.careers import repository
from courseatlas.catalog.models import Resource
from courseatlas.matching.profiles import career_profile
from courseatlas.matching.service import find_matches
from courseatlas.search.runtime import SearchRuntime
from courseatlas.semantic.meaning import Meaning
from tests.matching.judged import JUDGED, Judgement, Ref

TOP = 20
PRECISION_AT = 10


@dataclass
class Figures:
    career: str
    precision_at_10: float  # share of the first 10 results that the judged set says belong
    recall_at_20: float  # share of the "belongs" list found among the first 20
    found: int
    belongs: int
    forbidden_shown: list[str]  # "never" resources that appeared anyway
    missing: list[str]  # judged resources not in the catalog (a dataset changed)


def evaluate(
    session: Session, runtime: SearchRuntime, meaning: Meaning | None = None
) -> list[Figures]:
    return [_evaluate(session, runtime, judgement, meaning) for judgement in JUDGED]


def summary(figures: list[Figures]) -> dict[str, Any]:
    return {
        "careers": len(figures),
        "mean_precision_at_10": round(mean(f.precision_at_10 for f in figures), 3),
        "mean_recall_at_20": round(mean(f.recall_at_20 for f in figures), 3),
        "forbidden_shown": sum(len(f.forbidden_shown) for f in figures),
        "per_career": [asdict(f) for f in figures],
    }


def table(figures: list[Figures]) -> str:
    lines = [f"{'career':28} {'P@10':>5} {'R@20':>5}  found/belongs"]
    for f in figures:
        lines.append(
            f"{f.career:28} {f.precision_at_10:5.2f} {f.recall_at_20:5.2f}  {f.found}/{f.belongs}"
        )
    lines.append(
        f"{'mean':28} {mean(f.precision_at_10 for f in figures):5.2f} "
        f"{mean(f.recall_at_20 for f in figures):5.2f}"
    )
    return "\n".join(lines)


def _evaluate(
    session: Session, runtime: SearchRuntime, judgement: Judgement, meaning: Meaning | None
) -> Figures:
    career = repository.career_by_slug(session, judgement.career)
    assert career is not None, judgement.career
    matches = find_matches(session, runtime, career_profile(session, career), meaning)
    shown = [c.id for c in matches.top(TOP)]
    ids = _ids(session, [*judgement.belongs, *judgement.never])
    belongs = {ids[ref] for ref in judgement.belongs if ref in ids}
    never = {ids[ref]: ref for ref in judgement.never if ref in ids}
    found = len(belongs & set(shown))
    return Figures(
        career=judgement.career,
        precision_at_10=round(len(belongs & set(shown[:PRECISION_AT])) / PRECISION_AT, 3),
        recall_at_20=round(found / len(belongs), 3) if belongs else 0.0,
        found=found,
        belongs=len(belongs),
        forbidden_shown=[":".join(never[i]) for i in shown if i in never],
        missing=[":".join(ref) for ref in [*judgement.belongs, *judgement.never] if ref not in ids],
    )


def _ids(session: Session, refs: list[Ref]) -> dict[Ref, int]:
    sources = {source for source, _ in refs}
    rows = session.execute(
        select(Resource.source, Resource.external_id, Resource.id).where(
            Resource.source.in_(sources), Resource.external_id.in_([e for _, e in refs])
        )
    )
    return {(source, external): rid for source, external, rid in rows if source and external}

"""Precision@10 and recall@20 of the matcher on the judged set, per career and per field."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import asdict, dataclass
from statistics import mean
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from courseatlas.careers import repository
from courseatlas.careers.profiles import career_profile
from courseatlas.catalog.models import Resource
from courseatlas.matching.service import find_matches
from courseatlas.search.runtime import SearchRuntime
from courseatlas.semantic.meaning import Meaning
from judgements.careers import JUDGED, Judgement, Ref

TOP = 20
PRECISION_AT = 10


@dataclass
class Figures:
    career: str
    field: str
    precision_at_10: float  # share of the first 10 results judged relevant
    recall_at_20: float  # share of the "belongs" list found among the first 20
    found: int
    belongs: int
    shown: int  # results shown (a relevance floor may show fewer than ten)
    forbidden_shown: list[str]  # "never" resources among the first 20 all the same
    forbidden_top10: list[str]  # and among the first ten
    missing: list[str]  # judged resources not in the catalog (a dataset changed)
    misses: list[str]  # titles among the first ten not judged relevant, to read


def evaluate(
    session: Session, runtime: SearchRuntime, meaning: Meaning | None = None
) -> list[Figures]:
    return [_evaluate(session, runtime, judgement, meaning) for judgement in JUDGED]


def by_field(figures: list[Figures]) -> dict[str, dict[str, float]]:
    grouped: dict[str, list[Figures]] = defaultdict(list)
    for f in figures:
        grouped[f.field].append(f)
    return {
        name: {
            "careers": len(group),
            "precision_at_10": round(mean(f.precision_at_10 for f in group), 3),
            "recall_at_20": round(mean(f.recall_at_20 for f in group), 3),
        }
        for name, group in sorted(grouped.items())
    }


def summary(figures: list[Figures]) -> dict[str, Any]:
    return {
        "careers": len(figures),
        "mean_precision_at_10": round(mean(f.precision_at_10 for f in figures), 3),
        "mean_recall_at_20": round(mean(f.recall_at_20 for f in figures), 3),
        "forbidden_shown": sum(len(f.forbidden_shown) for f in figures),
        "per_field": by_field(figures),
        "per_career": [asdict(f) for f in figures],
    }


def table(figures: list[Figures]) -> str:
    lines = [f"{'career':40} {'field':9} {'P@10':>5} {'R@20':>5}  found/belongs shown"]
    for f in figures:
        lines.append(
            f"{f.career[:40]:40} {f.field:9} {f.precision_at_10:5.2f} {f.recall_at_20:5.2f}"
            f"  {f.found}/{f.belongs} {f.shown}"
        )
    lines.append("")
    lines.append(f"{'field':12} {'careers':>7} {'P@10':>5} {'R@20':>5}")
    for name, row in by_field(figures).items():
        lines.append(
            f"{name:12} {row['careers']:7.0f} {row['precision_at_10']:5.2f} {row['recall_at_20']:5.2f}"
        )
    lines.append(
        f"{'all':12} {len(figures):7d} {mean(f.precision_at_10 for f in figures):5.2f} "
        f"{mean(f.recall_at_20 for f in figures):5.2f}"
    )
    return "\n".join(lines)


def _evaluate(
    session: Session, runtime: SearchRuntime, judgement: Judgement, meaning: Meaning | None
) -> Figures:
    career = repository.career_by_slug(session, judgement.career)
    assert career is not None, judgement.career
    matches = find_matches(session, runtime, career_profile(session, career), meaning)
    chosen = matches.top(TOP)
    shown = [c.id for c in chosen]
    ids = _ids(session, [*judgement.belongs, *judgement.never])
    belongs = {ids[ref] for ref in judgement.belongs if ref in ids}
    never = {ids[ref]: ref for ref in judgement.never if ref in ids}
    rules = [re.compile(rule, re.IGNORECASE) for rule in judgement.relevant]
    relevant = {
        c.id
        for c in chosen
        if c.id not in never and (c.id in belongs or any(r.search(c.title) for r in rules))
    }
    found = len(belongs & set(shown))
    first = chosen[:PRECISION_AT]
    return Figures(
        career=judgement.career,
        field=judgement.field,
        precision_at_10=round(sum(1 for c in first if c.id in relevant) / PRECISION_AT, 3),
        recall_at_20=round(found / len(belongs), 3) if belongs else 0.0,
        found=found,
        belongs=len(belongs),
        shown=len(shown),
        forbidden_shown=[":".join(never[i]) for i in shown if i in never],
        forbidden_top10=[":".join(never[i]) for i in shown[:PRECISION_AT] if i in never],
        missing=[":".join(ref) for ref in [*judgement.belongs, *judgement.never] if ref not in ids],
        misses=[c.title for c in first if c.id not in relevant],
    )


def _ids(session: Session, refs: list[Ref]) -> dict[Ref, int]:
    sources = {source for source, _ in refs}
    rows = session.execute(
        select(Resource.source, Resource.external_id, Resource.id).where(
            Resource.source.in_(sources), Resource.external_id.in_([e for _, e in refs])
        )
    )
    return {(source, external): rid for source, external, rid in rows if source and external}

"""A career page's sections: the guide's own, and the ones O*NET data can write where the
guide has none (overview, tasks, education, interests). Pure."""

from __future__ import annotations

from collections.abc import Iterable

from courseatlas.careers.guides import SECTIONS
from courseatlas.careers.models import Career, Occupation
from courseatlas.careers.schemas import Section

SHOWN_TASKS = 12
SHOWN_STYLES = 6


def page_sections(career: Career, occupation: Occupation | None) -> list[Section]:
    written = {s["key"]: Section(source="guide", **s) for s in career.sections}
    composed = _from_occupation(occupation) if occupation is not None else {}
    return [
        written.get(key) or Section(key=key, title=title, body=composed[key], source="onet")
        for key, title in SECTIONS.items()
        if key in written or composed.get(key)
    ]


def _from_occupation(occupation: Occupation) -> dict[str, str]:
    return {
        "overview": occupation.description,
        "what-they-do": _bullets(task["text"] for task in occupation.tasks[:SHOWN_TASKS]),
        "education-and-training": _education(occupation),
        "personality-traits-and-interests": _interests(occupation),
    }


def _bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _education(occupation: Occupation) -> str:
    education = occupation.education
    parts = [
        education[name] for name in ("education", "experience", "training") if education.get(name)
    ]
    levels = education.get("levels", [])
    if levels:
        common = sorted(levels, key=lambda level: -level["share"])[:3]
        parts.append(
            "Education workers report: "
            + "; ".join(f"{level['level']} ({level['share']:.0f}%)" for level in common)
            + "."
        )
    return "\n\n".join(parts)


def _interests(occupation: Occupation) -> str:
    parts = []
    high = occupation.interests.get("high_point", [])
    if high:
        parts.append(f"Interests: mostly {', '.join(high)} (Holland's RIASEC types).")
    styles = [style["name"] for style in occupation.work_styles[:SHOWN_STYLES]]
    if styles:
        parts.append(f"Work styles that matter most: {', '.join(styles)}.")
    return "\n\n".join(parts)

"""A career page's sections: the guide's own, and the ones O*NET data can write where the
guide has none (overview, tasks, education, a day in the job, interests, online courses).
Pure."""

from __future__ import annotations

from collections.abc import Iterable

from courseatlas.careers.guides import SECTIONS
from courseatlas.careers.models import Career, Occupation
from courseatlas.careers.schemas import Section

SHOWN_TASKS = 12
SHOWN_STYLES = 6
SHOWN_ACTIVITIES = 8
SHOWN_SKILLS = 6
ONLINE = "online-courses"


def page_sections(career: Career, occupation: Occupation | None) -> list[Section]:
    written = {s["key"]: Section(source="guide", **s) for s in career.sections}
    composed = _from_occupation(occupation) if occupation is not None else {}
    if ONLINE not in written and not composed.get(ONLINE):
        written[ONLINE] = Section(
            key=ONLINE, title=SECTIONS[ONLINE], body=_online_from_skills(career), source="composed"
        )
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
        "a-day-in-the-job": _day(occupation),
        "personality-traits-and-interests": _interests(occupation),
        "online-courses": _online_courses(occupation),
    }


def _online_from_skills(career: Career) -> str:
    skills = [skill["name"] for skill in career.guide_skills][:SHOWN_SKILLS]
    helps = "Online courses and books can teach the knowledge this work rests on" + (
        f" ({', '.join(skills)})" if skills else ""
    )
    return (
        f"{helps}, at your own pace and often for free.\n\nThey are not enough on their own: "
        "employers look for work you have done, so pair them with projects and practice."
    )


def _day(occupation: Occupation) -> str:
    activities = occupation.activities[:SHOWN_ACTIVITIES]
    if not activities:
        return ""
    return "What most of the day's tasks involve:\n\n" + _bullets(activities)


def _online_courses(occupation: Occupation) -> str:
    """How courses help prepare for the work, and why they are not enough on their own."""
    tools = [t["name"] for t in occupation.technologies if t["in_demand"]][:SHOWN_SKILLS]
    helps = (
        "Online courses and books can teach the knowledge this work rests on and let you try "
        "parts of it before you commit"
        + (f", including tools employers ask for: {', '.join(tools)}." if tools else ".")
    )
    education = occupation.education
    needs = [education[k] for k in ("experience", "training") if education.get(k)]
    short = "They are not enough on their own: the work is learned by doing it"
    if needs:
        return f"{helps}\n\n{short}. {' '.join(needs)}"
    return f"{helps}\n\n{short}, with people who already do it."


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

"""Reads the O*NET text database (a folder of tab-separated files) into one record per occupation.

The files are UTF-8, tab-separated, CRLF, unquoted (``csv.QUOTE_NONE``), with a header line;
rows are keyed by the O*NET-SOC code. Every row that cannot be used is reported with its file,
line, field and reason; a missing optional file is reported once and the rest still loads.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from courseatlas.ingest.normalise import clean_line, parse_number
from courseatlas.ingest.problems import Problem
from courseatlas.ingest.readers import read_csv

CODE = "O*NET-SOC Code"
_CODE_PATTERN = re.compile(r"^\d{2}-\d{4}\.\d{2}$")
_RELEASE = re.compile(r"O\*NET\s+(\d+(?:\.\d+)?)\s+Database")
RIASEC = ("Realistic", "Investigative", "Artistic", "Social", "Enterprising", "Conventional")
ATTRIBUTION = (
    "This page includes information from the {release} by the U.S. Department of Labor, "
    "Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. "
    "O*NET® is a trademark of USDOL/ETA."
)
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
SOURCE_URL = "https://www.onetcenter.org/database.html"
DEFAULT_RELEASE = "O*NET Database"


@dataclass
class OnetRead:
    """Occupation column values by code, and every row that could not be used."""

    occupations: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    release: str | None = None

    def reject(self, file: str, line: int, name: str, reason: str) -> None:
        self.problems.append(Problem(line, name, reason, file=file))


Row = dict[str, str]
Handler = Callable[[Row, dict[str, Any]], None]


@dataclass(frozen=True)
class _File:
    name: str
    columns: tuple[str, ...]  # besides the code column, when it has one


OCCUPATIONS = _File("Occupation Data.txt", ("Title", "Description"))
JOB_ZONE_REFERENCE = _File(
    "Job Zone Reference.txt", ("Job Zone", "Name", "Experience", "Education", "Job Training")
)
DWA_REFERENCE = _File("DWA Reference.txt", ("DWA ID", "DWA Title"))
EDUCATION_CATEGORIES = _File(
    "Education, Training, and Experience Categories.txt",
    ("Scale ID", "Category", "Category Description"),
)


def read_onet(folder: Path) -> OnetRead:
    """Everything the folder holds about each occupation; problems are collected, not raised."""
    read = OnetRead(release=_release(folder))
    for line, row in _rows(read, folder, OCCUPATIONS, keyed=True):
        _occupation(read, line, row)
    if not read.occupations:
        return read
    zones = _job_zone_reference(read, folder)
    categories = _education_categories(read, folder)
    activities = _dwa_reference(read, folder)
    for spec, handler in _DETAIL_FILES:
        for line, row in _rows(read, folder, spec, keyed=True):
            target = read.occupations.get(row[CODE])
            if target is None:
                read.reject(spec.name, line, CODE, f"unknown O*NET-SOC code {row[CODE]!r}")
                continue
            try:
                handler(row, target)
            except BadValue as error:
                read.reject(spec.name, line, error.column, str(error))
    for occupation in read.occupations.values():
        _finish(occupation, zones, categories, activities)
    return read


def attribution(release: str | None) -> str:
    return ATTRIBUTION.format(release=release or DEFAULT_RELEASE)


# --- reading rows


def _rows(read: OnetRead, folder: Path, spec: _File, keyed: bool) -> Iterator[tuple[int, Row]]:
    """Rows with every expected column filled; the others are reported and skipped."""
    path = folder / spec.name
    if not path.is_file():
        read.reject(spec.name, 0, "file", "not found")
        return
    required = ((CODE,) if keyed else ()) + spec.columns
    try:
        with path.open("rb") as stream:
            header_checked = False
            for item in read_csv(stream, delimiter="\t", quoting=csv.QUOTE_NONE):
                if isinstance(item, Problem):
                    read.reject(spec.name, item.line, item.field, item.reason)
                    continue
                if not header_checked:
                    missing = [name for name in required if name not in item.data]
                    if missing:
                        read.reject(spec.name, 1, "header", f"missing columns: {missing}")
                        return
                    header_checked = True
                row = _checked(read, spec, item.line, item.data, required, keyed)
                if row is not None:
                    yield item.line, row
    except OSError as error:
        read.reject(spec.name, 0, "file", f"cannot read: {error.strerror or error}")


def _checked(
    read: OnetRead,
    spec: _File,
    line: int,
    data: dict[str, Any],
    required: tuple[str, ...],
    keyed: bool,
) -> Row | None:
    row = {name: (data.get(name) or "").strip() for name in required}
    empty = next((name for name in required if not row[name]), None)
    if empty is not None:
        read.reject(spec.name, line, empty, "required")
        return None
    if keyed and not _CODE_PATTERN.match(row[CODE]):
        read.reject(spec.name, line, CODE, f"not an O*NET-SOC code: {row[CODE][:40]!r}")
        return None
    return row


class BadValue(ValueError):
    """A value a handler cannot use, naming its column for the report."""

    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column = column


def _number(row: Row, column: str) -> float:
    try:
        return float(parse_number(row[column]))
    except ValueError as error:
        raise BadValue(column, str(error)) from None


def _flag(row: Row, column: str) -> bool:
    value = row[column].upper()
    if value not in {"Y", "N"}:
        raise BadValue(column, f"expected Y or N, got {row[column][:20]!r}")
    return value == "Y"


def _release(folder: Path) -> str | None:
    try:
        head = (folder / "Read Me.txt").read_text("utf-8", errors="replace")[:2000]
    except OSError:
        return None
    found = _RELEASE.search(head)
    return f"O*NET {found.group(1)} Database" if found else None


# --- one handler per file


def _occupation(read: OnetRead, line: int, row: Row) -> None:
    code = row[CODE]
    if code in read.occupations:
        read.reject(OCCUPATIONS.name, line, CODE, f"{code} is listed twice")
        return
    read.occupations[code] = {
        "code": code,
        "title": clean_line(row["Title"])[:300],
        "description": clean_line(row["Description"]),
        "job_zone": None,
        "education": {},
        "interests": {},
        "work_styles": [],
        "tasks": [],
        "technologies": [],
        "activities": [],
        "tools": [],
        "alternate_titles": [],
        "related": [],
        "release": read.release,
    }


def _task(row: Row, target: dict[str, Any]) -> None:
    kind = row["Task Type"]
    if kind not in {"Core", "Supplemental", "n/a"}:
        raise BadValue("Task Type", f"expected Core, Supplemental or n/a, got {kind[:20]!r}")
    target["tasks"].append({"text": clean_line(row["Task"]), "core": kind == "Core"})


def _technology(row: Row, target: dict[str, Any]) -> None:
    target["technologies"].append(
        {
            "name": clean_line(row["Example"]),
            "category": clean_line(row["Commodity Title"]),
            "hot": _flag(row, "Hot Technology"),
            "in_demand": _flag(row, "In Demand"),
        }
    )


def _activity(row: Row, target: dict[str, Any]) -> None:
    """A task's detailed work activity, by id: titled and counted in ``_finish``."""
    target["activities"].append(row["DWA ID"])


def _tool(row: Row, target: dict[str, Any]) -> None:
    target["tools"].append(
        {"name": clean_line(row["Example"]), "category": clean_line(row["Commodity Title"])}
    )


def _alternate_title(row: Row, target: dict[str, Any]) -> None:
    titles = target["alternate_titles"]
    for name in (row["Alternate Title"], row["Short Title"]):
        title = clean_line(name)[:300]
        if title and title != "n/a" and title not in titles:
            titles.append(title)


def _job_zone(row: Row, target: dict[str, Any]) -> None:
    zone = _number(row, "Job Zone")
    if zone not in {1, 2, 3, 4, 5}:
        raise BadValue("Job Zone", f"expected 1 to 5, got {row['Job Zone'][:20]!r}")
    target["job_zone"] = int(zone)


def _education(row: Row, target: dict[str, Any]) -> None:
    if row["Scale ID"] != "RL":  # Only the required level of education is shown.
        return
    share = _number(row, "Data Value")
    category = int(_number(row, "Category"))
    target["education"].setdefault("shares", {})[str(category)] = share


def _interest(row: Row, target: dict[str, Any]) -> None:
    value = _number(row, "Data Value")
    interests = target["interests"]
    if row["Scale ID"] == "OI":
        interests.setdefault("scores", {})[clean_line(row["Element Name"])] = value
    elif row["Scale ID"] == "IH" and 1 <= value <= len(RIASEC):
        interests.setdefault("high_point", []).append(RIASEC[int(value) - 1])


def _work_style(row: Row, target: dict[str, Any]) -> None:
    if row["Scale ID"] == "IM":
        importance = _number(row, "Data Value")
        target["work_styles"].append(
            {"name": clean_line(row["Element Name"]), "importance": importance}
        )


def _related(row: Row, target: dict[str, Any]) -> None:
    other = row["Related O*NET-SOC Code"]
    if not _CODE_PATTERN.match(other):
        raise BadValue("Related O*NET-SOC Code", f"not an O*NET-SOC code: {other[:40]!r}")
    index = int(_number(row, "Index"))
    target["related"].append({"code": other, "tier": row["Relatedness Tier"], "index": index})


_DETAIL_FILES: tuple[tuple[_File, Handler], ...] = (
    (_File("Task Statements.txt", ("Task", "Task Type")), _task),
    (
        _File(
            "Technology Skills.txt", ("Example", "Commodity Title", "Hot Technology", "In Demand")
        ),
        _technology,
    ),
    (_File("Tasks to DWAs.txt", ("DWA ID",)), _activity),
    (_File("Tools Used.txt", ("Example", "Commodity Title")), _tool),
    (_File("Alternate Titles.txt", ("Alternate Title", "Short Title")), _alternate_title),
    (_File("Job Zones.txt", ("Job Zone",)), _job_zone),
    (
        _File("Education, Training, and Experience.txt", ("Scale ID", "Category", "Data Value")),
        _education,
    ),
    (_File("Interests.txt", ("Element Name", "Scale ID", "Data Value")), _interest),
    (_File("Work Styles.txt", ("Element Name", "Scale ID", "Data Value")), _work_style),
    (
        _File("Related Occupations.txt", ("Related O*NET-SOC Code", "Relatedness Tier", "Index")),
        _related,
    ),
)


# --- reference files and the finishing touches


def _job_zone_reference(read: OnetRead, folder: Path) -> dict[int, dict[str, str]]:
    zones: dict[int, dict[str, str]] = {}
    for line, row in _rows(read, folder, JOB_ZONE_REFERENCE, keyed=False):
        try:
            zone = int(_number(row, "Job Zone"))
        except BadValue as error:
            read.reject(JOB_ZONE_REFERENCE.name, line, error.column, str(error))
            continue
        zones[zone] = {
            "name": clean_line(row["Name"]),
            "education": clean_line(row["Education"]),
            "experience": clean_line(row["Experience"]),
            "training": clean_line(row["Job Training"]),
        }
    return zones


def _dwa_reference(read: OnetRead, folder: Path) -> dict[str, str]:
    return {
        row["DWA ID"]: clean_line(row["DWA Title"])
        for _, row in _rows(read, folder, DWA_REFERENCE, keyed=False)
    }


def _education_categories(read: OnetRead, folder: Path) -> dict[int, str]:
    labels: dict[int, str] = {}
    for line, row in _rows(read, folder, EDUCATION_CATEGORIES, keyed=False):
        if row["Scale ID"] != "RL":
            continue
        try:
            category = int(_number(row, "Category"))
        except BadValue as error:
            read.reject(EDUCATION_CATEGORIES.name, line, error.column, str(error))
            continue
        # "Post-Secondary Certificate - awarded for ..." reads as "Post-Secondary Certificate".
        labels[category] = clean_line(row["Category Description"]).split(" - ")[0]
    return labels


def _finish(
    occupation: dict[str, Any],
    zones: dict[int, dict[str, str]],
    categories: dict[int, str],
    activities: dict[str, str],
) -> None:
    """Order what pages show first: core tasks, hot technologies, the most important styles,
    the activities most of its tasks involve."""
    counted = Counter(occupation["activities"])
    occupation["activities"] = [
        activities[dwa]
        for dwa, _ in sorted(counted.items(), key=lambda item: (-item[1], item[0]))
        if dwa in activities
    ]
    occupation["tasks"].sort(key=lambda task: not task["core"])
    occupation["technologies"].sort(
        key=lambda t: (not t["hot"], not t["in_demand"], t["name"].casefold())
    )
    occupation["work_styles"].sort(key=lambda style: -style["importance"])
    occupation["related"].sort(key=lambda related: related["index"])
    shares = occupation["education"].pop("shares", {})
    education: dict[str, Any] = {}
    zone = occupation["job_zone"]
    if zone in zones:
        education.update({"zone": zone, **zones[zone]})
    if shares:
        education["levels"] = [
            {"level": categories.get(int(category), f"Category {category}"), "share": share}
            for category, share in sorted(shares.items(), key=lambda item: int(item[0]))
            if share >= 1.0
        ]
    occupation["education"] = education

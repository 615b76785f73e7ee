"""The layer contract of docs/architecture.md: every import in the package runs down the layers.

A layer lists packages (or top-level modules); a module belongs to the longest name that
prefixes it, except that every feature's ``routes`` module belongs to the ``api`` layer. A
module may import its own package, anything in a lower layer, and, where a layer says so,
its siblings. A new feature package takes its place by adding its name to a layer here and to
the diagram in docs/architecture.md; a layer may name packages that do not exist yet.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "courseatlas"


@dataclass(frozen=True)
class Layer:
    name: str
    members: tuple[str, ...]
    siblings_may_import: bool = False  # otherwise the members are independent of each other


# Bottom to top.
LAYERS = (
    Layer(
        "foundations",
        ("settings", "errors", "logging", "text", "cache", "collector", "__init__"),
        siblings_may_import=True,
    ),
    Layer("db", ("db",)),
    Layer("catalog", ("catalog",)),
    Layer("ingest", ("ingest",)),
    Layer("search", ("search", "semantic")),
    Layer("matching", ("matching",)),
    Layer("careers", ("careers",)),
    Layer("topics", ("topics",)),
    Layer(
        "accounts",
        ("accounts", "lists", "referrals", "exports", "images"),
        siblings_may_import=True,
    ),
    Layer("http", ("http",)),
    Layer("site and api", ("site", "api")),
    Layer("app", ("app", "demo", "migrations"), siblings_may_import=True),
    Layer("cli", ("cli", "__main__"), siblings_may_import=True),
)

# Deliberate exceptions, each named in docs/architecture.md: (importer, imported) prefixes.
EXCEPTIONS: set[tuple[str, str]] = set()


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)


def _imports(path: Path) -> set[str]:
    """Every courseatlas module the file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found |= {n.removeprefix("courseatlas.") for n in names if n.startswith("courseatlas.")}
    return found


# A feature's web-facing roles sit in the web layers, whatever its folder: its request
# dependencies with http, its pages (and admin pages) with the site, its routes with the api.
ROLES = {"deps": "http", "pages": "site", "admin": "site", "web": "site", "routes": "api"}


def _member(module: str) -> str:
    """The layer member a module belongs to: its top-level package, or the layer of its role."""
    parts = module.split(".")
    for part in parts[1:]:
        if part in ROLES and parts[0] not in ROLES.values():
            return ROLES[part]
    return parts[0]


def _layer(member: str) -> int:
    for position, layer in enumerate(LAYERS):
        if member in layer.members:
            return position
    raise AssertionError(f"{member!r} is in no layer: add it to LAYERS and the diagram")


def _allowed(importer: str, imported: str) -> bool:
    mine, theirs = _member(importer), _member(imported)
    if mine == theirs:
        return True
    below, above = _layer(theirs), _layer(mine)
    return below < above or (below == above and LAYERS[above].siblings_may_import)


def _excepted(importer: str, imported: str) -> bool:
    return any(
        importer.startswith(mine) and imported.startswith(theirs) for mine, theirs in EXCEPTIONS
    )


def _edges() -> list[tuple[str, str]]:
    edges = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "versions" in path.parts:  # migration scripts import no package module by rule
            continue
        importer = _module_name(path)
        edges += [(importer, imported) for imported in sorted(_imports(path))]
    # Names imported from a package (``from courseatlas.search import analyzers``) count as
    # modules of it; ``from courseatlas import __version__`` is the package itself.
    return [(a, b) for a, b in edges if b.split(".")[0] != "__version__"]


def test_every_import_runs_down_the_layers() -> None:
    upward = [
        f"{importer} imports {imported}"
        for importer, imported in _edges()
        if not _allowed(importer, imported) and not _excepted(importer, imported)
    ]
    assert upward == []


def test_every_exception_is_still_needed() -> None:
    needed = {
        (mine, theirs)
        for importer, imported in _edges()
        for mine, theirs in EXCEPTIONS
        if not _allowed(importer, imported)
        and importer.startswith(mine)
        and imported.startswith(theirs)
    }
    assert needed == EXCEPTIONS


def test_every_package_is_in_a_layer() -> None:
    for path in PACKAGE.iterdir():
        if path.name.startswith((".", "_")) and path.name != "__init__.py":
            continue
        if path.suffix == ".py" or (path / "__init__.py").exists():
            _layer(_member(path.stem if path.suffix == ".py" else path.name))


@pytest.mark.parametrize(
    ("importer", "imported", "allowed"),
    [
        ("search.runtime", "catalog.models", True),
        ("catalog.models", "search.runtime", False),
        ("search.runtime", "semantic.meaning", False),  # independent members of one layer
        ("lists.service", "accounts.models", True),  # may import siblings
        ("accounts.service", "http.deps", False),
        ("accounts.routes", "http.deps", True),  # routes are the api layer
        ("site.pages.search", "search.routes", False),  # pages call services, not routes
        ("db.database", "settings", True),
    ],
)
def test_the_rule_itself(importer: str, imported: str, allowed: bool) -> None:
    assert _allowed(importer, imported) is allowed

"""The import graph between prepapp's apps, and the order it must follow.

Data flows one way: an app may import the apps below it in `LAYERS` (and those in its own
layer that come before it), never one above. The shared base modules (prepapp/*.py) sit at
the bottom; the project's own wiring (settings, the root URLconf, wsgi) sits above every app,
because it names them all.

    python -m tools.import_graph          # the graph, then any import that goes up; exit 1 if any

Imports are read with `ast`, so a function-level import or one under TYPE_CHECKING counts
like any other. Only Python imports are seen: a model named by string
("practice.Answer") or a template included across apps is not an import here.
tests/test_import_graph.py runs the same functions.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "prepapp"

# The one declared order, lowest first. An app may import any app in a lower layer and any
# app before it in its own layer; the order inside a layer is part of the declaration.
# A new app goes in here (tests/test_import_graph.py fails for an app under prepapp/ that
# is not listed).
LAYERS: list[list[str]] = [
    ["base"],  # prepapp/*.py: htmx, owned, fields, percent, widgets, zoned, ...
    ["library"],  # the content pack, and the rubric shared by answers and mocks
    ["accounts"],  # the user, sign-in, settings, account deletion
    ["checklist", "practice", "mocks"],  # a user's own rows; mocks link answers
    # Read or write the apps below. reminders and sharing are being built on other branches
    # this session, placed here ahead of the merge: the export carries sharing's comments,
    # so sharing comes before portability; move them if the graph says otherwise.
    ["dashboard", "reminders", "sharing", "portability", "demo"],
    ["project"],  # settings.py, urls.py, wsgi.py: the wiring that names every app
]

# Modules directly under prepapp/ that wire the project together rather than serve the apps.
PROJECT_MODULES = {"settings", "urls", "wsgi"}


@dataclass(frozen=True)
class Edge:
    """One import statement from an app's module to another app."""

    source: str
    target: str
    path: str  # relative to the repository root
    line: int
    module: str  # what was imported, dotted


def order() -> list[str]:
    """Every declared app, lowest first."""
    return [app for layer in LAYERS for app in layer]


def rank(app: str) -> int:
    return order().index(app)


def app_of_module(dotted: str) -> str | None:
    """The app a dotted module name belongs to; None outside prepapp."""
    parts = dotted.split(".")
    if parts[0] != PACKAGE:
        return None
    if len(parts) == 1:
        return "base"
    if (ROOT / PACKAGE / parts[1]).is_dir():
        return parts[1]
    return "project" if parts[1] in PROJECT_MODULES else "base"


def _dotted(path: Path) -> str:
    relative = path.relative_to(ROOT).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imported(path: Path, tree: ast.AST) -> list[tuple[int, str]]:
    """(line, dotted name) of every import in the module, at any depth."""
    own = _dotted(path).split(".")
    package = own if path.name == "__init__.py" else own[:-1]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            if stem == PACKAGE:
                # `from prepapp import library` imports the app library, not prepapp itself.
                found += [(node.lineno, f"{stem}.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, stem))
    return found


def app_modules() -> list[Path]:
    return sorted((ROOT / PACKAGE).rglob("*.py"))


def edges(paths: list[Path] | None = None) -> list[Edge]:
    """Every import from one app to another (an app importing itself is left out)."""
    result = []
    for path in app_modules() if paths is None else paths:
        source = app_of_module(_dotted(path))
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, module in _imported(path, tree):
            target = app_of_module(module)
            if target is None or target == source:
                continue
            relative = path.relative_to(ROOT).as_posix()
            result.append(Edge(source, target, relative, line, module))
    return result


def undeclared(found: list[Edge] | None = None) -> list[str]:
    """Apps (directories under prepapp/ with Python in them) missing from LAYERS."""
    apps = {p.parent.name for p in (ROOT / PACKAGE).glob("*/__init__.py")}
    apps |= {e.source for e in found or []} | {e.target for e in found or []}
    return sorted(apps - set(order()))


def upward(found: list[Edge]) -> list[Edge]:
    """The imports that break the order: an app importing one declared above it."""
    declared = set(order())
    return [
        e
        for e in found
        if e.source in declared and e.target in declared and rank(e.target) > rank(e.source)
    ]


def graph(found: list[Edge]) -> dict[str, dict[str, int]]:
    """app -> {app it imports: number of import statements}."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for e in found:
        counts[e.source][e.target] += 1
    return {source: dict(targets) for source, targets in counts.items()}


def report(found: list[Edge]) -> str:
    counts = graph(found)
    lines = ["Declared order, lowest first (an app imports only what is left of it):"]
    lines.append("  " + " < ".join(", ".join(layer) for layer in LAYERS))
    lines.append("")
    lines.append("Imports between apps (statements):")
    known = order()
    for source in sorted(
        counts, key=lambda a: (a not in known, known.index(a) if a in known else 0)
    ):
        targets = counts[source]
        ranked = sorted(targets, key=lambda a: known.index(a) if a in known else len(known))
        lines.append(f"  {source:12} -> " + ", ".join(f"{t} ({targets[t]})" for t in ranked))
    bad = upward(found)
    missing = undeclared(found)
    lines.append("")
    if missing:
        lines.append(
            "Not in LAYERS (declare them in tools/import_graph.py): " + ", ".join(missing)
        )
    if bad:
        lines.append("Imports that go up the order:")
        lines += [f"  {e.path}:{e.line}: {e.source} imports {e.module} ({e.target})" for e in bad]
    if not missing and not bad:
        lines.append("No import goes up the order.")
    return "\n".join(lines)


def main() -> int:
    found = edges()
    print(report(found))
    return 1 if upward(found) or undeclared(found) else 0


if __name__ == "__main__":
    sys.exit(main())

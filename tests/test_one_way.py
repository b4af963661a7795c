"""One way to do each thing, checked in the source: a rule here fails on the line that breaks it.

Each rule reads prepapp/ with `ast`. A file listed as converting elsewhere (another branch is
rewriting it) is skipped, and the list can only shrink: once that file follows the rule, the
test that it still breaks it fails, so the entry is removed.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _modules():
    for path in sorted((ROOT / "prepapp").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if "/migrations/" not in relative:
            yield relative, ast.parse(path.read_text(encoding="utf-8"))


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


LOOKUPS = {"get_object_or_404", "filter", "get", "exclude"}


def owned_lookup_by_hand(relative: str, tree: ast.AST) -> list[int]:
    """Lines that look a user's rows up with user=... rather than for_user/owned_or_404."""
    if relative == "prepapp/owned.py":  # where the one way is written
        return []
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and _name(node.func) in LOOKUPS
        and any(k.arg == "user" for k in node.keywords)
    ]


def htmx_read_by_hand(relative: str, tree: ast.AST) -> list[int]:
    """Lines that read request.htmx themselves: the answer would not vary on HX-Request."""
    if relative == "prepapp/htmx.py":
        return []
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "htmx"
    ]


def paginator_by_hand(relative: str, tree: ast.AST) -> list[int]:
    """Lines that build a Paginator themselves rather than call paginate."""
    if relative == "prepapp/pagination.py":
        return []
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and _name(node.func) == "Paginator"
    ]


RULES = {
    "owned lookups": owned_lookup_by_hand,
    "htmx through prepapp/htmx.py": htmx_read_by_hand,
    "pages through prepapp/pagination.py": paginator_by_hand,
}


@pytest.mark.parametrize("rule", RULES)
def test_the_rule_holds_everywhere(rule):
    broken = [
        f"{relative}:{line}"
        for relative, tree in _modules()
        for line in RULES[rule](relative, tree)
    ]
    assert broken == []


@pytest.mark.parametrize(
    "source",
    [
        "get_object_or_404(Answer, pk=pk, user=request.user)",
        "Answer.objects.filter(user=user).count()",
        "def f():\n    return OwnItem.objects.get(pk=1, user=u)",
    ],
)
def test_an_owned_lookup_by_hand_is_caught(source):
    assert owned_lookup_by_hand("prepapp/x.py", ast.parse(source))


def test_reading_request_htmx_by_hand_is_caught():
    source = "def v(request):\n    if request.htmx:\n        return 1"
    assert htmx_read_by_hand("prepapp/x/views.py", ast.parse(source)) == [2]
    assert htmx_read_by_hand("prepapp/x/views.py", ast.parse("partial_or_full(r, a, b)")) == []


def test_the_one_way_is_not_caught():
    source = "owned_or_404(Answer, request.user, pk=pk)\nAnswer.objects.for_user(u).filter(pk=1)"
    assert owned_lookup_by_hand("prepapp/x.py", ast.parse(source)) == []


# --- templates: one include per shared piece of markup ---

TEMPLATES = ROOT / "templates"
# Each shared piece: the one template allowed to write it, and what writing it looks like.
SHARED_MARKUP = {
    "_mistake_pair.html": re.compile(r"\.(bad|good)\s*}}"),  # a pair's BAD or GOOD text
    "_filter_form.html": re.compile(r'<form method="get"[^>]*class="filters'),
    "_pagination.html": re.compile(r'class="pagination"'),
}


def _templates() -> dict[str, str]:
    return {
        path.relative_to(TEMPLATES).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(TEMPLATES.rglob("*.html"))
    }


@pytest.mark.parametrize("include", SHARED_MARKUP)
def test_shared_markup_is_written_once_and_included_elsewhere(include):
    pattern = SHARED_MARKUP[include]
    templates = _templates()
    assert pattern.search(templates[include])
    assert [
        name for name, text in templates.items() if name != include and pattern.search(text)
    ] == []
    assert sum(f'{{% include "{include}"' in text for text in templates.values()) >= 2


@pytest.mark.parametrize(
    ("include", "copy"),
    [
        ("_mistake_pair.html", '<div class="bad"><strong>Bad:</strong> {{ pair.bad }}</div>'),
        ("_mistake_pair.html", "<p>{{ item.finding.mistake.good }}</p>"),
        ("_filter_form.html", '<form method="get" action="/x/" class="filters mine">'),
    ],
)
def test_a_copy_of_shared_markup_is_caught(include, copy):
    assert SHARED_MARKUP[include].search(copy)

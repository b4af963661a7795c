"""The dashboard owns no tables and reads the apps' data only through their selectors."""

from __future__ import annotations

import ast
from pathlib import Path

import prepapp.dashboard

DASHBOARD = Path(prepapp.dashboard.__file__).parent
USER_APPS = ("prepapp.checklist", "prepapp.practice", "prepapp.mocks")


def _model_names_imported(tree: ast.Module) -> set[str]:
    return {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and node.module
        and node.module.startswith(USER_APPS)
        and node.module.endswith(".models")
        for alias in node.names
    }


def test_no_manager_of_another_apps_model_is_used():
    offences = []
    for path in sorted(DASHBOARD.glob("*.py")):
        tree = ast.parse(path.read_text())
        models = _model_names_imported(tree)
        for node in ast.walk(tree):
            # Model.objects..., Model.mistakes.through.objects...: a direct query.
            if isinstance(node, ast.Attribute) and node.attr == "objects":
                root = node.value
                while isinstance(root, ast.Attribute):
                    root = root.value
                if isinstance(root, ast.Name) and root.id in models:
                    offences.append(f"{path.name}:{node.lineno} {root.id}")
    assert offences == []

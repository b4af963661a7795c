"""Data flows one way: no app imports one above it (tools/import_graph.py declares the order)."""

from __future__ import annotations

import textwrap

import pytest

from tools import import_graph


def test_no_app_imports_one_above_it():
    bad = import_graph.upward(import_graph.edges())
    assert not bad, "\n".join(f"{e.path}:{e.line}: {e.source} imports {e.module}" for e in bad)


def test_every_app_is_in_the_declared_order():
    assert import_graph.undeclared(import_graph.edges()) == []


def test_the_command_prints_the_graph_and_passes(capsys):
    assert import_graph.main() == 0
    out = capsys.readouterr().out
    assert "portability  -> " in out
    assert "No import goes up the order." in out


@pytest.fixture
def fake_tree(tmp_path, monkeypatch):
    """A throwaway prepapp/ with the real apps' names, for imports written on purpose."""
    monkeypatch.setattr(import_graph, "ROOT", tmp_path)
    for app in ("accounts", "practice", "library"):
        (tmp_path / "prepapp" / app).mkdir(parents=True)
        (tmp_path / "prepapp" / app / "__init__.py").write_text("")
    (tmp_path / "prepapp" / "__init__.py").write_text("")

    def write(relative: str, source: str) -> None:
        (tmp_path / relative).write_text(textwrap.dedent(source))

    return write


@pytest.mark.parametrize(
    "source",
    [
        "from prepapp.practice.models import Answer\n",
        "import prepapp.practice.models\n",
        "from prepapp import practice\n",
        "from ..practice import models\n",
        # The import that hides best: inside a function, run only when called.
        "def f():\n    from prepapp.practice.answers import answer_create\n",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from prepapp.practice import models\n",
    ],
)
def test_an_import_up_the_order_is_caught_however_it_is_written(fake_tree, source):
    fake_tree("prepapp/accounts/thing.py", source)
    bad = import_graph.upward(import_graph.edges())
    assert [(e.source, e.target, e.path) for e in bad] == [
        ("accounts", "practice", "prepapp/accounts/thing.py")
    ]
    assert import_graph.main() == 1


def test_an_import_down_the_order_passes(fake_tree):
    fake_tree("prepapp/practice/thing.py", "from prepapp.accounts.models import User\n")
    fake_tree(
        "prepapp/accounts/other.py", "from prepapp.library import rubric\nfrom . import thing\n"
    )
    found = import_graph.edges()
    assert {(e.source, e.target) for e in found} == {
        ("practice", "accounts"),
        ("accounts", "library"),
    }
    assert import_graph.upward(found) == []


def test_a_base_module_importing_an_app_is_caught(fake_tree):
    fake_tree("prepapp/owned.py", "def f():\n    from prepapp.library.models import Question\n")
    assert [(e.source, e.target) for e in import_graph.upward(import_graph.edges())] == [
        ("base", "library")
    ]


def test_an_app_left_out_of_the_order_is_reported(fake_tree):
    (import_graph.ROOT / "prepapp" / "newapp").mkdir()
    fake_tree("prepapp/newapp/__init__.py", "")
    assert import_graph.undeclared(import_graph.edges()) == ["newapp"]
    assert import_graph.main() == 1

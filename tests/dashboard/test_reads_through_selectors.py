"""The dashboard owns no tables and reads the apps' data only through their selectors."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import prepapp.dashboard
from prepapp.dashboard.overview import SHOWN, overview_build
from prepapp.library.selectors import mistake_pairs_by_slug, rounds_in_order
from tests.mocks.factories import MockInterviewFactory
from tests.practice.helpers import cards_bulk

DASHBOARD = Path(prepapp.dashboard.__file__).parent


def _managers_used(tree: ast.Module) -> list[int]:
    """Lines with `X.objects`: the dashboard has no model, so any is another app's table,
    the content pack's included (library.selectors reads it)."""
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "objects"
    ]


def test_no_manager_is_used():
    offences = [
        f"{path.name}:{line}"
        for path in sorted(DASHBOARD.glob("*.py"))
        for line in _managers_used(ast.parse(path.read_text()))
    ]
    assert offences == []


def test_a_direct_query_is_caught():
    source = (
        "def f(user):\n    return Round.objects.all(), Answer.mistakes.through.objects.count()"
    )
    assert _managers_used(ast.parse(source)) == [2, 2]


@pytest.mark.django_db
def test_the_library_selectors_read_the_whole_pack_in_one_query_each(
    pack, django_assert_num_queries
):
    with django_assert_num_queries(1):
        rounds = rounds_in_order()
    assert [r.order for r in rounds] == sorted(r.order for r in rounds) and len(rounds) > 1
    with django_assert_num_queries(1):
        pairs = mistake_pairs_by_slug()
    assert pairs and all(pair.slug == slug for slug, pair in pairs.items())


@pytest.mark.django_db
def test_each_list_shows_at_most_the_same_few_rows(user, pack):
    cards_bulk(user, SHOWN + 2)
    for _ in range(SHOWN + 2):
        MockInterviewFactory(user=user)
    overview = overview_build(user)
    assert len(overview.due_cards) == SHOWN and overview.due_total == SHOWN + 2
    assert len(overview.upcoming) == SHOWN

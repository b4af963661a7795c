"""prepapp/pagination.py and templates/_pagination.html: one way to page a list."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from prepapp.checklist.models import OwnItem
from prepapp.pagination import MAX_PAGE, UncountedPage, paginate
from tests.checklist.factories import own_items_bulk

pytestmark = pytest.mark.django_db


def _get(**query):
    return RequestFactory().get("/list/", query)


@pytest.fixture
def items(user):
    own_items_bulk(user, 5)
    return OwnItem.objects.for_user(user).order_by("pk")


def test_a_counted_page_is_djangos_and_a_bad_number_is_a_real_page(items):
    page = paginate(_get(page="2"), items, 2)
    assert page.number == 2 and len(page.object_list) == 2
    assert page.paginator.num_pages == 3
    assert paginate(_get(page="x"), items, 2).number == 1
    assert paginate(_get(page="99"), items, 2).number == 3  # past the end: the last page


def test_an_uncounted_page_runs_one_query_and_knows_if_more_follow(
    items, django_assert_num_queries
):
    with django_assert_num_queries(1):
        page = paginate(_get(page="2"), items, 2, count=False)
    assert [i.pk for i in page] == [i.pk for i in items[2:4]]
    assert page.has_previous() and page.has_next() and page.has_other_pages()
    assert (page.previous_page_number(), page.next_page_number()) == (1, 3)
    last = paginate(_get(page="3"), items, 2, count=False)
    assert len(last) == 1 and not last.has_next()


@pytest.mark.parametrize(("raw", "number"), [("", 1), ("0", 1), ("-3", 1), ("x", 1), ("2", 2)])
def test_an_uncounted_page_number_that_names_no_page_is_the_first(items, raw, number):
    assert paginate(_get(page=raw), items, 2, count=False).number == number


def test_an_uncounted_page_is_capped_and_past_the_end_is_empty(items):
    page = paginate(_get(page="5000"), items, 2, count=False)
    assert page.number == MAX_PAGE and len(page) == 0 and not page
    only = paginate(_get(), items, 10, count=False)
    assert not only.has_other_pages()


def _nav(page, request, **labels) -> str:
    return render_to_string("_pagination.html", {"page": page, **labels}, request=request)


def test_the_template_says_of_how_many_only_when_counted_and_keeps_the_query(items):
    request = _get(page="2", round="technical")
    counted = _nav(paginate(request, items, 2), request)
    assert "Page 2 of 3" in counted
    assert "round=technical" in counted and "page=1" in counted
    assert ">Previous<" in counted and ">Next<" in counted
    uncounted = _nav(
        paginate(request, items, 2, count=False), request, previous="Newer", next="Older"
    )
    assert "Page 2</span>" in uncounted and " of " not in uncounted
    assert ">Newer<" in uncounted and ">Older<" in uncounted
    assert "round=technical" in uncounted and "page=3" in uncounted


def test_a_single_page_shows_no_navigation(items):
    request = _get()
    assert _nav(UncountedPage([], 1, more=False), request).strip() == ""
    assert "nav" not in _nav(paginate(request, items, 10), request)

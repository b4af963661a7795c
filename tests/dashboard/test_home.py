from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from prepapp.demo.seeding import demo_seed
from prepapp.library.models import ChecklistItem
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("dashboard:home")


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_new_user_sees_first_steps_instead_of_empty_widgets(auth_client, pack):
    body = auth_client.get(URL).content.decode()
    assert "Start here: your first ten minutes" in body
    for name in ("accounts:settings", "checklist:index", "library:questions", "mocks:create"):
        assert f'href="{reverse(name)}"' in body
    assert f"{ChecklistItem.objects.count()} items" in body
    # None of the widgets that would be empty on day one.
    assert "ready</p>" not in body
    assert "<svg" not in body
    assert "Round coverage" not in body
    assert "needs work" not in body
    assert "Mistakes that keep coming back" not in body


def test_new_user_with_a_date_sees_the_countdown_and_no_date_step(auth_client, user, pack):
    user.interview_date = timezone.localdate() + timedelta(days=20)
    user.save()
    body = auth_client.get(URL).content.decode()
    assert "20 days to your interview" in body
    assert "Start here: your first ten minutes" in body
    assert "Set the date of your interview" not in body


def test_ticked_but_unpractised_shows_empty_states_not_empty_widgets(auth_client, user, pack):
    from prepapp.checklist.ticking import tick_set

    tick_set(user, ChecklistItem.objects.order_by("pk").first(), True)
    body = auth_client.get(URL).content.decode()
    assert "Start here" not in body
    assert "ready</p>" in body
    assert "No answers in the last 12 weeks." in body
    assert "<svg" not in body
    assert "The figures as a table" not in body
    assert "No round practised or mocked yet." in body
    assert "needs work" not in body


def test_chart_axes_and_legend_are_labelled(auth_client, user, pack):
    demo_seed(user, answers=10, mocks=2)
    body = auth_client.get(URL).content.decode()
    chart = body.split('<svg class="chart"')[1].split("</svg>")[0]
    for title in ("Answers per week", "Average self-assessment", "Week starting"):
        assert re.search(rf'<text class="axis-title"[^>]*>{title}</text>', chart)
    legend = body.split('<ul class="list-plain chart-legend">')[1].split("</ul>")[0]
    assert "Answers per week (bars, left axis)" in legend
    assert "Average self-assessment, 1 to 5 (line, right axis)" in legend


def test_dashboard_after_activity(auth_client, user, pack):
    demo_seed(user, answers=30, mocks=8)
    body = auth_client.get(URL).content.decode()
    assert "Start here" not in body
    assert "30 answers in all" in body
    assert "How this is computed" in body
    # The chart is accessible: titled, described, with a table to fall back on.
    assert '<svg class="chart"' in body and 'role="img"' in body
    assert '<title id="chart-title">' in body and '<desc id="chart-desc">' in body
    assert "The figures as a table" in body
    assert "Round coverage" in body and "needs work" in body
    assert "Mistakes that keep coming back" in body and "GOOD:" in body
    assert "Upcoming mock interviews" in body


def test_countdown_lists_what_is_left(auth_client, user, pack):
    user.interview_date = timezone.localdate() + timedelta(days=12)
    user.save()
    body = auth_client.get(URL).content.decode()
    assert "12 days to your interview" in body
    total = ChecklistItem.objects.count()
    assert f"{total} checklist items to tick" in body
    assert "11 rounds not practised yet" in body


def test_readiness_shown_matches_the_computation(auth_client, user, pack):
    from prepapp.dashboard.overview import overview_build

    demo_seed(user, answers=20, mocks=5)
    expected = overview_build(user).readiness.percent
    body = auth_client.get(URL).content.decode()
    assert re.search(rf"<span>{expected}%</span> ready", body)


def test_only_own_data_is_shown(auth_client, other_user, pack):
    demo_seed(other_user, answers=15, mocks=4)
    body = auth_client.get(URL).content.decode()
    # Someone else's answers and mocks do not make this user's dashboard start.
    assert "Start here: your first ten minutes" in body
    assert "answers in all" not in body


def test_a_post_refreshes_the_cached_overview(auth_client, user, pack):
    first = auth_client.get(URL).content.decode()
    assert "Start here" in first
    item = ChecklistItem.objects.order_by("pk").first()
    response = auth_client.post(reverse("checklist:tick", args=[item.pk]), {"done": "1"})
    assert response.status_code == 302
    second = auth_client.get(URL).content.decode()
    assert "1 of " in second


def test_query_count_is_the_same_for_a_new_and_a_heavy_user(
    client, pack, django_assert_num_queries
):
    newcomer, heavy = UserFactory(), UserFactory()
    demo_seed(heavy, answers=2000, mocks=200)
    counts = []
    for person in (newcomer, heavy):
        client.force_login(person)
        cache.clear()
        # session, user, checklist progress, answer totals, 12 weeks, rounds, finding
        # mistakes, tagged mistakes, rounds list, mock coverage, review cards, due cards,
        # upcoming mocks, mock mistakes, mistake pairs, coaches' open comments
        with django_assert_num_queries(16):
            response = client.get(URL)
        assert response.status_code == 200
        # Cached: only the session, the user and the open comments' count (outside the
        # cache: a coach's comment does not change the candidate's data version).
        with django_assert_num_queries(3) as cached:
            client.get(URL)
        counts.append(len(cached.captured_queries))
    assert counts == [3, 3]


def test_checklist_card_and_readiness_workings_show_the_same_percentage(auth_client, user, pack):
    """6 of 21 is 28.6%: once shown as 28% on the checklist card and 29% in the workings."""
    from prepapp.checklist.ticking import tick_set
    from tests.checklist.factories import own_items_bulk

    own_items_bulk(user, 21 - ChecklistItem.objects.count(), ticked=False)
    for item in ChecklistItem.objects.order_by("pk")[:6]:
        tick_set(user, item, True)
    body = auth_client.get(URL).content.decode()
    assert "6 of 21 done (28%)" in body
    assert re.search(
        r"<th scope=\"row\">Checklist</th><td data-label=\"Measured as\">[^<]*</td>"
        r"<td data-label=\"Yours\">28%</td>",
        body,
    )
    assert "29%" not in body

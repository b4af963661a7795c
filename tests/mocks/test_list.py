from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from prepapp.library.models import Round
from prepapp.mocks.feeds import feed_rotate
from prepapp.mocks.models import MockInterview
from tests.mocks.factories import CalendarFeedFactory, MockInterviewFactory, mocks_bulk

pytestmark = pytest.mark.django_db

URL = reverse("mocks:list")
# session, user, rounds, upcoming, past page, coverage aggregate, feed
QUERIES = 7


def _sections(html: str) -> tuple[str, str]:
    upcoming = html.split('id="upcoming-heading"', 1)[1].split('id="past-heading"', 1)[0]
    past = html.split('id="past-heading"', 1)[1].split('id="coverage-heading"', 1)[0]
    return upcoming, past


def test_upcoming_and_past_apart_in_order(auth_client, user):
    now = timezone.now()
    soon = MockInterviewFactory(
        user=user, scheduled_at=now + timedelta(days=1), interviewer="Soon"
    )
    later = MockInterviewFactory(
        user=user, scheduled_at=now + timedelta(days=9), interviewer="Later"
    )
    done = MockInterviewFactory(
        user=user, scheduled_at=now - timedelta(days=2), status="done", interviewer="Done one"
    )
    overdue = MockInterviewFactory(
        user=user, scheduled_at=now - timedelta(days=5), interviewer="Overdue"
    )
    cancelled = MockInterviewFactory(
        user=user,
        scheduled_at=now + timedelta(days=3),
        status="cancelled",
        interviewer="Called off",
    )
    response = auth_client.get(URL)
    assert response.status_code == 200
    upcoming, past = _sections(response.content.decode())
    assert upcoming.index("Soon") < upcoming.index("Later")
    assert "Done one" not in upcoming and "Called off" not in upcoming
    # Past: everything else, newest first; a cancelled future mock is kept there.
    assert past.index("Called off") < past.index("Done one") < past.index("Overdue")
    assert reverse("mocks:done", args=[overdue.pk]) in past
    assert reverse("mocks:done", args=[done.pk]) not in past
    assert {soon.pk, later.pk, cancelled.pk} <= set(
        MockInterview.objects.values_list("pk", flat=True)
    )


def test_only_own_mocks(auth_client, user, other_user):
    MockInterviewFactory(user=other_user, interviewer="Someone else's coach")
    MockInterviewFactory(user=user, interviewer="My coach")
    body = auth_client.get(URL).content.decode()
    assert "My coach" in body
    assert "Someone else&#x27;s coach" not in body and "Someone else's coach" not in body


def test_filters_by_round_and_status(auth_client, user):
    MockInterviewFactory(
        user=user, round=Round.objects.get(slug="technical"), interviewer="Tech peer"
    )
    MockInterviewFactory(
        user=user, round=Round.objects.get(slug="culture-fit"), interviewer="Culture peer"
    )
    MockInterviewFactory(
        user=user,
        round=Round.objects.get(slug="technical"),
        status="done",
        scheduled_at=timezone.now() - timedelta(days=1),
        interviewer="Tech done",
    )
    body = auth_client.get(URL, {"round": "technical"}).content.decode()
    sections = "".join(_sections(body))
    assert "Tech peer" in sections and "Tech done" in sections
    assert "Culture peer" not in sections
    body = auth_client.get(URL, {"round": "technical", "status": "done"}).content.decode()
    sections = "".join(_sections(body))
    assert "Tech done" in sections and "Tech peer" not in sections
    assert '<option value="technical" selected>' in body


def test_unknown_filter_values_are_ignored(auth_client, user):
    MockInterviewFactory(user=user, interviewer="Still listed")
    response = auth_client.get(URL, {"round": "no-such-round", "status": "bogus", "page": "x"})
    assert response.status_code == 200
    assert "Still listed" in response.content.decode()


def test_htmx_returns_the_sections_partial(auth_client, user):
    MockInterviewFactory(user=user, interviewer="Partial peer")
    response = auth_client.get(URL, {"status": "scheduled"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="mock-sections">')
    assert "Partial peer" in body
    assert "<html" not in body and "coverage-heading" not in body


def test_coverage_table_marks_rounds(auth_client, user):
    technical = Round.objects.get(slug="technical")
    past = timezone.now() - timedelta(days=3)
    MockInterviewFactory(
        user=user, round=technical, status="done", scheduled_at=past, overall_rating=4
    )
    MockInterviewFactory(
        user=user, round=technical, status="done", scheduled_at=past, overall_rating=3
    )
    body = auth_client.get(URL).content.decode()
    table = body.split('<table class="coverage', 1)[1].split("</table>", 1)[0]
    rows = table.split("<tr")[2:]
    assert len(rows) == Round.objects.count()
    tech_row = next(r for r in rows if technical.name in r)
    assert "3.5 / 5" in tech_row and "Not yet mocked" not in tech_row
    assert ">2<" in tech_row
    assert sum("Not yet mocked" in r for r in rows) == Round.objects.count() - 1


def test_feed_shown_when_created(auth_client, user):
    body = auth_client.get(URL).content.decode()
    assert "Create calendar feed" in body
    feed, _created = feed_rotate(user)  # the service, which the cached block listens to
    body = auth_client.get(URL).content.decode()
    assert f"http://testserver/mocks/calendar/{feed.token}.ics" in body
    assert "Reset feed address" in body


def test_past_pages_hold_twenty_like_the_answers_list(auth_client, user):
    from prepapp.practice.views.answers import PAGE_SIZE

    MockInterviewFactory.create_batch(
        PAGE_SIZE + 1, user=user, status="done", scheduled_at=timezone.now() - timedelta(days=2)
    )
    _upcoming, past = _sections(auth_client.get(URL).content.decode())
    assert past.count("mock-row") == PAGE_SIZE == 20
    assert "page=2" in past


def test_past_is_paged(auth_client, user, monkeypatch):
    mocks_bulk(user, 3, status="done")
    MockInterviewFactory(
        user=user,
        status="done",
        scheduled_at=timezone.now() - timedelta(days=400),
        interviewer="Oldest",
    )
    monkeypatch.setattr("prepapp.mocks.views.PAST_PER_PAGE", 2)
    first = auth_client.get(URL).content.decode()
    last = auth_client.get(URL, {"page": "2"}).content.decode()
    assert "Oldest" not in first and "page=2" in first
    assert "Oldest" in last and "page=1" in last and "page=3" not in last


@pytest.mark.parametrize("count", [1, 200])
def test_query_count_is_constant(auth_client, user, django_assert_num_queries, count):
    mocks_bulk(user, count)
    CalendarFeedFactory(user=user)
    with django_assert_num_queries(QUERIES):
        response = auth_client.get(URL)
    assert response.status_code == 200


def test_the_templates_rendered_do_not_grow_with_the_mocks(auth_client, user, pack):
    # An include per row was a fifth of the page's time with a hundred mocks (make bench).
    mocks_bulk(user, 1)
    few = len(auth_client.get(URL).templates)
    mocks_bulk(user, 30)
    assert len(auth_client.get(URL).templates) == few

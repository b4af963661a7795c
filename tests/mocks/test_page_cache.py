"""The mocks list's and mock page's cached blocks (prepapp/page_cache.py): each write the
user makes shows on the very next visit, another user's copy is never served, htmx and full
pages share an entry correctly, and the "Mark done" forms work from a second browser."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from prepapp.library.models import MistakePair, Question, Round
from prepapp.mocks.models import CalendarFeed
from prepapp.practice.models import Answer
from tests.mocks.factories import CalendarFeedFactory, MockInterviewFactory, mocks_bulk
from tests.mocks.test_edit import _data
from tests.mocks.test_list import QUERIES, _sections
from tests.sharing.factories import CommentFactory

pytestmark = pytest.mark.django_db

LIST = reverse("mocks:list")
HTMX = {"HX-Request": "true"}
# A hit on the list: session, user, rounds (the filter form).
LIST_WARM_QUERIES = 3
# The mock page: session, user, mock, questions, answers (with their questions), user
# questions, mistakes, coaches' comments; a hit: session, user, mock, comments.
DETAIL_QUERIES = 8
DETAIL_WARM_QUERIES = 4


def _get(client, url: str, **kwargs) -> str:
    response = client.get(url, **kwargs)
    assert response.status_code == 200
    return response.content.decode()


def _started(user, **fields):
    """A scheduled mock whose time has come: the list and its page offer "Mark done"."""
    return MockInterviewFactory(
        user=user, scheduled_at=timezone.now() - timedelta(hours=2), **fields
    )


def _done_url(mock) -> str:
    return reverse("mocks:done", args=[mock.pk])


# ------------------------------------------------------------------ the list


@pytest.mark.parametrize("count", [1, 200])
def test_list_cold_then_warm_query_counts(auth_client, user, django_assert_num_queries, count):
    mocks_bulk(user, count)
    CalendarFeedFactory(user=user)
    with django_assert_num_queries(QUERIES):
        cold = _get(auth_client, LIST)
    with django_assert_num_queries(LIST_WARM_QUERIES):
        warm = _get(auth_client, LIST)
    assert warm.count("mock-row") == cold.count("mock-row") > 0
    assert 'id="feed-url"' in warm


def test_list_create_edit_delete_show_on_the_next_visit(auth_client, user):
    _get(auth_client, LIST)
    round_ = Round.objects.get(slug="technical")
    when = timezone.localtime(timezone.now() + timedelta(days=4)).strftime("%Y-%m-%dT%H:%M")
    data = {"round": round_.pk, "scheduled_at": when, "status": "scheduled"}
    data |= {"format": "peer", "minutes": "45", "interviewer": "Ms Created"}
    assert auth_client.post(reverse("mocks:create"), data).status_code == 302
    upcoming, _past = _sections(_get(auth_client, LIST))
    assert "Ms Created" in upcoming

    mock = user.mock_interviews.get()
    auth_client.post(reverse("mocks:edit", args=[mock.pk]), _data(mock, interviewer="Ms Edited"))
    upcoming, _past = _sections(_get(auth_client, LIST))
    assert "Ms Edited" in upcoming and "Ms Created" not in upcoming

    auth_client.post(reverse("mocks:delete", args=[mock.pk]))
    assert "Ms Edited" not in _get(auth_client, LIST)


def test_list_mark_done_shows_on_the_next_visit_with_its_coverage(auth_client, user):
    mock = _started(user, interviewer="Ms Started")
    before = _get(auth_client, LIST)
    assert _done_url(mock) in before
    auth_client.post(_done_url(mock))
    after = _get(auth_client, LIST)
    assert _done_url(mock) not in after
    _upcoming, past = _sections(after)
    assert "status-done" in past
    coverage = after.split('<table class="coverage', 1)[1].split("</table>", 1)[0]
    row = next(r for r in coverage.split("<tr")[2:] if mock.round.name in r)
    assert "Not yet mocked" not in row


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_list_feed_created_and_reset_show_on_the_next_visit(auth_client, user, headers):
    assert "Create calendar feed" in _get(auth_client, LIST)
    auth_client.post(reverse("mocks:feed_reset"), headers=headers)
    feed = CalendarFeed.objects.get(user=user)
    assert feed.token in _get(auth_client, LIST)
    auth_client.post(reverse("mocks:feed_reset"), headers=headers)
    old, feed = feed.token, CalendarFeed.objects.get(user=user)
    page = _get(auth_client, LIST)
    assert feed.token in page and old not in page


def test_list_htmx_fragment_and_full_page_share_the_entry_rightly(auth_client, user):
    mock = _started(user, interviewer="Ms Fragment")
    url = f"{LIST}?round={mock.round.slug}"
    # The fragment first fills the entry; the full page then still has its whole frame.
    fragment = _get(auth_client, url, headers=HTMX)
    assert "<html" not in fragment and "Ms Fragment" in fragment
    page = _get(auth_client, url)
    assert "<html" in page and 'id="coverage-heading"' in page and "Ms Fragment" in page
    # A write, then the fragment: the new state, not the cached one.
    auth_client.post(_done_url(mock))
    assert _done_url(mock) not in _get(auth_client, url, headers=HTMX)
    assert _done_url(mock) not in _get(auth_client, url)


def test_list_filters_are_entries_of_their_own(auth_client, user):
    MockInterviewFactory(user=user, interviewer="Ms Case")
    MockInterviewFactory(
        user=user, round=Round.objects.get(slug="technical"), interviewer="Ms Tech"
    )
    assert "Ms Tech" in _get(auth_client, LIST)
    filtered = _get(auth_client, LIST, data={"round": "technical"})
    assert "Ms Tech" in filtered and "Ms Case" not in filtered


def test_list_another_user_never_gets_the_rows(auth_client, user, other_user):
    MockInterviewFactory(user=user, interviewer="Ms Mine")
    assert "Ms Mine" in _get(auth_client, LIST)
    other = Client()
    other.force_login(other_user)  # same path, minute and data version (0)
    assert "Ms Mine" not in _get(other, LIST)


def _token(html: str, action: str) -> str:
    form = re.search(rf'<form method="post" action="{re.escape(action)}".*?</form>', html, re.S)
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(0)).group(1)


@pytest.mark.parametrize("page", ["list", "detail"])
def test_mark_done_works_from_a_second_browser(auth_client, user, page):
    mock = _started(user)
    url = LIST if page == "list" else mock.get_absolute_url()
    _get(auth_client, url)  # the first browser fills the cache
    second = Client(enforce_csrf_checks=True)
    second.force_login(user)
    token = _token(_get(second, url), _done_url(mock))
    response = second.post(_done_url(mock), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    mock.refresh_from_db()
    assert mock.status == "done"


# ------------------------------------------------------------------ the mock page


@pytest.mark.parametrize("count", [1, 200])
def test_detail_cold_then_warm_query_counts(auth_client, user, django_assert_num_queries, count):
    mock = MockInterviewFactory(user=user, status="done")
    questions = list(Question.objects.all())
    answers = Answer.objects.bulk_create(
        Answer(user=user, question=questions[i % len(questions)], body="b") for i in range(count)
    )
    mock.answers.add(*answers)
    mock.questions.add(*questions[: min(count, len(questions))])
    mock.mistakes.add(*MistakePair.objects.all()[: min(count, 20)])
    CommentFactory.create_batch(count, answer=None, mock=mock)
    with django_assert_num_queries(DETAIL_QUERIES):
        cold = _get(auth_client, mock.get_absolute_url())
    with django_assert_num_queries(DETAIL_WARM_QUERIES):
        warm = _get(auth_client, mock.get_absolute_url())
    assert warm.count("Coach comment") == cold.count("Coach comment") == count


def test_detail_edit_mark_done_and_linking_show_on_the_next_visit(auth_client, user):
    mock = _started(user, interviewer="Ms Before")
    url = mock.get_absolute_url()
    assert _done_url(mock) in _get(auth_client, url)

    auth_client.post(_done_url(mock))
    page = _get(auth_client, url)
    assert _done_url(mock) not in page and "status-done" in page

    answer = Answer.objects.create(user=user, question=Question.objects.first(), body="b")
    mock.refresh_from_db()
    data = _data(mock, interviewer="Ms After", answers=[answer.pk], strengths="Calm under fire")
    assert auth_client.post(reverse("mocks:edit", args=[mock.pk]), data).status_code == 302
    page = _get(auth_client, url)
    assert "Ms After" in page and "Calm under fire" in page
    assert reverse("practice:answer", args=[answer.pk]) in page

    # Deleting the linked answer (another app's write) shows too.
    auth_client.post(reverse("practice:delete", args=[answer.pk]))
    assert reverse("practice:answer", args=[answer.pk]) not in _get(auth_client, url)


def test_detail_a_coach_comment_shows_on_the_next_visit(auth_client, user):
    """A coach's comment moves no data version of the candidate: it is outside the cache."""
    mock = MockInterviewFactory(user=user, status="done")
    _get(auth_client, mock.get_absolute_url())
    CommentFactory(answer=None, mock=mock, body="Tighten the opening")
    assert "Tighten the opening" in _get(auth_client, mock.get_absolute_url())


def test_detail_deleted_mock_is_404_even_when_cached(auth_client, user):
    mock = MockInterviewFactory(user=user)
    url = mock.get_absolute_url()
    _get(auth_client, url)
    mock.delete()  # behind the services' back: the data version does not move
    assert auth_client.get(url).status_code == 404


def test_detail_another_user_never_gets_the_page(auth_client, user, other_user):
    mock = MockInterviewFactory(user=user, interviewer="Ms Mine")
    _get(auth_client, mock.get_absolute_url())
    other = Client()
    other.force_login(other_user)
    assert other.get(mock.get_absolute_url()).status_code == 404

"""The coach's read-only pages: the candidate's data, only what was shared."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from prepapp.dashboard.overview import overview_build
from prepapp.demo.seeding import demo_seed
from prepapp.sharing.models import Share
from tests.factories import UserFactory
from tests.mocks.factories import MockInterviewFactory
from tests.practice.factories import AnswerFactory
from tests.sharing.factories import ShareFactory, shared_answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def share(user):
    """The signed-in user coaches a candidate."""
    return ShareFactory(coach=user)


def test_shared_with_me_lists_the_candidates(auth_client, share):
    html = auth_client.get(reverse("sharing:coaching")).content.decode()
    assert reverse("sharing:coach_view", args=[share.pk]) in html
    assert share.candidate.email in html


def test_a_pending_invitation_grants_nothing(client):
    coach = UserFactory()
    pending = ShareFactory(coach=None, accepted_at=None, invite_email=coach.email)
    client.force_login(coach)
    assert client.get(reverse("sharing:coach_view", args=[pending.pk])).status_code == 404
    assert pending.candidate.email not in client.get(reverse("sharing:coaching")).content.decode()


def test_the_overview_is_the_candidates_own_numbers(auth_client, user, share, pack):
    candidate = share.candidate
    demo_seed(candidate, answers=12, mocks=4)
    expected = overview_build(candidate)

    response = auth_client.get(reverse("sharing:coach_view", args=[share.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["o"].readiness.percent == expected.readiness.percent
    assert f"<strong>{expected.readiness.percent}%</strong> ready" in html
    assert f"{expected.checklist.done} of {expected.checklist.total} done" in html
    for mistake in expected.mistakes:
        assert mistake.title in html
    # The page is the coach's: their session and nav, not the candidate's.
    assert response.context["user"] == user
    assert response.wsgi_request.user == user


def test_marked_scope_shows_only_marked_answers(auth_client, share):
    marked = shared_answer(share.candidate, body="Marked answer body")
    unmarked = AnswerFactory(user=share.candidate, body="Private draft body")

    html = auth_client.get(reverse("sharing:coach_view", args=[share.pk])).content.decode()

    assert reverse("sharing:coach_answer", args=[share.pk, marked.pk]) in html
    assert reverse("sharing:coach_answer", args=[share.pk, unmarked.pk]) not in html
    page = auth_client.get(reverse("sharing:coach_answer", args=[share.pk, marked.pk]))
    assert "Marked answer body" in page.content.decode()
    hidden = auth_client.get(reverse("sharing:coach_answer", args=[share.pk, unmarked.pk]))
    assert hidden.status_code == 404
    assert "Private draft body" not in hidden.content.decode()


def test_the_candidate_changes_the_scope_and_it_applies_at_once(auth_client, share):
    unmarked = AnswerFactory(user=share.candidate)
    url = reverse("sharing:coach_answer", args=[share.pk, unmarked.pk])
    assert auth_client.get(url).status_code == 404

    client = Client()
    client.force_login(share.candidate)
    client.post(reverse("sharing:share_scope", args=[share.pk]), {"scope": "all"})
    assert auth_client.get(url).status_code == 200

    client.post(reverse("sharing:share_scope", args=[share.pk]), {"scope": "marked"})
    assert auth_client.get(url).status_code == 404


def test_a_bad_scope_changes_nothing(share):
    client = Client()
    client.force_login(share.candidate)
    response = client.post(reverse("sharing:share_scope", args=[share.pk]), {"scope": "x"})
    assert response.status_code == 302
    share.refresh_from_db()
    assert share.scope == Share.Scope.MARKED


def test_the_candidate_marks_an_answer_shared_on_its_page(auth_client, share):
    answer = AnswerFactory(user=share.candidate)
    coach_url = reverse("sharing:coach_answer", args=[share.pk, answer.pk])
    client = Client()
    client.force_login(share.candidate)
    page = client.get(reverse("practice:answer", args=[answer.pk])).content.decode()
    assert reverse("sharing:answer_mark", args=[answer.pk]) in page
    assert "Share with my coaches" in page

    client.post(reverse("sharing:answer_mark", args=[answer.pk]), {"shared": "1"})
    assert auth_client.get(coach_url).status_code == 200
    page = client.get(reverse("practice:answer", args=[answer.pk])).content.decode()
    assert "Stop sharing" in page

    client.post(reverse("sharing:answer_mark", args=[answer.pk]), {})
    assert auth_client.get(coach_url).status_code == 404


def test_the_mock_log_is_shared(auth_client, share):
    mock = MockInterviewFactory(user=share.candidate, strengths="Clear structure")
    html = auth_client.get(reverse("sharing:coach_view", args=[share.pk])).content.decode()
    url = reverse("sharing:coach_mock", args=[share.pk, mock.pk])
    assert url in html
    assert "Clear structure" in auth_client.get(url).content.decode()


def test_each_look_is_recorded_for_the_candidate(auth_client, share):
    assert share.last_seen_at is None
    auth_client.get(reverse("sharing:coach_view", args=[share.pk]))
    share.refresh_from_db()
    assert share.last_seen_at is not None


@pytest.mark.parametrize("size", [1, 40])
def test_query_counts_are_fixed(auth_client, share, pack, size, django_assert_num_queries):
    demo_seed(share.candidate, answers=size, mocks=min(size, 10))
    share.scope = Share.Scope.ALL
    share.save()
    answer = AnswerFactory(user=share.candidate)
    mock = MockInterviewFactory(user=share.candidate)
    for _ in range(size):
        auth_client.post(
            reverse("sharing:coach_answer", args=[share.pk, answer.pk]), {"body": "Note"}
        )
    # session, user, share (with its candidate), last seen; then the dashboard's overview
    # of the candidate (the dashboard's 15 but its session and user), answers, mocks
    with django_assert_num_queries(19):
        assert auth_client.get(reverse("sharing:coach_view", args=[share.pk])).status_code == 200
    # session, user, share, last seen, answer, the coach's comments
    with django_assert_num_queries(6):
        auth_client.get(reverse("sharing:coach_answer", args=[share.pk, answer.pk]))
    with django_assert_num_queries(6):
        auth_client.get(reverse("sharing:coach_mock", args=[share.pk, mock.pk]))
    # session, user, shares
    with django_assert_num_queries(3):
        auth_client.get(reverse("sharing:coaching"))


def test_anonymous_and_wrong_method(auth_client, share):
    view = reverse("sharing:coach_view", args=[share.pk])
    assert Client().get(view)["Location"].startswith("/accounts/login/")
    assert auth_client.post(view).status_code == 405
    assert auth_client.post(reverse("sharing:coaching")).status_code == 405

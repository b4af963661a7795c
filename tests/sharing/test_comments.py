"""A coach's comments: written on a shared answer or mock, read and resolved by the candidate."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from prepapp.sharing.models import COMMENT_MAX_LENGTH, Comment
from tests.mocks.factories import MockInterviewFactory
from tests.practice.factories import AnswerFactory
from tests.sharing.factories import CommentFactory, ShareFactory, shared_answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def share(user):
    return ShareFactory(coach=user)


def _candidate_client(share) -> Client:
    client = Client()
    client.force_login(share.candidate)
    return client


def test_coach_comments_on_a_shared_answer_sanitised(auth_client, user, share):
    answer = shared_answer(share.candidate)
    url = reverse("sharing:coach_answer", args=[share.pk, answer.pk])
    body = "Lead with the **metric**.\n\n<script>alert(1)</script> [x](javascript:alert(1))"

    response = auth_client.post(url, {"body": body})

    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.author, comment.answer, comment.body) == (user, answer, body)
    assert "<strong>metric</strong>" in comment.body_html
    assert "<script>" not in comment.body_html
    assert "javascript:" not in comment.body_html
    html = auth_client.get(url).content.decode()
    assert "<strong>metric</strong>" in html
    assert "<script>alert(1)</script>" not in html


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("   ", "This field is required."),
        ("x" * (COMMENT_MAX_LENGTH + 1), "Ensure this value has at most"),
    ],
)
def test_a_bad_comment_rerenders_with_the_text_kept(auth_client, share, body, message):
    answer = shared_answer(share.candidate)
    response = auth_client.post(
        reverse("sharing:coach_answer", args=[share.pk, answer.pk]), {"body": body}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    if body.strip():
        assert body in html
    assert not Comment.objects.exists()


def test_coach_comments_on_a_mock(auth_client, share):
    mock = MockInterviewFactory(user=share.candidate)
    url = reverse("sharing:coach_mock", args=[share.pk, mock.pk])
    auth_client.post(url, {"body": "Good pacing."})
    assert Comment.objects.get().mock == mock
    page = _candidate_client(share).get(reverse("mocks:detail", args=[mock.pk]))
    assert "Good pacing." in page.content.decode()


def test_a_coach_sees_only_their_own_comments(auth_client, share):
    answer = shared_answer(share.candidate)
    CommentFactory(answer=answer, body="From another coach", body_html="<p>From another coach</p>")
    html = auth_client.get(
        reverse("sharing:coach_answer", args=[share.pk, answer.pk])
    ).content.decode()
    assert "From another coach" not in html


def test_the_candidate_sees_counts_and_resolves(auth_client, share):
    answer = shared_answer(share.candidate)
    auth_client.post(
        reverse("sharing:coach_answer", args=[share.pk, answer.pk]), {"body": "Try a metric."}
    )
    candidate = _candidate_client(share)
    dashboard = candidate.get(reverse("dashboard:home")).content.decode()
    assert "<strong>1</strong> open comment from your coach" in dashboard
    page = candidate.get(reverse("practice:answer", args=[answer.pk])).content.decode()
    assert "Try a metric." in page
    comment = Comment.objects.get()
    resolve = reverse("sharing:comment_resolve", args=[comment.pk])
    assert resolve in page

    response = candidate.post(resolve)

    assert response["Location"] == reverse("practice:answer", args=[answer.pk])
    comment.refresh_from_db()
    assert comment.resolved_at is not None
    assert "open comment" not in candidate.get(reverse("dashboard:home")).content.decode()
    assert "Reopen" in candidate.get(reverse("practice:answer", args=[answer.pk])).content.decode()
    candidate.post(resolve, {"reopen": "1"})
    comment.refresh_from_db()
    assert comment.resolved_at is None


def test_a_new_comment_shows_on_the_candidates_cached_dashboard(auth_client, share):
    """The coach's comment moves no version of the candidate's: the count is read anew."""
    answer = shared_answer(share.candidate)
    candidate = _candidate_client(share)
    assert "open comment" not in candidate.get(reverse("dashboard:home")).content.decode()
    auth_client.post(
        reverse("sharing:coach_answer", args=[share.pk, answer.pk]), {"body": "Try a metric."}
    )
    share.candidate.refresh_from_db()
    assert share.candidate.data_version == 0
    dashboard = candidate.get(reverse("dashboard:home")).content.decode()
    assert "<strong>1</strong> open comment" in dashboard


def test_the_coach_cannot_resolve(auth_client, share):
    comment = CommentFactory(author=share.coach, answer=shared_answer(share.candidate))
    assert (
        auth_client.post(reverse("sharing:comment_resolve", args=[comment.pk])).status_code == 404
    )
    comment.refresh_from_db()
    assert comment.resolved_at is None


def test_comments_are_in_the_export(share):
    answer = shared_answer(share.candidate)
    mock = MockInterviewFactory(user=share.candidate)
    CommentFactory(author=share.coach, answer=answer, body="On the answer")
    CommentFactory(author=share.coach, answer=None, mock=mock, body="On the mock")
    CommentFactory(answer=AnswerFactory(), body="Someone else's")

    data = json.loads(
        _candidate_client(share).get(reverse("accounts:export_json")).content.decode()
    )

    ref = next(a["ref"] for a in data["practice"]["answers"] if a["uid"] == str(answer.uid))
    assert [
        (c["author"], c["answer"], c["mock"], c["body"], c["resolved_at"])
        for c in data["comments"]
    ] == [
        (share.coach.email, ref, None, "On the answer", None),
        (share.coach.email, None, str(mock.uid), "On the mock", None),
    ]


def test_an_export_with_comments_imports_and_skips_them(share, other_user):
    from prepapp.portability import data_import

    answer = shared_answer(share.candidate)
    CommentFactory(author=share.coach, answer=answer)
    raw = _candidate_client(share).get(reverse("accounts:export_json")).content
    summary = data_import(other_user, raw)
    assert summary.added["answers"] == 1
    assert not Comment.objects.filter(answer__user=other_user).exists()

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from prepapp.library.models import MistakePair, Question
from prepapp.practice.models import Answer
from tests.mocks.factories import MockInterviewFactory

pytestmark = pytest.mark.django_db


def _url(mock) -> str:
    return reverse("mocks:detail", args=[mock.pk])


def test_shows_the_mock_and_its_feedback(auth_client, user):
    question = Question.objects.first()
    mistake = MistakePair.objects.first()
    answer = Answer.objects.create(user=user, question=question, body="x")
    mock = MockInterviewFactory(
        user=user,
        status="done",
        interviewer="Dr Who",
        typed_questions="Typed one\nTyped two",
        overall_rating=4,
        score_structure=5,
        strengths="Good structure",
        improvements="More numbers",
    )
    mock.questions.add(question)
    mock.answers.add(answer)
    mock.mistakes.add(mistake)
    response = auth_client.get(_url(mock))
    assert response.status_code == 200
    body = response.content.decode()
    for text in [
        "Dr Who",
        "Typed one",
        "Typed two",
        "4 / 5",
        "Structure and framework",
        "Good structure",
        "More numbers",
        mistake.title[:20],
        "Done",
    ]:
        assert text in body, text
    assert question.get_absolute_url() in body
    assert reverse("mocks:ics", args=[mock.pk]) in body
    assert reverse("mocks:done", args=[mock.pk]) not in body


def test_scheduled_mock_that_has_started_offers_mark_done(auth_client, user):
    mock = MockInterviewFactory(user=user, scheduled_at=timezone.now() - timedelta(hours=1))
    body = auth_client.get(_url(mock)).content.decode()
    assert reverse("mocks:done", args=[mock.pk]) in body
    assert "No feedback yet" in body


def test_mock_still_to_come_offers_no_mark_done(auth_client, user):
    mock = MockInterviewFactory(user=user, scheduled_at=timezone.now() + timedelta(hours=1))
    body = auth_client.get(_url(mock)).content.decode()
    assert reverse("mocks:done", args=[mock.pk]) not in body


def test_another_users_mock_is_404(auth_client, other_user):
    mock = MockInterviewFactory(user=other_user)
    assert auth_client.get(_url(mock)).status_code == 404


def test_unknown_id_is_404(auth_client):
    assert auth_client.get(reverse("mocks:detail", args=[999999])).status_code == 404

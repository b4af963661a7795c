from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from prepapp.library.models import Question, Round
from prepapp.practice.models import Answer
from tests.mocks.factories import MockInterviewFactory

pytestmark = pytest.mark.django_db


def _url(mock) -> str:
    return reverse("mocks:edit", args=[mock.pk])


def _data(mock, **overrides) -> dict:
    data = {
        "round": mock.round_id,
        "scheduled_at": timezone.localtime(mock.scheduled_at).strftime("%Y-%m-%dT%H:%M"),
        "status": mock.status,
        "format": mock.format,
        "interviewer": mock.interviewer,
        "minutes": str(mock.minutes),
    }
    data.update(overrides)
    return data


def test_get_prefills_the_form(auth_client, user):
    mock = MockInterviewFactory(
        user=user, interviewer="Ms Peer", overall_rating=3, score_examples=4, strengths="Calm"
    )
    response = auth_client.get(_url(mock))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="Ms Peer"' in body
    assert 'name="overall_rating" value="3" id="id_overall_rating_3" checked' in body
    assert 'name="score_examples" value="4" id="id_score_examples_4" checked' in body
    assert "Calm</textarea>" in body


def test_rubric_lists_the_rounds_dimensions_first(auth_client, user):
    mock = MockInterviewFactory(user=user, round=Round.objects.get(slug="culture-fit"))
    body = auth_client.get(_url(mock)).content.decode()
    primary, other = body.split("Other dimensions", 1)
    assert "Structure and framework" in primary and "Stakeholder communication" in primary
    assert "Regulatory and ethical awareness" in other


def test_saves_feedback(auth_client, user):
    mock = MockInterviewFactory(user=user, status="done")
    data = _data(mock, overall_rating="5", score_clinical="4", improvements="Slow down")
    response = auth_client.post(_url(mock), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("mocks:detail", args=[mock.pk])
    mock.refresh_from_db()
    assert (mock.overall_rating, mock.score_clinical, mock.score_avg) == (5, 4, 4.0)
    assert mock.improvements == "Slow down"


def test_clearing_minutes_takes_the_new_rounds_length(auth_client, user):
    mock = MockInterviewFactory(user=user, minutes=20)
    culture = Round.objects.get(slug="culture-fit")
    auth_client.post(_url(mock), _data(mock, round=culture.pk, minutes=""))
    mock.refresh_from_db()
    assert (mock.round, mock.minutes) == (culture, culture.typical_minutes)


def test_keeps_linked_answers_listed_and_unlinks(auth_client, user):
    answer = Answer.objects.create(user=user, question=Question.objects.first(), body="x")
    mock = MockInterviewFactory(user=user)
    mock.answers.add(answer)
    body = auth_client.get(_url(mock)).content.decode()
    assert f'value="{answer.pk}"' in body and "checked" in body
    auth_client.post(_url(mock), _data(mock))
    assert not mock.answers.exists()


def test_another_users_answer_is_not_linked(auth_client, user, other_user):
    theirs = Answer.objects.create(user=other_user, question=Question.objects.first(), body="x")
    mock = MockInterviewFactory(user=user, interviewer="Before")
    response = auth_client.post(_url(mock), _data(mock, answers=[theirs.pk], interviewer="After"))
    assert response.status_code == 200
    assert 'value="After"' in response.content.decode()
    mock.refresh_from_db()
    assert mock.interviewer == "Before"
    assert not mock.answers.exists()


def test_bad_input_keeps_text(auth_client, user):
    mock = MockInterviewFactory(user=user, interviewer="Before")
    response = auth_client.post(
        _url(mock), _data(mock, minutes="9999", interviewer="Typed", strengths="Kept strengths")
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "less than or equal to 480" in body
    assert 'value="Typed"' in body and "Kept strengths" in body
    mock.refresh_from_db()
    assert (mock.interviewer, mock.strengths) == ("Before", "")


def test_another_users_mock_is_404_and_unchanged(auth_client, other_user):
    mock = MockInterviewFactory(user=other_user, interviewer="Theirs")
    assert auth_client.get(_url(mock)).status_code == 404
    assert auth_client.post(_url(mock), _data(mock, interviewer="Mine now")).status_code == 404
    mock.refresh_from_db()
    assert mock.interviewer == "Theirs"


def test_unknown_id_is_404(auth_client):
    assert auth_client.get(reverse("mocks:edit", args=[999999])).status_code == 404


@pytest.mark.parametrize("count", [1, 200])
def test_query_count_is_constant(auth_client, user, django_assert_num_queries, count):
    mock = MockInterviewFactory(user=user, scheduled_at=timezone.now() + timedelta(days=1))
    questions = list(Question.objects.all())
    answers = Answer.objects.bulk_create(
        Answer(user=user, question=questions[i % len(questions)], body="b") for i in range(count)
    )
    mock.answers.add(*answers)
    mock.questions.add(*questions[:count])
    # session, user, mock, its answers, questions and mistakes, rounds, grouped questions,
    # own answers, mistakes
    with django_assert_num_queries(10):
        assert auth_client.get(_url(mock)).status_code == 200

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from prepapp.library.models import MistakePair, Question, Round
from prepapp.mocks.models import MockInterview
from prepapp.practice.models import Answer

pytestmark = pytest.mark.django_db

URL = reverse("mocks:create")
LONDON = ZoneInfo("Europe/London")


def _when(days: int = 7) -> datetime:
    return (timezone.localtime() + timedelta(days=days)).replace(
        hour=14, minute=30, second=0, microsecond=0
    )


def _data(**overrides) -> dict:
    data = {
        "round": Round.objects.get(slug="technical").pk,
        "scheduled_at": _when().strftime("%Y-%m-%dT%H:%M"),
        "status": "scheduled",
        "format": "coach",
        "interviewer": "Dr Grey",
        "minutes": "",
    }
    data.update(overrides)
    return data


def _answer(user) -> Answer:
    return Answer.objects.create(user=user, question=Question.objects.first(), body="My answer")


def test_get_shows_the_form(auth_client):
    response = auth_client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'type="datetime-local"' in body
    assert 'id="feedback"' in body
    # Questions grouped by round, mistakes listed, the rubric's level words shown.
    assert "<label>Technical Interview</label>" in body
    assert MistakePair.objects.first().title.replace("'", "&#x27;") in body
    assert "Excellent" in body


def test_get_prefills_round_from_query(auth_client):
    technical = Round.objects.get(slug="technical")
    body = auth_client.get(URL, {"round": "technical"}).content.decode()
    assert f'<option value="{technical.pk}" selected>' in body
    assert auth_client.get(URL, {"round": "nope"}).status_code == 200


def test_create_defaults_minutes_to_round_length(auth_client, user):
    response = auth_client.post(URL, _data())
    mock = MockInterview.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("mocks:detail", args=[mock.pk])
    assert mock.user == user
    assert mock.minutes == Round.objects.get(slug="technical").typical_minutes
    assert mock.format == "coach"
    # The datetime-local value is read in the site's time zone.
    assert mock.scheduled_at == _when()
    assert timezone.localtime(mock.scheduled_at, LONDON).hour == 14


def test_create_with_everything(auth_client, user):
    answer = _answer(user)
    questions = list(Question.objects.filter(round__slug="technical")[:2])
    mistakes = list(MistakePair.objects.all()[:2])
    data = _data(
        minutes="30",
        status="done",
        scheduled_at=_when(-2).strftime("%Y-%m-%dT%H:%M"),
        questions=[q.pk for q in questions],
        typed_questions="How would you design an API?\n\nWhat is FHIR?",
        answers=[answer.pk],
        overall_rating="4",
        score_structure="5",
        score_data="3",
        strengths="Clear framework",
        improvements="Quantify impact",
        mistakes=[m.pk for m in mistakes],
    )
    assert auth_client.post(URL, data).status_code == 302
    mock = MockInterview.objects.get()
    assert mock.minutes == 30
    assert mock.status == "done"
    assert set(mock.questions.all()) == set(questions)
    assert mock.typed_question_list == ["How would you design an API?", "What is FHIR?"]
    assert list(mock.answers.all()) == [answer]
    assert set(mock.mistakes.all()) == set(mistakes)
    assert mock.overall_rating == 4
    assert (mock.score_structure, mock.score_data, mock.score_examples) == (5, 3, None)
    assert mock.score_avg == 4.0
    assert mock.strengths == "Clear framework"


def test_another_users_answer_is_rejected(auth_client, other_user):
    theirs = _answer(other_user)
    response = auth_client.post(URL, _data(answers=[theirs.pk], interviewer="Kept name"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Select a valid choice" in body
    assert 'value="Kept name"' in body
    assert not MockInterview.objects.exists()
    assert not theirs.mock_interviews.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("round", "999999", "Select a valid choice"),
        ("round", "", "This field is required"),
        ("scheduled_at", "next tuesday", "“next tuesday” is not a date and time"),
        ("scheduled_at", "1999-01-01T10:00", "within five years"),
        ("status", "maybe", "Select a valid choice"),
        ("format", "telepathy", "Select a valid choice"),
        ("minutes", "0", "greater than or equal to 1"),
        ("minutes", "481", "less than or equal to 480"),
        ("interviewer", "x" * 121, "at most 120 characters"),
        ("typed_questions", "q" * 4001, "at most 4000 characters"),
        ("overall_rating", "6", "Select a valid choice"),
        ("score_structure", "0", "Select a valid choice"),
        ("questions", "999999", "Select a valid choice"),
        ("mistakes", "abc", "is not a valid value"),
    ],
)
def test_bad_input_keeps_text_and_saves_nothing(auth_client, field, value, message):
    data = _data(strengths="Typed strengths stay", **{field: value})
    response = auth_client.post(URL, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "Typed strengths stay" in body
    assert "Please correct the fields" in body
    assert not MockInterview.objects.exists()


@pytest.mark.parametrize("count", [1, 200])
def test_query_count_is_constant(auth_client, user, django_assert_num_queries, count):
    questions = list(Question.objects.all())
    Answer.objects.bulk_create(
        Answer(user=user, question=questions[i % len(questions)], body="b") for i in range(count)
    )
    # session, user, rounds, grouped questions, own answers, mistakes
    with django_assert_num_queries(6):
        assert auth_client.get(URL).status_code == 200

"""Valid form data per URL, and the rows those URLs act on, for the sweeps.

A hostile variant only means something next to a payload the view accepts, so each
builder here is checked to succeed on its own (test_form_fields.py::test_base_payload_is_accepted).
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from prepapp.library.models import MistakePair, Question, Round, Topic
from prepapp.library.rubric import ALL_DIMENSIONS, round_dimensions, score_field

NEW_PASSWORD = "a much longer passphrase 4 tests"


def mock_data(user) -> dict:
    """A complete mock interview form: every field filled, linking one of the user's answers."""
    from prepapp.practice.models import Answer

    round_ = Round.objects.get(slug="technical")
    question = Question.objects.filter(round=round_).order_by("pk").first()
    mistake = MistakePair.objects.order_by("pk").first()
    answer = Answer.objects.for_user(user).order_by("pk").first()
    when = timezone.localtime() + timedelta(days=2)
    return {
        "round": str(round_.pk),
        "scheduled_at": when.strftime("%Y-%m-%dT%H:%M"),
        "status": "scheduled",
        "format": "peer",
        "interviewer": "Sam from the study group",
        "minutes": "45",
        "questions": [str(question.pk)],
        "typed_questions": "Why this company?",
        "answers": [str(answer.pk)] if answer else [],
        "overall_rating": "4",
        **{score_field(d): "3" for d in ALL_DIMENSIONS},
        "strengths": "Clear structure.",
        "improvements": "More numbers.",
        "mistakes": [str(mistake.pk)],
    }


def answer_data(round_slug: str | None) -> dict:
    mistake = MistakePair.objects.order_by("pk").first()
    return {
        "body": "I would start with the clinicians' workflow and measure readmissions.",
        "seconds_spent": "120",
        "mistakes": [str(mistake.pk)],
        **{score_field(d): "3" for d in round_dimensions(round_slug)},
    }


def new_answer_data() -> dict:
    """practice:new with no question chosen: the user types their own question too."""
    return {
        **answer_data(None),
        "own-text": "How would you launch a remote monitoring product?",
        "own-round": "technical",
        "own-topic": "metrics-outcomes",
    }


def own_item_data() -> dict:
    topic = Topic.objects.get(slug="metrics-outcomes")
    return {"topic": str(topic.pk), "text": "Rehearse the readmissions story"}

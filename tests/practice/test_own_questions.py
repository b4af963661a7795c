"""Own questions: one per text and user, whitespace and case aside."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from prepapp.library.models import Round, Topic
from prepapp.practice.models import UserQuestion, question_text_key
from prepapp.practice.own_questions import own_question_get_or_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Why healthcare?", "why HEALTHCARE?"),
        ("Why  healthcare?", " Why\thealthcare?\n"),
        ("Étude de cas", "étude DE CAS"),  # beyond ASCII, where SQLite's LOWER() stops
        ("Straße", "STRASSE"),  # casefold, not just lower
        ("Cafe\u0301", "Café"),  # one é typed two ways (NFC)
    ],
)
def test_the_same_question_has_the_same_key(one, other):
    assert question_text_key(one) == question_text_key(other)


def test_different_questions_have_different_keys():
    assert question_text_key("Why healthcare?") != question_text_key("Why healthcare")


def test_get_or_create_reuses_per_user(user, other_user):
    first = own_question_get_or_create(user, "Why healthcare?")
    assert own_question_get_or_create(user, "  why  HEALTHCARE? ").pk == first.pk
    assert own_question_get_or_create(other_user, "Why healthcare?").pk != first.pk
    assert UserQuestion.objects.filter(user=user).count() == 1


def test_a_reused_question_gains_a_missing_round_but_keeps_its_own(user):
    culture, technical = Round.objects.get(slug="culture-fit"), Round.objects.get(slug="technical")
    topic = Topic.objects.order_by("pk").first()
    question = own_question_get_or_create(user, "Why us?", round=culture)
    again = own_question_get_or_create(user, "why us?", round=technical, topic=topic)
    again.refresh_from_db()
    assert again.pk == question.pk
    assert again.round == culture  # its history is under this round
    assert again.topic == topic  # it had none: what the user chose is kept


def test_the_database_refuses_a_duplicate(user):
    UserQuestion.objects.create(user=user, text="Why healthcare?")
    with pytest.raises(IntegrityError), transaction.atomic():
        UserQuestion.objects.create(user=user, text="WHY healthcare? ")


def test_editing_the_text_moves_the_key(user):
    question = UserQuestion.objects.create(user=user, text="Why healthcare?")
    question.text = "Why this company?"
    question.save(update_fields=["text"])
    question.refresh_from_db()
    assert question.text_key == question_text_key("why this company?")


def test_bulk_create_sets_the_key_too(user):
    UserQuestion.objects.bulk_create(
        UserQuestion(user=user, text=f"Own question {n}") for n in range(3)
    )
    assert sorted(UserQuestion.objects.values_list("text_key", flat=True)) == sorted(
        question_text_key(f"own QUESTION {n}") for n in range(3)
    )


def test_full_clean_refuses_a_twin_so_the_admin_shows_an_error(user):
    UserQuestion.objects.create(user=user, text="Why healthcare?")
    twin = UserQuestion(user=user, text="why healthcare?")
    with pytest.raises(ValidationError) as refused:
        twin.full_clean()
    assert "text" in refused.value.message_dict
    UserQuestion(user=user, text="Why us?").full_clean()  # a different question is fine

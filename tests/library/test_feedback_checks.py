"""Which feedback checks a question calls for is content: in the pack, the admin and the sync."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from prepapp.library.models import Question, Round, Topic, feedback_checks_validate
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_sync_loads_the_expectations_of_rounds_topics_and_questions():
    assert "too-short" in Round.objects.get(slug="culture-fit").feedback_checks
    assert "no-regulation" in Topic.objects.get(slug="regulation-compliance").feedback_checks
    question = Question.objects.get(slug="q-stay-current-trends-regulations")
    assert question.feedback_checks_added["no-regulation"]
    assert "no-specific-example" in question.feedback_checks_dropped


@pytest.mark.parametrize(
    "value",
    [[], {"Too Short": "x"}, {"too-short": ""}, {"too-short": 3}, {"too-short": "x" * 201}],
)
def test_bad_expectations_are_refused(value):
    with pytest.raises(ValidationError):
        feedback_checks_validate(value)


def test_good_expectations_pass():
    feedback_checks_validate({"too-short": "Screens need a worked answer."})


def test_staff_edit_a_questions_checks_in_the_admin(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    question = Question.objects.get(slug="q-stay-current-trends-regulations")
    url = reverse("admin:library_question_change", args=[question.pk])
    html = client.get(url).content.decode()
    assert 'name="feedback_checks_added"' in html
    assert 'name="feedback_checks_dropped"' in html

from __future__ import annotations

import pytest
from django.urls import reverse

from prepapp.library.models import MistakePair, Question
from prepapp.practice.answers import answer_save
from prepapp.practice.models import Answer, Finding, ReviewCard
from tests.practice.factories import AnswerFactory

pytestmark = pytest.mark.django_db

LONG_ANSWER = """## Framework
First, I would clarify the clinical workflow with nurses, physicians and the patient.
Second, we would measure readmissions: baseline 18%, target 14% within 6 months, which
saves about $2M a year for the payer. Third, HIPAA and FDA SaMD guidance shape the plan.

- Stakeholders: clinicians, patients, payers and the compliance team.
- Example: at my last company I led a remote-monitoring pilot with 3 hospitals and cut
  no-shows by 22%.

## Result
The pilot reduced 30-day readmissions for heart-failure patients from 18% to 15% over two
quarters, and nurses reported fewer manual calls. We learned that alert fatigue matters, so
we tuned thresholds with the clinical lead before scaling to 12 more sites.
"""


def _url(answer) -> str:
    return reverse("practice:edit", args=[answer.pk])


def _answer(user) -> Answer:
    question = Question.objects.filter(round__slug="technical").first()
    return answer_save(
        Answer(user=user, question=question, body="Too short.", score_structure=2),
        mistakes=[MistakePair.objects.order_by("pk").first()],
    )


def test_get_prefills_text_scores_and_ticks(auth_client, user):
    answer = _answer(user)
    pair = answer.mistakes.get()
    html = auth_client.get(_url(answer)).content.decode()
    assert "Too short." in html
    assert 'name="score_structure" value="2" id="id_score_structure_2" checked' in html
    assert f'value="{pair.pk}" checked' in html


def test_post_updates_and_recomputes_findings(auth_client, user):
    answer = _answer(user)
    before = set(answer.findings.values_list("code", flat=True))
    assert "too-short" in before
    response = auth_client.post(
        _url(answer), {"body": LONG_ANSWER, "score_structure": "4", "seconds_spent": "600"}
    )
    assert response.status_code == 302
    assert response["Location"] == answer.get_absolute_url()
    answer.refresh_from_db()
    assert answer.body == LONG_ANSWER.strip()
    assert "<h4>Framework</h4>" in answer.body_html
    assert answer.score_structure == 4 and answer.score_avg == 4
    assert answer.seconds_spent == 600
    assert not answer.mistakes.exists()  # every box was unticked
    after = set(Finding.objects.filter(answer=answer).values_list("code", flat=True))
    assert "too-short" not in after
    assert answer.finding_count == len(after)
    # Editing is not a new attempt: no new answer, no second card.
    assert Answer.objects.count() == 1
    assert ReviewCard.objects.count() == 1


def test_clearing_a_score(auth_client, user):
    answer = _answer(user)
    auth_client.post(_url(answer), {"body": "Too short.", "score_structure": ""})
    answer.refresh_from_db()
    assert answer.score_structure is None and answer.score_avg is None


def test_bad_input_keeps_text_and_changes_nothing(auth_client, user):
    answer = _answer(user)
    response = auth_client.post(_url(answer), {"body": "x" * 20_001 + "kept"})
    assert response.status_code == 200
    assert "at most 20000 characters" in response.content.decode()
    assert "kept" in response.content.decode()
    answer.refresh_from_db()
    assert answer.body == "Too short."


def test_another_users_answer_is_404_and_unchanged(auth_client, other_user):
    answer = AnswerFactory(user=other_user, body="theirs")
    assert auth_client.get(_url(answer)).status_code == 404
    assert auth_client.post(_url(answer), {"body": "mine now"}).status_code == 404
    answer.refresh_from_db()
    assert answer.body == "theirs"


def test_unknown_id_is_404(auth_client):
    assert auth_client.get(reverse("practice:edit", args=[999999])).status_code == 404


def test_query_count_is_fixed(auth_client, user, django_assert_num_queries):
    answer = _answer(user)
    # session, user, answer, tagged mistakes, mistake pairs
    with django_assert_num_queries(5):
        auth_client.get(_url(answer))

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from prepapp.library.models import MistakePair, Question
from prepapp.library.rubric import round_dimensions
from prepapp.practice.models import Answer, Finding, ReviewCard, UserQuestion
from tests.practice.factories import UserQuestionFactory, bank_question

pytestmark = pytest.mark.django_db

URL = reverse("practice:new")
WEAK = "I would just build it and see if users like it."


def _url(question: Question) -> str:
    return f"{URL}?question={question.slug}"


def test_get_shows_question_timer_scores_and_mistakes(auth_client):
    question = Question.objects.filter(topic__slug="metrics-outcomes").first()
    response = auth_client.get(_url(question))
    assert response.status_code == 200
    html = response.content.decode()
    assert question.text in html
    # One answer's suggested time, from the pack, not the whole round's length.
    assert f'data-suggested-seconds="{question.suggested_seconds}"' in html
    assert 'name="seconds_spent"' in html
    for dimension in round_dimensions(question.round.slug):
        assert f'name="score_{dimension}"' in html
    assert "Missing: the answer does not address this at all." in html
    assert html.count('name="mistakes"') == MistakePair.objects.count()
    assert "js/timer.js" in html
    # The question's own topic comes first, outside the "other topics" disclosure.
    assert html.index(f"<legend>{escape(question.topic.name)}</legend>") < html.index(
        "Mistakes from other topics"
    )


def test_round_decides_the_dimensions(auth_client):
    question = Question.objects.filter(round__slug="culture-fit").first()
    html = auth_client.get(_url(question)).content.decode()
    assert 'name="score_structure"' in html
    assert 'name="score_regulatory"' not in html


def test_post_saves_answer_with_html_scores_mistakes_findings_and_card(auth_client, user):
    question = bank_question()
    pair = MistakePair.objects.first()
    dimension = round_dimensions(question.round.slug)[0]
    response = auth_client.post(
        _url(question),
        {
            "body": WEAK + "\n\n<script>alert(1)</script>",
            "seconds_spent": "95",
            f"score_{dimension}": "2",
            "mistakes": [pair.pk],
        },
    )
    answer = Answer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == answer.get_absolute_url()
    assert answer.user == user and answer.question == question
    assert answer.seconds_spent == 95
    assert getattr(answer, f"score_{dimension}") == 2
    assert answer.score_avg == 2
    assert list(answer.mistakes.all()) == [pair]
    assert "<script" not in answer.body_html and "&lt;script&gt;" in answer.body_html
    # The real feedback checks ran: a one-line answer is far too short.
    assert answer.finding_count == Finding.objects.filter(answer=answer).count() > 0
    assert Finding.objects.filter(answer=answer, code="too-short").exists()
    assert ReviewCard.objects.get(user=user, question=question).review_count == 0


def test_second_attempt_is_kept_and_reuses_the_card(auth_client, user):
    question = bank_question()
    auth_client.post(_url(question), {"body": "First try."})
    auth_client.post(_url(question), {"body": "Second try."})
    assert Answer.objects.filter(user=user, question=question).count() == 2
    assert ReviewCard.objects.filter(user=user).count() == 1


def test_timer_is_optional(auth_client):
    auth_client.post(_url(bank_question()), {"body": "No timer."})
    assert Answer.objects.get().seconds_spent is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"body": ""}, "Write your answer before saving."),
        ({"body": "   "}, "Write your answer before saving."),
        ({"body": "x" * 20_001}, "at most 20000 characters"),
        ({"body": "kept text", "seconds_spent": str(6 * 3600 + 1)}, "between 0 and 6 hours"),
        ({"body": "kept text", "seconds_spent": "-1"}, "between 0 and 6 hours"),
        ({"body": "kept text", "seconds_spent": "abc"}, "whole number"),
        ({"body": "kept text", "score_structure": "6"}, "Select a valid choice"),
        ({"body": "kept text", "mistakes": ["999999"]}, "Select a valid choice"),
    ],
)
def test_bad_input_keeps_text_and_saves_nothing(auth_client, data, message):
    response = auth_client.post(_url(bank_question()), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    if data["body"].strip() and len(data["body"]) < 100:
        assert data["body"] in html
    assert not Answer.objects.exists()
    assert not ReviewCard.objects.exists()


def test_own_question_form_creates_question_and_answer(auth_client, user):
    response = auth_client.get(URL)
    assert response.status_code == 200
    assert 'name="own-text"' in response.content.decode()
    response = auth_client.post(
        URL,
        {
            "own-text": "Why healthcare?",
            "own-round": "culture-fit",
            "own-topic": "",
            "body": WEAK,
        },
    )
    own = UserQuestion.objects.get()
    answer = Answer.objects.get()
    assert response.status_code == 302
    assert own.user == user and own.round.slug == "culture-fit" and own.topic is None
    assert answer.user_question == own and answer.question is None
    assert ReviewCard.objects.filter(user=user, user_question=own).exists()


def test_own_question_bad_input_keeps_both_texts(auth_client):
    response = auth_client.post(
        URL, {"own-text": "", "own-round": "no-such-round", "body": "my kept answer"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Write the question you are answering." in html
    assert "Select a valid choice" in html
    assert "my kept answer" in html
    assert not UserQuestion.objects.exists() and not Answer.objects.exists()


def test_practise_own_question_again(auth_client, user):
    own = UserQuestionFactory(user=user)
    assert own.text in auth_client.get(f"{URL}?own={own.pk}").content.decode()
    auth_client.post(f"{URL}?own={own.pk}", {"body": "again"})
    assert Answer.objects.get().user_question == own
    assert UserQuestion.objects.count() == 1


def test_another_users_own_question_is_404(auth_client, other_user):
    own = UserQuestionFactory(user=other_user)
    assert auth_client.get(f"{URL}?own={own.pk}").status_code == 404
    assert auth_client.post(f"{URL}?own={own.pk}", {"body": "x"}).status_code == 404
    assert not Answer.objects.exists()


@pytest.mark.parametrize("query", ["?question=no-such-question", "?own=999999", "?own=abc"])
def test_unknown_question_is_404(auth_client, query):
    assert auth_client.get(URL + query).status_code == 404


def test_query_count_is_fixed(auth_client, django_assert_num_queries):
    url = _url(bank_question())
    # session, user, question, the saved draft, mistake pairs
    with django_assert_num_queries(5):
        auth_client.get(url)


def test_the_same_own_question_typed_twice_is_one_question(auth_client, user, other_user):
    """Case and spacing aside it is the same question: reused, with both answers on it."""
    first = {"own-text": "Why  healthcare?", "own-round": "culture-fit", "body": WEAK}
    second = {"own-text": " why HEALTHCARE?\n", "own-round": "", "body": "Second go."}
    assert auth_client.post(URL, first).status_code == 302
    assert auth_client.post(URL, second).status_code == 302
    own = UserQuestion.objects.get()
    assert own.text == "Why  healthcare?"  # the first text stands, as typed
    assert own.round.slug == "culture-fit"
    assert [a.body for a in Answer.objects.order_by("pk")] == [WEAK, "Second go."]
    assert {a.user_question_id for a in Answer.objects.all()} == {own.pk}
    assert ReviewCard.objects.filter(user_question=own).count() == 1
    # Another user typing it gets their own question.
    auth_client.force_login(other_user)
    auth_client.post(URL, first)
    assert UserQuestion.objects.count() == 2

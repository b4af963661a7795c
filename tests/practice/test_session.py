"""Practise now: start, write, feedback first, self-assess and grade, next, summary."""

from __future__ import annotations

import pytest
from django.urls import reverse

from prepapp.practice.models import Answer, AnswerDraft, PracticeSession, ReviewCard, ReviewLog
from prepapp.practice.sessions import session_current
from tests.practice.factories import AnswerFactory

pytestmark = pytest.mark.django_db

START = reverse("practice:session_new")
WEAK = "I would just build it quickly and see if people download it."
BETTER = (
    "First I would frame the problem for clinicians and patients, then set a baseline: "
    "30-day readmissions at 18%, with a target of 15% in two quarters. HIPAA and FDA "
    "rules shape the design from day one, and I would review the plan with nurses, "
    "the compliance team and payers before each milestone."
)


def _start(client, **data) -> PracticeSession:
    response = client.post(START, {"length": "3", **data})
    assert response.status_code == 302
    session = PracticeSession.objects.get()
    assert response["Location"] == session.get_absolute_url()
    return session


def _url(session) -> str:
    return reverse("practice:session", args=[session.pk])


def test_start_page_offers_round_and_length(auth_client):
    response = auth_client.get(START)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="round"' in html and 'name="length"' in html


def test_a_whole_session(auth_client, user):
    session = _start(auth_client)
    assert session.length == 3 and len(session.steps) == 1

    for number in range(3):
        page = auth_client.get(_url(session))
        assert page.status_code == 200
        assert page.context["stage"] == "write"
        question = page.context["question"]
        assert question.text in page.content.decode()
        response = auth_client.post(_url(session), {"body": WEAK, "seconds_spent": "90"})
        assert response.status_code == 302
        # Feedback first: the findings with their evidence, then the self-assessment.
        page = auth_client.get(_url(session))
        html = page.content.decode()
        assert page.context["stage"] == "assess"
        assert page.context["findings_shown"]
        assert html.index('id="feedback-heading"') < html.index('id="scores-heading"')
        assert 'Good <span class="interval">· ' in html
        response = auth_client.post(_url(session), {"rating": "3", "score_structure": "2"})
        assert response.status_code == 302
        answer = Answer.objects.for_user(user).get(question=question)
        assert answer.score_structure == 2 and answer.seconds_spent == 90
        assert ReviewLog.objects.filter(card__question=question, answer=answer, rating=3).exists()
        session.refresh_from_db()
        if number < 2:
            assert response["Location"] == _url(session)

    assert session.finished_at is not None
    summary_url = reverse("practice:session_summary", args=[session.pk])
    assert auth_client.get(_url(session))["Location"] == summary_url
    summary = auth_client.get(summary_url)
    html = summary.content.decode()
    assert summary.context["summary"].seconds == 270
    assert len(summary.context["summary"].answers) == 3
    assert "04:30" in html and "Next review" in html


def test_a_second_attempt_counts_the_findings_fixed(auth_client, user):
    first = auth_client.post(
        reverse("practice:new") + "?question=q-background-why-healthcare-pm", {"body": WEAK}
    )
    assert first.status_code == 302
    before = Answer.objects.get()
    session = _start(auth_client)
    # The earlier answer's card is due now: the picker brings that question back first.
    assert session.steps[0]["question"] == before.question_id
    auth_client.post(_url(session), {"body": BETTER})
    auth_client.post(_url(session), {"rating": "4"})
    summary = auth_client.get(reverse("practice:session_summary", args=[session.pk]))
    newer = Answer.objects.exclude(pk=before.pk).get()
    fixed = {f.code for f in before.findings.all()} - {f.code for f in newer.findings.all()}
    assert fixed and summary.context["summary"].fixed == len(fixed)


def test_skip_picks_another_question(auth_client):
    session = _start(auth_client)
    first = session.steps[0]["question"]
    response = auth_client.post(_url(session), {"skip": "1", "body": "half a thought"})
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.steps[0]["skipped"] and session.steps[1]["question"] != first
    assert not Answer.objects.exists()


def test_a_chosen_round_and_length(auth_client):
    session = _start(auth_client, round="execution-metrics", length="5")
    assert session.length == 5 and session.round.slug == "execution-metrics"
    page = auth_client.get(_url(session))
    assert page.context["question"].round.slug == "execution-metrics"


@pytest.mark.parametrize("length", ["0", "4", "abc", "99999999999999999999"])
def test_bad_length_re_renders_the_form(auth_client, length):
    response = auth_client.post(START, {"length": length})
    assert response.status_code == 200
    assert "Pick 3, 5 or 10 questions." in response.content.decode()
    assert not PracticeSession.objects.exists()


def test_an_empty_answer_re_renders_with_a_message(auth_client):
    session = _start(auth_client)
    response = auth_client.post(_url(session), {"body": "   ", "seconds_spent": "-4"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Write your answer before saving." in html
    assert not Answer.objects.exists()


def test_too_long_answer_keeps_the_text(auth_client):
    session = _start(auth_client)
    body = "word " * 4001
    response = auth_client.post(_url(session), {"body": body})
    assert response.status_code == 200
    assert body.strip()[:200] in response.content.decode()
    assert not Answer.objects.exists()


def test_bad_grade_re_renders_with_the_feedback(auth_client):
    session = _start(auth_client)
    auth_client.post(_url(session), {"body": WEAK})
    response = auth_client.post(_url(session), {"rating": "9", "score_structure": "7"})
    assert response.status_code == 200
    assert "Pick Again, Hard, Good or Easy." in response.content.decode()
    assert not ReviewLog.objects.exists()


def test_preview_without_javascript_keeps_the_text(auth_client, user):
    session = _start(auth_client)
    response = auth_client.post(
        _url(session), {"body": "**bold** <script>x</script>", "preview": "1"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>bold</strong>" in html and "<script>x" not in html
    assert "**bold** &lt;script&gt;x&lt;/script&gt;</textarea>" in html
    assert not Answer.objects.exists()
    # The preview round trip keeps the text server side as well.
    assert AnswerDraft.objects.for_user(user).get().body.startswith("**bold**")


def test_the_draft_is_restored_and_cleared_on_save(auth_client, user):
    session = _start(auth_client)
    question = auth_client.get(_url(session)).context["question"]
    draft_url = f"{reverse('practice:draft')}?question={question.slug}"
    assert auth_client.post(draft_url, {"body": "My half-written answer"}).status_code == 200
    page = auth_client.get(_url(session))
    assert "My half-written answer</textarea>" in page.content.decode()
    auth_client.post(_url(session), {"body": "My whole answer, written out."})
    assert not AnswerDraft.objects.exists()


def test_end_the_session_early(auth_client):
    session = _start(auth_client)
    response = auth_client.post(_url(session), {"finish": "1"})
    assert response["Location"] == reverse("practice:session_summary", args=[session.pk])
    session.refresh_from_db()
    assert session.finished_at is not None and session_current(session) is None


def test_another_users_session_is_a_404(client, other_user, user):
    client.force_login(other_user)
    session = _start(client)
    client.force_login(user)
    assert client.get(_url(session)).status_code == 404
    assert client.post(_url(session), {"body": WEAK}).status_code == 404
    assert client.get(reverse("practice:session_summary", args=[session.pk])).status_code == 404
    assert not Answer.objects.filter(user=user).exists()


def test_anonymous_is_sent_to_sign_in(client):
    for url in (START, reverse("practice:session", args=[1])):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_wrong_methods(auth_client):
    session = _start(auth_client)
    assert auth_client.delete(START).status_code == 405
    assert auth_client.put(_url(session)).status_code == 405
    assert (
        auth_client.post(reverse("practice:session_summary", args=[session.pk])).status_code == 405
    )
    assert auth_client.get(reverse("practice:session", args=[99999])).status_code == 404


@pytest.mark.parametrize("earlier", [1, 40])
def test_query_counts_are_fixed(auth_client, user, django_assert_num_queries, earlier):
    for _ in range(earlier):
        AnswerFactory(user=user)
    session = _start(auth_client)
    url = _url(session)
    with django_assert_num_queries(5):
        auth_client.get(url)
    auth_client.post(url, {"body": WEAK})
    with django_assert_num_queries(11):
        auth_client.get(url)
    auth_client.post(url, {"rating": "3"})
    summary = reverse("practice:session_summary", args=[session.pk])
    with django_assert_num_queries(9):
        auth_client.get(summary)
    # session, user, an unfinished session to continue, the rounds to choose from
    with django_assert_num_queries(4):
        auth_client.get(START)


def test_practise_now_on_the_dashboard_starts_a_session(auth_client):
    html = auth_client.get(reverse("dashboard:home")).content.decode()
    assert f'action="{START}"' in html and "Practise now" in html
    assert ReviewCard.objects.count() == 0


def test_a_write_form_resubmitted_after_saving_changes_nothing(auth_client):
    session = _start(auth_client)
    auth_client.post(_url(session), {"stage": "write", "body": WEAK})
    # The same form again (a second tab, Back and resubmit): no second answer, no grade.
    response = auth_client.post(_url(session), {"stage": "write", "body": WEAK, "rating": "1"})
    assert response.status_code == 302
    assert Answer.objects.count() == 1 and not ReviewLog.objects.exists()
    session.refresh_from_db()
    assert not session.steps[-1]["assessed"]


def test_the_nav_marks_practise_as_the_current_page(auth_client):
    session = _start(auth_client)
    html = auth_client.get(_url(session)).content.decode()
    assert f'<a href="{START}" aria-current="page">Practise</a>' in html
    assert html.count('aria-current="page"') == 1

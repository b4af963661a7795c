from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from prepapp.library.models import Question
from prepapp.practice.models import ReviewCard, ReviewLog
from prepapp.practice.scheduling import card_for_question
from tests.practice.factories import AnswerFactory

pytestmark = pytest.mark.django_db


def _url(card) -> str:
    return reverse("practice:review", args=[card.pk])


@pytest.fixture
def card(user):
    return card_for_question(user, question=Question.objects.order_by("pk").first())


def test_grade_moves_due_date_writes_log_and_redirects_to_next(auth_client, user, card):
    answer = AnswerFactory(user=user, question=card.question)
    next_url = reverse("practice:answer", args=[answer.pk])
    response = auth_client.post(_url(card), {"rating": "3", "answer": answer.pk, "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == next_url
    card.refresh_from_db()
    assert card.review_count == 1
    # The time of the review is saved too (the queue and the dashboard read it).
    assert timezone.now() - card.last_reviewed_at < timedelta(minutes=1)
    assert card.due > timezone.now()
    log = ReviewLog.objects.get()
    assert log.card == card and log.rating == 3 and log.answer == answer


def test_good_schedules_later_than_again(auth_client, user):
    questions = list(Question.objects.order_by("pk")[:2])
    again = card_for_question(user, question=questions[0])
    good = card_for_question(user, question=questions[1])
    auth_client.post(_url(again), {"rating": "1"})
    auth_client.post(_url(good), {"rating": "3"})
    again.refresh_from_db()
    good.refresh_from_db()
    assert good.due > again.due


def test_unsafe_next_falls_back_to_the_queue(auth_client, card):
    response = auth_client.post(_url(card), {"rating": "4", "next": "https://evil.example/"})
    assert response["Location"] == reverse("practice:due")


def test_answer_to_another_question_or_user_is_not_linked(auth_client, user, other_user, card):
    other_question = Question.objects.order_by("pk")[1]
    mine_elsewhere = AnswerFactory(user=user, question=other_question)
    theirs = AnswerFactory(user=other_user, question=card.question)
    auth_client.post(_url(card), {"rating": "3", "answer": mine_elsewhere.pk})
    ReviewCard.objects.filter(pk=card.pk).update(due=timezone.now())  # due again
    auth_client.post(_url(card), {"rating": "3", "answer": theirs.pk})
    assert list(ReviewLog.objects.values_list("answer", flat=True)) == [None, None]


def test_htmx_gets_the_review_partial(auth_client, user, card):
    answer = AnswerFactory(user=user, question=card.question)
    response = auth_client.post(
        _url(card), {"rating": "2", "answer": answer.pk}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="review"')
    assert "Next review:" in html
    assert "Reviewed 1 time" in html
    # Graded: the buttons (and the form carrying the answer) give way to the next due date.
    assert 'name="rating"' not in html and 'name="answer"' not in html


@pytest.mark.parametrize("rating", ["", "0", "5", "good"])
def test_bad_rating_changes_nothing(auth_client, card, rating):
    due = card.due
    response = auth_client.post(_url(card), {"rating": rating})
    assert response.status_code == 302
    response = auth_client.post(_url(card), {"rating": rating}, headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert "Pick" in response.content.decode()
    card.refresh_from_db()
    assert card.due == due and card.review_count == 0
    assert not ReviewLog.objects.exists()


def test_another_users_card_is_404_and_unchanged(auth_client, other_user):
    card = card_for_question(other_user, question=Question.objects.order_by("pk").first())
    assert auth_client.post(_url(card), {"rating": "3"}).status_code == 404
    card.refresh_from_db()
    assert card.review_count == 0
    assert not ReviewLog.objects.exists()


def test_unknown_id_is_404(auth_client):
    assert (
        auth_client.post(reverse("practice:review", args=[999999]), {"rating": "3"}).status_code
        == 404
    )


def test_a_second_grade_of_the_same_review_is_refused_with_a_message(auth_client, user, card):
    """Easy, then Again a second later: only Easy is logged, and the second is told why."""
    answer = AnswerFactory(user=user, question=card.question)
    next_url = reverse("practice:answer", args=[answer.pk])
    first = auth_client.post(_url(card), {"rating": "4", "answer": answer.pk, "next": next_url})
    assert first.status_code == 302
    card.refresh_from_db()
    due_after_first = card.due

    second = auth_client.post(
        _url(card), {"rating": "1", "answer": answer.pk, "next": next_url}, follow=True
    )
    assert second.redirect_chain == [(next_url, 302)]
    html = second.content.decode()
    assert "Already graded" in html
    card.refresh_from_db()
    assert card.review_count == 1 and card.due == due_after_first
    assert list(ReviewLog.objects.values_list("rating", flat=True)) == [4]
    # The answer page shows the next due date in place of the buttons.
    assert 'name="rating"' not in html
    assert f'<time datetime="{card.due.astimezone(UTC):%Y-%m-%dT%H:%M:%S}Z"' in html


def test_htmx_grade_replaces_the_buttons_and_a_second_one_is_refused(auth_client, user, card):
    headers = {"HX-Request": "true"}
    first = auth_client.post(_url(card), {"rating": "4"}, headers=headers)
    assert first.status_code == 200
    assert "Next review:" in first.content.decode()
    assert 'name="rating"' not in first.content.decode()

    second = auth_client.post(_url(card), {"rating": "1"}, headers=headers)
    assert second.status_code == 200  # swapped in by htmx, buttons still gone
    html = second.content.decode()
    assert html.lstrip().startswith('<section id="review"')
    assert "Already graded" in html and 'name="rating"' not in html
    assert list(ReviewLog.objects.values_list("rating", flat=True)) == [4]


def test_a_card_not_yet_due_shows_no_buttons_and_refuses_a_grade(auth_client, user, card):
    answer = AnswerFactory(user=user, question=card.question)
    ReviewCard.objects.filter(pk=card.pk).update(due=timezone.now() + timedelta(days=3))
    html = auth_client.get(reverse("practice:answer", args=[answer.pk])).content.decode()
    assert "Next review due" in html and 'name="rating"' not in html
    response = auth_client.post(_url(card), {"rating": "3"})
    assert response.status_code == 302
    assert not ReviewLog.objects.exists()


def test_the_refused_second_grade_leaves_the_data_version(auth_client, user, card):
    auth_client.post(_url(card), {"rating": "3"})
    user.refresh_from_db()
    version = user.data_version
    auth_client.post(_url(card), {"rating": "1"})
    user.refresh_from_db()
    assert user.data_version == version


def test_a_card_deleted_while_grading_is_a_404_not_a_500(auth_client, card, monkeypatch):
    # Another tab deleted the question's card between this view's lookup and the write.
    from prepapp.practice.views import review as review_views

    real = review_views.card_review

    def deleted_meanwhile(card, rating, **kwargs):
        ReviewCard.objects.filter(pk=card.pk).delete()
        return real(card, rating, **kwargs)

    monkeypatch.setattr(review_views, "card_review", deleted_meanwhile)
    response = auth_client.post(_url(card), {"rating": "3"})
    assert response.status_code == 404
    assert not ReviewLog.objects.exists()


def test_grade_buttons_show_the_interval_each_would_give(auth_client, user, card):
    from prepapp.practice.scheduling import card_intervals, interval_display

    answer = AnswerFactory(user=user, question=card.question)
    html = auth_client.get(reverse("practice:answer", args=[answer.pk])).content.decode()
    intervals = card_intervals(card)
    for value, label in ((1, "Again"), (2, "Hard"), (3, "Good"), (4, "Easy")):
        assert f'aria-keyshortcuts="{value}"' in html
        assert (
            f'{label} <span class="interval">· {interval_display(intervals[value])}</span>' in html
        )
    # Computed without saving: the card is as it was.
    card.refresh_from_db()
    assert card.review_count == 0 and not ReviewLog.objects.exists()
    # The same scheduler: grading lands where the button said. Good on a new card is a
    # learning step, which fsrs does not fuzz (intervals of days it moves a little).
    before = timezone.now()
    auth_client.post(_url(card), {"rating": "3"})
    card.refresh_from_db()
    assert abs((card.due - before) - intervals[3]) < timedelta(minutes=1)

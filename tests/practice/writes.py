"""The writes a candidate makes, through the pages they use, for the cached pages' tests:
each must show on the very next visit (prepapp/page_cache.py)."""

from __future__ import annotations

from django.urls import reverse

from prepapp.library.rubric import round_dimensions, score_field
from prepapp.practice.models import Answer
from tests.security.payloads import answer_data


def answer_new(client, question, body: str, score: int = 3) -> Answer:
    data = answer_data(question.round.slug)
    data |= {k: str(score) for k in data if k.startswith("score_")} | {"body": body}
    response = client.post(f"{reverse('practice:new')}?question={question.slug}", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Answer.objects.order_by("-pk").first()


def answer_edit(client, answer, body: str, score: int = 3) -> None:
    data = answer_data(answer.question.round.slug)
    data |= {k: str(score) for k in data if k.startswith("score_")} | {"body": body}
    response = client.post(reverse("practice:edit", args=[answer.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def answer_delete(client, answer) -> None:
    response = client.post(reverse("practice:delete", args=[answer.pk]))
    assert response.status_code == 302


def card_grade(client, card, rating: int = 3, **headers) -> None:
    response = client.post(
        reverse("practice:review", args=[card.pk]),
        {"rating": str(rating), "next": reverse("practice:due")},
        headers=headers,
    )
    assert response.status_code in (200, 302)


def score_names(answer) -> list[str]:
    return [score_field(d) for d in round_dimensions(answer.question.round.slug)]

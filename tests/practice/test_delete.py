from __future__ import annotations

import pytest
from django.urls import reverse

from prepapp.practice.models import Answer, Finding
from tests.practice.factories import AnswerFactory

pytestmark = pytest.mark.django_db


def _url(answer) -> str:
    return reverse("practice:delete", args=[answer.pk])


def test_get_asks_for_confirmation_and_deletes_nothing(auth_client, user):
    answer = AnswerFactory(user=user)
    response = auth_client.get(_url(answer))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Delete this answer?" in html
    assert f'action="{_url(answer)}"' in html
    assert Answer.objects.filter(pk=answer.pk).exists()


def test_post_deletes_answer_and_findings(auth_client, user):
    answer = AnswerFactory(user=user)
    kept = AnswerFactory(user=user, question=answer.question)
    Finding.objects.create(answer=answer, code="too-short", message="m")
    response = auth_client.post(_url(answer))
    assert response.status_code == 302
    assert response["Location"] == reverse("practice:answers")
    assert not Answer.objects.filter(pk=answer.pk).exists()
    assert not Finding.objects.exists()
    assert Answer.objects.filter(pk=kept.pk).exists()


def test_another_users_answer_is_404_and_kept(auth_client, other_user):
    answer = AnswerFactory(user=other_user)
    assert auth_client.get(_url(answer)).status_code == 404
    assert auth_client.post(_url(answer)).status_code == 404
    assert Answer.objects.filter(pk=answer.pk).exists()


def test_unknown_id_is_404(auth_client):
    assert auth_client.post(reverse("practice:delete", args=[999999])).status_code == 404


def test_query_count_is_fixed(auth_client, user, django_assert_num_queries):
    answer = AnswerFactory(user=user)
    # session, user, answer
    with django_assert_num_queries(3):
        auth_client.get(_url(answer))

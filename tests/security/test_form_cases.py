"""Bad input the field sweeps cannot phrase: htmx posts, ids of another user's rows in a
form, and junk posted to the views that take no fields. Never a 5xx, nothing changed.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from prepapp.reminders.unsubscribe import unsubscribe_token
from prepapp.sharing.services import invite_token
from tests.checklist.factories import OwnItemFactory
from tests.mocks.factories import MockInterviewFactory
from tests.practice.factories import AnswerFactory
from tests.security.forms import FORMS, POST_WITHOUT_FIELDS, answer_for, client_for, review_url
from tests.security.hostile import HUGE, SCRIPT, UNICODE_DIGITS, failure, page_check
from tests.security.payloads import mock_data, new_answer_data
from tests.security.rows import snapshot
from tests.sharing.factories import CommentFactory, ShareFactory, link_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "field", "value"),
    [
        ("checklist:note", "note", HUGE),
        ("checklist:own_note", "note", "a\x00b"),
        ("checklist:tick", "done", "maybe"),
        ("checklist:own_tick", "done", ["1", "0", "x"]),
        ("practice:review", "rating", str(10**30)),
        ("practice:review", "answer", "-1"),
        *[("practice:review", "answer", digit) for digit in UNICODE_DIGITS],
    ],
)
def test_htmx_bad_input_is_refused_without_5xx(seeded, name, field, value):
    form = FORMS[name]
    client = client_for(form, seeded)
    url = form.url(client, seeded)
    before = snapshot(seeded)
    response = client.post(
        url, {**form.data(seeded), field: value}, headers={"HX-Request": "true"}
    )
    assert response.status_code in (400, 422), failure(name, field, repr(value)[:20], response)
    assert snapshot(seeded) == before


# ---------------------------------------------------------------- foreign ids in forms


def test_mock_form_refuses_another_users_answer(seeded, other_user):
    theirs = AnswerFactory(user=other_user)
    client = client_for(FORMS["mocks:create"], seeded)
    before = snapshot(seeded)
    response = client.post(reverse("mocks:create"), {**mock_data(seeded), "answers": [theirs.pk]})
    assert response.status_code == 200
    assert snapshot(seeded) == before
    assert "answers" in response.context["form"].errors


def test_review_never_links_another_users_answer(seeded, other_user):
    theirs = AnswerFactory(user=other_user, question=answer_for(seeded).question)
    client = client_for(FORMS["practice:review"], seeded)
    url = review_url(client, seeded)
    response = client.post(url, {"rating": "3", "answer": str(theirs.pk)})
    assert response.status_code == 302
    card = seeded.review_cards.get()
    assert [log.answer_id for log in card.logs.all()] == [None]


def test_own_question_round_must_be_a_pack_slug(seeded):
    client = client_for(FORMS["practice:new"], seeded)
    before = snapshot(seeded)
    for value in ("999999", "1", "technical ", "TECHNICAL"):
        response = client.post(reverse("practice:new"), {**new_answer_data(), "own-round": value})
        assert response.status_code == 200, value
    assert snapshot(seeded) == before


# ---------------------------------------------------------------- POSTs without fields


def _sharing_args(user, answer) -> dict[str, list]:
    """Path arguments of the sharing URLs: the user's own shares, link and comment, a
    candidate they coach, and an invitation from another candidate waiting for them."""
    given = ShareFactory(candidate=user)
    invitation = ShareFactory(coach=None, accepted_at=None, invite_email=user.email)
    link, _token = link_for(user)
    return {
        "sharing:accept": [invite_token(invitation)],
        "sharing:answer_mark": [answer.pk],
        "sharing:comment_resolve": [CommentFactory(author=given.coach, answer=answer).pk],
        "sharing:link_revoke": [link.pk],
        "sharing:share_revoke": [given.pk],
    }


@pytest.mark.parametrize("name", sorted(POST_WITHOUT_FIELDS))
def test_junk_data_on_field_less_posts(user, pack, name):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    mock = MockInterviewFactory(user=user)
    answer = AnswerFactory(user=user)
    item = OwnItemFactory(user=user)
    kwargs = {
        "checklist:own_delete": [item.pk],
        "mocks:delete": [mock.pk],
        "mocks:done": [mock.pk],
        "practice:delete": [answer.pk],
        "reminders:one_click": [unsubscribe_token(user, "digest")],
        "reminders:unsubscribe": [unsubscribe_token(user, "digest")],
        **_sharing_args(user, answer),
    }.get(name, [])
    url = reverse(name, args=kwargs)
    # A NUL anywhere is refused before the view runs (prepapp.middleware), changing nothing.
    before = snapshot(user)
    assert client.post(url, {"y": "a\x00b"}).status_code == 400
    assert snapshot(user) == before
    junk = {"pk": "1", "user": "2", "id": ["1", "2"], "x": HUGE, "z": SCRIPT}
    response = client.post(url, junk)
    failures: list[str] = []
    page_check(name, "junk", "junk", client, response, failures)
    assert response.status_code == 302
    assert not failures, failures

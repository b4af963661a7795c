"""The markdown preview (htmx and without JavaScript) and answer drafts kept as you type."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from prepapp.practice.drafts import draft_body, draft_discard, draft_save
from prepapp.practice.markdown import markdown_render
from prepapp.practice.models import BODY_MAX_LENGTH, Answer, AnswerDraft
from prepapp.practice.scheduling import interval_display
from tests.practice.factories import UserQuestionFactory, bank_question

pytestmark = pytest.mark.django_db

TRICKY = "# Title\n\n**bold** [x](javascript:alert(1)) <img src=x onerror=alert(1)>"


def test_preview_renders_exactly_as_saved(auth_client, user):
    response = auth_client.post(
        reverse("practice:preview"), {"body": TRICKY}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert markdown_render(TRICKY) in html
    assert "onerror" not in html.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    question = bank_question()
    auth_client.post(f"{reverse('practice:new')}?question={question.slug}", {"body": TRICKY})
    assert Answer.objects.get().body_html == markdown_render(TRICKY)


def test_preview_without_javascript_on_the_practise_page(auth_client):
    question = bank_question()
    url = f"{reverse('practice:new')}?question={question.slug}"
    response = auth_client.post(url, {"body": "*typed*", "preview": "1", "score_structure": "9"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<em>typed</em>" in html and "*typed*</textarea>" in html
    assert not Answer.objects.exists()


def test_preview_wrong_method_and_anonymous(auth_client):
    assert auth_client.get(reverse("practice:preview")).status_code == 405
    anonymous = Client()
    response = anonymous.post(reverse("practice:preview"), {"body": "x"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_draft_saved_restored_and_discarded_per_user_and_question(user, other_user):
    question = bank_question()
    own = UserQuestionFactory(user=user)
    draft_save(user, "first", question=question)
    draft_save(user, "second", question=question)
    draft_save(user, "own one", user_question=own)
    assert AnswerDraft.objects.count() == 2
    assert draft_body(user, question=question) == "second"
    assert draft_body(other_user, question=question) == ""
    draft_save(user, "   ", question=question)  # emptied: nothing to keep
    assert draft_body(user, question=question) == ""
    draft_discard(user, user_question=own)
    assert not AnswerDraft.objects.exists()


def test_a_late_autosave_of_the_saved_text_keeps_no_draft(auth_client, user):
    """The editor's autosave can land just after the answer's own save (it fires 800 ms after
    typing stops). It must not bring back, as "unsaved", the text that was just saved."""
    question = bank_question()
    url = f"{reverse('practice:draft')}?question={question.slug}"
    new = f"{reverse('practice:new')}?question={question.slug}"
    auth_client.post(new, {"body": "Line one\nline two "})
    late = auth_client.post(url, {"body": "Line one\r\nline two"})
    assert late.status_code == 200 and late.content == b""
    assert not AnswerDraft.objects.exists()
    page = auth_client.get(new).content.decode()
    assert "Your unsaved draft is restored." not in page
    # A different text for the next attempt is kept as ever.
    assert auth_client.post(url, {"body": "Line one, better"}).content == b"Draft saved."
    assert draft_body(user, question=question) == "Line one, better"


def test_draft_is_cut_to_the_answer_limit(user):
    draft = draft_save(user, "x" * (BODY_MAX_LENGTH + 50), question=bank_question())
    assert len(draft.body) == BODY_MAX_LENGTH


def test_draft_endpoint(auth_client, user, other_user):
    question = bank_question()
    url = f"{reverse('practice:draft')}?question={question.slug}"
    response = auth_client.post(url, {"body": "typing…"})
    assert response.status_code == 200 and response.content == b"Draft saved."
    page = auth_client.get(f"{reverse('practice:new')}?question={question.slug}")
    assert "typing…</textarea>" in page.content.decode()
    assert "Your unsaved draft is restored." in page.content.decode()
    # Saving the answer clears it.
    auth_client.post(f"{reverse('practice:new')}?question={question.slug}", {"body": "Done."})
    assert not AnswerDraft.objects.exists()
    # Another user's own question, an unknown one, no question at all: 404, nothing kept.
    theirs = UserQuestionFactory(user=other_user)
    for bad in (f"?own={theirs.pk}", "?question=nope", "?own=abc", ""):
        assert auth_client.post(reverse("practice:draft") + bad, {"body": "x"}).status_code == 404
    assert not AnswerDraft.objects.exists()
    assert auth_client.get(url).status_code == 405


@pytest.mark.parametrize(
    ("interval", "shown"),
    [
        (timedelta(minutes=10), "10 min"),
        (timedelta(hours=5), "5 hours"),
        (timedelta(days=1), "1 day"),
        (timedelta(days=3, hours=2), "3 days"),
        (timedelta(days=62), "2 months"),
        (timedelta(days=400), "1.1 years"),
        (timedelta(seconds=-5), "1 min"),
    ],
)
def test_interval_display(interval, shown):
    assert interval_display(interval) == shown


HOSTILE = [
    "x" * 1_000_000,
    "<script>alert(1)</script> [click](javascript:alert(1)) ' OR 1=1 --",
    "\u202ecode\u202c 🙂",
    "   ",
]


@pytest.mark.parametrize("body", HOSTILE, ids=["oversized", "hostile", "rtl", "blank"])
def test_hostile_bodies_on_the_fragment_posts(auth_client, user, body):
    question = bank_question()
    preview = auth_client.post(reverse("practice:preview"), {"body": body})
    assert preview.status_code == 200
    assert "<script>alert(1)" not in preview.content.decode()
    assert 'href="javascript:' not in preview.content.decode()
    url = f"{reverse('practice:draft')}?question={question.slug}"
    assert auth_client.post(url, {"body": body}).status_code == 200
    assert auth_client.post(url, {"body": ["a", "b"]}).status_code == 200
    assert len(draft_body(user, question=question)) <= BODY_MAX_LENGTH
    # A NUL is refused before any view runs (prepapp.middleware), storing nothing.
    draft_discard(user, question=question)
    assert auth_client.post(url, {"body": "a\x00b"}).status_code == 400
    assert draft_body(user, question=question) == ""


@pytest.mark.parametrize("size", [10, 20_000])
def test_query_counts_are_fixed(auth_client, django_assert_num_queries, size):
    question = bank_question()
    with django_assert_num_queries(2):  # session, user
        auth_client.post(reverse("practice:preview"), {"body": "x" * size})
    url = f"{reverse('practice:draft')}?question={question.slug}"
    auth_client.post(url, {"body": "first"})
    # session, user, question, the draft's UPDATE (a draft is on no cached page, so the
    # dashboard's data version stays: prepapp/accounts/data_version.py)
    with django_assert_num_queries(4):
        auth_client.post(url, {"body": "x" * size})

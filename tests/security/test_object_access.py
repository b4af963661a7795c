"""Walks every URL that takes a value from its path: another user's object is a 404.

The list of URLs comes from the resolver, so a new parametrised URL fails
`test_every_parametrised_url_has_a_case` until it gets an entry in OWNED or SHARED.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.checklist.factories import ItemStateFactory, OwnItemFactory, pack_item
from tests.factories import PASSWORD
from tests.mocks.factories import CalendarFeedFactory, MockInterviewFactory
from tests.practice.factories import (
    AnswerFactory,
    ReviewCardFactory,
    UserQuestionFactory,
    bank_question,
)
from tests.security.payloads import NEW_PASSWORD, answer_data, mock_data, own_item_data
from tests.security.rows import snapshot, snapshot_diff
from tests.security.walker import dummy_kwargs, dummy_url, parametrised_names
from tests.sharing.factories import CommentFactory, ShareFactory, link_for, shared_answer

pytestmark = pytest.mark.django_db

SECRET = "Only-the-owner-may-read-this 7f3a"


@dataclass
class Planted:
    """An object owned by the other user: the URL kwargs that name it."""

    kwargs: dict
    # Plausible data for a POST: what the owner would send, so a 404 is about access.
    data: dict = field(default_factory=dict)


def _own_item(owner) -> Planted:
    item = OwnItemFactory(user=owner, text=SECRET)
    ItemStateFactory(user=owner, item=None, own_item=item, note=SECRET, ticked_at=None)
    return Planted({"pk": item.pk})


def _mock(owner) -> Planted:
    AnswerFactory(user=owner, body=SECRET)
    # Started an hour ago, so "mark done" is allowed for its owner (not for a mock to come).
    mock = MockInterviewFactory(
        user=owner,
        interviewer=SECRET,
        strengths=SECRET,
        scheduled_at=timezone.now() - timedelta(hours=1),
    )
    return Planted({"pk": mock.pk}, mock_data(owner))


def _answer(owner) -> Planted:
    answer = AnswerFactory(user=owner, body=SECRET)
    return Planted({"pk": answer.pk}, answer_data(answer.question.round.slug))


def _own_question(owner) -> Planted:
    question = UserQuestionFactory(user=owner, text=SECRET)
    AnswerFactory(user=owner, question=None, user_question=question, body=SECRET)
    return Planted({"pk": question.pk})


def _card(owner) -> Planted:
    answer = AnswerFactory(user=owner, body=SECRET)
    card = ReviewCardFactory(user=owner, question=answer.question)
    return Planted({"pk": card.pk}, {"rating": "3", "answer": str(answer.pk)})


def _session(owner) -> Planted:
    from prepapp.practice.sessions import session_start

    AnswerFactory(user=owner, body=SECRET)
    session = session_start(owner)
    return Planted({"pk": session.pk}, {"stage": "write", "body": "Written by someone else"})


def _share_given(owner) -> Planted:
    """The owner (a candidate) shares with a coach: their own Sharing page's rows."""
    share = ShareFactory(candidate=owner, invite_email="coach-of-owner@example.org")
    shared_answer(owner, body=SECRET)
    return Planted({"pk": share.pk}, {"scope": "all"})


def _link(owner) -> Planted:
    link, _token = link_for(owner)
    return Planted({"pk": link.pk})


def _answer_to_mark(owner) -> Planted:
    answer = AnswerFactory(user=owner, body=SECRET)
    return Planted({"pk": answer.pk}, {"shared": "1"})


def _comment(owner) -> Planted:
    """A coach's comment on the owner's answer: the owner (candidate) resolves it."""
    answer = AnswerFactory(user=owner, body=SECRET)
    comment = CommentFactory(answer=answer, body=SECRET, body_html=f"<p>{SECRET}</p>")
    return Planted({"pk": comment.pk})


def _coached(owner) -> tuple:
    """The owner coaches a third user, who shares an answer and a mock with them."""
    share = ShareFactory(coach=owner)
    answer = shared_answer(share.candidate, body=SECRET)
    mock = MockInterviewFactory(user=share.candidate, strengths=SECRET)
    return share, answer, mock


def _coach_view(owner) -> Planted:
    share, _answer, _mock = _coached(owner)
    return Planted({"pk": share.pk})


def _coach_answer(owner) -> Planted:
    share, answer, _mock = _coached(owner)
    return Planted({"pk": share.pk, "answer_pk": answer.pk}, {"body": "A coach's note"})


def _coach_mock(owner) -> Planted:
    share, _answer, mock = _coached(owner)
    return Planted({"pk": share.pk, "mock_pk": mock.pk}, {"body": "A coach's note"})


def _with(make, data: dict):
    def build(owner) -> Planted:
        planted = make(owner)
        planted.data = data() if callable(data) else data
        return planted

    return build


# URL name -> builder of an object owned by the given user. Each must answer 404 to anyone else.
OWNED = {
    "checklist:own_delete": _own_item,
    "checklist:own_edit": _with(_own_item, own_item_data),
    "checklist:own_note": _with(_own_item, {"note": "Overwritten by someone else"}),
    "checklist:own_tick": _with(_own_item, {"done": "1"}),
    "mocks:delete": _mock,
    "mocks:detail": _mock,
    "mocks:done": _mock,
    "mocks:edit": _mock,
    "mocks:ics": _mock,
    "practice:answer": _answer,
    "practice:delete": _answer,
    "practice:edit": _answer,
    "practice:own_history": _own_question,
    "practice:review": _card,
    "practice:session": _session,
    "practice:session_summary": _session,
    "sharing:answer_mark": _answer_to_mark,
    "sharing:coach_answer": _coach_answer,
    "sharing:coach_mock": _coach_mock,
    "sharing:coach_view": _coach_view,
    "sharing:comment_resolve": _comment,
    "sharing:link_revoke": _link,
    "sharing:share_revoke": _share_given,
    "sharing:share_scope": _share_given,
}

# Parametrised URLs that are not one user's object, by design; each has its own test below.
SHARED = {
    "accounts:password_reset_confirm": "public: anyone holding a valid token may reset",
    "checklist:note": "pk of a shared pack item; the note written is the signed-in user's",
    "checklist:tick": "pk of a shared pack item; the tick written is the signed-in user's",
    "library:question": "slug of shared content: 200 for everyone",
    "mocks:feed": "public, token-based: the token is the credential",
    "practice:history": "slug of a shared bank question: only the viewer's attempts",
    "reminders:one_click": "public, signed token: the token is the credential (tests/reminders/test_views.py)",
    "reminders:unsubscribe": "public, signed token: the token is the credential (tests/reminders/test_views.py)",
    "sharing:accept": "signed invitation: the signature is the credential (tests/sharing)",
    "sharing:link_view": "public, token-based: the token is the credential",
}

PARAMETRISED = parametrised_names()


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_every_parametrised_url_has_a_case():
    missing = set(PARAMETRISED) - set(OWNED) - set(SHARED)
    assert not missing, f"parametrised URLs with no access case: {sorted(missing)}"
    stale = (set(OWNED) | set(SHARED)) - set(PARAMETRISED)
    assert not stale, f"cases for URLs that no longer exist: {sorted(stale)}"
    assert not set(OWNED) & set(SHARED)


# The SHARED ones have their own tests below; a URL in neither list fails here.
@pytest.mark.parametrize("name", [n for n in PARAMETRISED if n not in SHARED])
def test_other_users_object_is_404_and_unchanged(auth_client, other_user, name):
    assert name in OWNED, f"{name} takes a parameter but has no entry in OWNED or SHARED"
    planted = OWNED[name](other_user)
    url = reverse(name, kwargs=planted.kwargs)
    before = snapshot(other_user)

    responses = [
        auth_client.get(url),
        auth_client.get(url, headers={"HX-Request": "true"}),
        auth_client.post(url, planted.data),
        auth_client.post(url, planted.data, headers={"HX-Request": "true"}),
    ]
    for response in responses:
        assert response.status_code in (404, 405), (
            f"{name} {response.request['REQUEST_METHOD']} answered {response.status_code}"
        )
        assert SECRET not in response.content.decode(errors="replace")
    after = snapshot(other_user)
    assert after == before, f"{name} changed the other user's {snapshot_diff(before, after)}"

    # The same URL and data work for the owner: the 404 above is about access, nothing else.
    owner = _client_for(other_user)
    get = owner.get(url)
    assert get.status_code in (200, 405), f"owner GET {name}: {get.status_code}"
    if get.status_code == 405:
        post = owner.post(url, planted.data)
        assert post.status_code == 302, f"owner POST {name}: {post.status_code}"
        assert snapshot(other_user) != before, f"the owner's POST to {name} changed nothing"


# An unknown uid on the reset link is the invalid-link page: see the password reset tests.
@pytest.mark.parametrize(
    "name", [n for n in PARAMETRISED if n != "accounts:password_reset_confirm"]
)
def test_unknown_id_is_404(auth_client, user, name):
    url = dummy_url(name)
    before = snapshot(user)
    for response in (auth_client.get(url), auth_client.post(url, {"done": "1", "note": "x"})):
        assert response.status_code in (404, 405), (
            f"{name} {url} {response.request['REQUEST_METHOD']}: {response.status_code}"
        )
    assert snapshot(user) == before


@pytest.mark.parametrize(
    "url",
    [
        "/mocks/0/",
        "/practice/answers/0/",
        "/checklist/own/0/edit/",
        "/mocks/00000000000000000000001/",
        "/mocks/99999999999999999999999999999/",
        "/practice/answers/99999999999999999999999999999/edit/",
        "/checklist/own/99999999999999999999999999999/tick/",
        "/checklist/items/99999999999999999999999999999/tick/",
        "/practice/review/99999999999999999999999999999/",
    ],
)
def test_odd_ids_are_404(auth_client, url):
    for response in (auth_client.get(url), auth_client.post(url, {"done": "1"})):
        assert response.status_code in (404, 405), f"{url}: {response.status_code}"


def test_shared_question_page_is_the_same_for_everyone(auth_client, other_user):
    question = bank_question()
    url = reverse("library:question", args=[question.slug])
    assert auth_client.get(url).status_code == 200
    assert _client_for(other_user).get(url).status_code == 200
    assert auth_client.post(url).status_code == 405


def test_question_history_shows_only_the_viewers_attempts(auth_client, user, other_user):
    question = bank_question()
    theirs = AnswerFactory(user=other_user, question=question, body=SECRET)
    mine = AnswerFactory(user=user, question=question)
    before = snapshot(other_user)

    response = auth_client.get(reverse("practice:history", args=[question.slug]))

    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("practice:answer", args=[mine.pk]) in html
    assert reverse("practice:answer", args=[theirs.pk]) not in html
    assert SECRET not in html
    assert [a.answer.pk for a in response.context["attempts"]] == [mine.pk]
    assert auth_client.post(reverse("practice:history", args=[question.slug])).status_code == 405
    assert snapshot(other_user) == before


@pytest.mark.parametrize("name", ["checklist:tick", "checklist:note"])
def test_pack_item_writes_only_the_signed_in_users_state(auth_client, user, other_user, name):
    item = pack_item()
    ItemStateFactory(user=other_user, item=item, note=SECRET)
    before = snapshot(other_user)
    data = {"done": "0"} if name == "checklist:tick" else {"note": "My own note"}

    response = auth_client.post(reverse(name, args=[item.pk]), data)

    assert response.status_code == 302
    assert snapshot(other_user) == before
    page = auth_client.get(reverse("checklist:index"))
    assert SECRET not in page.content.decode()
    if name == "checklist:tick":
        assert auth_client.get(reverse(name, args=[item.pk])).status_code == 405
    else:
        # The note editor (loaded on demand) holds the user's own note, never another's.
        editor = auth_client.get(reverse(name, args=[item.pk]))
        assert editor.status_code == 200
        assert "My own note" in editor.content.decode()
        assert SECRET not in editor.content.decode()


def test_calendar_feed_token_is_the_credential(auth_client, user, other_user):
    theirs = MockInterviewFactory(user=other_user, interviewer="Their interviewer")
    MockInterviewFactory(user=user, interviewer="My interviewer")
    feed = CalendarFeedFactory(user=other_user)
    before = snapshot(other_user)

    response = auth_client.get(reverse("mocks:feed", args=[feed.token]))

    # By design the token alone opens the other user's feed, and only that user's mocks.
    assert response.status_code == 200
    body = response.content.decode()
    assert theirs.round.name in body
    assert "Their interviewer" in body
    assert "My interviewer" not in body
    for token in (feed.token[:-1], feed.token.upper(), "x" * 64, feed.token + "x"):
        if token != feed.token:
            assert auth_client.get(reverse("mocks:feed", args=[token])).status_code == 404
    assert auth_client.post(reverse("mocks:feed", args=[feed.token])).status_code == 405
    assert snapshot(other_user) == before


def test_password_reset_confirm_with_a_forged_token_changes_nothing(client, other_user):
    uid = urlsafe_base64_encode(force_bytes(other_user.pk))
    before = snapshot(other_user)
    for token in (
        "set-password",
        "forged-token",
        default_token_generator.make_token(other_user)[:-1],
    ):
        url = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
        response = client.get(url)
        assert response.status_code == 200
        assert response.context["validlink"] is False
        response = client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
        assert response.status_code == 200
        assert response.context["validlink"] is False
    assert snapshot(other_user) == before
    other_user.refresh_from_db()
    assert other_user.check_password(PASSWORD)


def test_password_reset_confirm_unknown_user_is_an_invalid_link(client):
    for uid in ("no-such-thing", urlsafe_base64_encode(b"999999"), "%00", "A" * 500):
        url = f"/accounts/reset/{uid}/some-token/"
        response = client.get(url)
        # 400: a NUL is refused before any view runs (prepapp.middleware).
        assert response.status_code in (200, 400, 404), url
        if response.status_code == 200:
            assert response.context["validlink"] is False


def test_a_question_slug_is_not_an_own_question_id(auth_client, other_user):
    """practice:new takes ?own=<id> of the user's own question: another user's is a 404."""
    theirs = UserQuestionFactory(user=other_user, text=SECRET)
    before = snapshot(other_user)
    url = f"{reverse('practice:new')}?own={theirs.pk}"
    assert auth_client.get(url).status_code == 404
    response = auth_client.post(url, answer_data(None))
    assert response.status_code == 404
    assert snapshot(other_user) == before


# The coach's URLs, each with the kwargs it takes from a share, an answer and a mock.
COACH_URLS = {
    "sharing:coach_view": lambda share, answer, mock: {"pk": share.pk},
    "sharing:coach_answer": lambda share, answer, mock: {"pk": share.pk, "answer_pk": answer.pk},
    "sharing:coach_mock": lambda share, answer, mock: {"pk": share.pk, "mock_pk": mock.pk},
}


def test_every_coach_url_is_walked():
    coach_names = {n for n in PARAMETRISED if n.startswith("sharing:coach_")}
    assert coach_names == set(COACH_URLS)


def _assert_404s(client, url):
    get, post = client.get(url), client.post(url, {"body": "Sneaked in"})
    assert get.status_code == 404, f"GET {url}: {get.status_code}"
    # 405: the overview takes no POST at all.
    assert post.status_code in (404, 405), f"POST {url}: {post.status_code}"
    for response in (get, post):
        assert SECRET not in response.content.decode(errors="replace")


def test_a_coach_of_one_candidate_is_404_on_anothers_data(auth_client, user, other_user):
    """The user coaches A; B shares everything with someone else. None of B's rows opens."""
    mine = ShareFactory(coach=user, scope="all")
    a_answer = shared_answer(mine.candidate)
    a_mock = MockInterviewFactory(user=mine.candidate)
    theirs = ShareFactory(candidate=other_user, scope="all")
    b_answer = shared_answer(other_user, body=SECRET)
    b_mock = MockInterviewFactory(user=other_user, strengths=SECRET)
    before = snapshot(other_user)

    for name, kwargs in COACH_URLS.items():
        allowed = reverse(name, kwargs=kwargs(mine, a_answer, a_mock))
        # B's rows through the user's own share of A, and through B's share with another.
        for share, answer, mock in [
            (mine, b_answer, b_mock),
            (theirs, b_answer, b_mock),
            (theirs, a_answer, a_mock),
        ]:
            url = reverse(name, kwargs=kwargs(share, answer, mock))
            if url != allowed:  # the overview takes the share alone
                _assert_404s(auth_client, url)
        # A's own rows through the user's share are fine: the 404s are about access.
        assert auth_client.get(allowed).status_code == 200
    assert snapshot(other_user) == before
    listing = auth_client.get(reverse("sharing:coaching")).content.decode()
    assert mine.candidate.email in listing
    assert other_user.email not in listing


def test_a_revoked_coach_is_404_everywhere(auth_client, user):
    share = ShareFactory(coach=user, scope="all")
    answer = shared_answer(share.candidate, body=SECRET)
    mock = MockInterviewFactory(user=share.candidate, strengths=SECRET)
    for name, kwargs in COACH_URLS.items():
        assert (
            auth_client.get(reverse(name, kwargs=kwargs(share, answer, mock))).status_code == 200
        )

    _client_for(share.candidate).post(reverse("sharing:share_revoke", args=[share.pk]))

    before = snapshot(share.candidate)
    for name, kwargs in COACH_URLS.items():
        _assert_404s(auth_client, reverse(name, kwargs=kwargs(share, answer, mock)))
    assert (
        share.candidate.email not in auth_client.get(reverse("sharing:coaching")).content.decode()
    )
    assert snapshot(share.candidate) == before


def test_a_link_token_opens_no_other_url(client, auth_client, other_user):
    """The read-only link's token is a credential for its own page and nothing else."""
    shared_answer(other_user, body=SECRET)
    _link, token = link_for(other_user)
    assert SECRET in client.get(reverse("sharing:link_view", args=[token])).content.decode()

    tried = []
    for name in PARAMETRISED:
        if name == "sharing:link_view":
            continue
        pattern_kwargs = dummy_kwargs(name)
        kwargs = {k: token if isinstance(v, str) else v for k, v in pattern_kwargs.items()}
        if kwargs == pattern_kwargs:
            continue  # no text parameter for the token to go into
        url = reverse(name, kwargs=kwargs)
        tried.append(name)
        for viewer in (client, auth_client):
            response = viewer.get(url)
            body = response.content.decode(errors="replace")
            assert SECRET not in body, f"{name} showed the link's data"
            assert response.status_code != 200 or name in TOKEN_PAGES_OF_THEIR_OWN, name
    # The feed, the reset link, the invitation, the question pages at least.
    assert {"mocks:feed", "sharing:accept", "accounts:password_reset_confirm"} <= set(tried)


# Pages that answer 200 to any value (content by slug, the reset page's "invalid link").
TOKEN_PAGES_OF_THEIR_OWN = {
    "accounts:password_reset_confirm",
    "library:question",
    "practice:history",
}

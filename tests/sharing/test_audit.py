"""Who has access, when they last looked, revoking in one click, and deleting accounts."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from prepapp.accounts.deletion import account_delete
from prepapp.accounts.models import User
from prepapp.sharing.models import Comment, ReadOnlyLink, Share
from tests.factories import UserFactory
from tests.sharing.factories import CommentFactory, ShareFactory, link_for, shared_answer

pytestmark = pytest.mark.django_db


def test_the_sharing_page_lists_everyone_with_when_they_looked(auth_client, user):
    active = ShareFactory(candidate=user)
    pending = ShareFactory(candidate=user, coach=None, accepted_at=None, invite_email="p@x.org")
    link, _token = link_for(user)
    coach = Client()
    coach.force_login(active.coach)
    coach.get(reverse("sharing:coach_view", args=[active.pk]))
    active.refresh_from_db()

    html = auth_client.get(reverse("sharing:settings")).content.decode()

    assert active.coach.email in html
    assert "p@x.org" in html and "Invited" in html
    assert "Read-only link" in html
    assert html.count("Never") == 2  # the pending invitation and the unused link
    local_seen = active.last_seen_at.astimezone(user.zone)
    assert local_seen.strftime("%-d %b %Y, %H:%M") in html
    for url in (
        reverse("sharing:share_revoke", args=[active.pk]),
        reverse("sharing:share_revoke", args=[pending.pk]),
        reverse("sharing:link_revoke", args=[link.pk]),
    ):
        assert f'action="{url}"' in html


def test_revoking_is_immediate(auth_client, user):
    share = ShareFactory(candidate=user, scope="all")
    answer = shared_answer(user)
    coach = Client()
    coach.force_login(share.coach)
    url = reverse("sharing:coach_answer", args=[share.pk, answer.pk])
    assert coach.get(url).status_code == 200

    response = auth_client.post(reverse("sharing:share_revoke", args=[share.pk]))

    assert response["Location"] == reverse("sharing:settings")
    assert coach.get(url).status_code == 404
    share.refresh_from_db()
    assert share.revoked_at is not None
    page = auth_client.get(reverse("sharing:settings")).content.decode()
    assert "Revoked" in page
    assert f'action="{reverse("sharing:share_revoke", args=[share.pk])}"' not in page


def test_revoke_wrong_method_and_anonymous(auth_client, user):
    share = ShareFactory(candidate=user)
    url = reverse("sharing:share_revoke", args=[share.pk])
    assert auth_client.get(url).status_code == 405
    assert Client().post(url)["Location"].startswith("/accounts/login/")
    share.refresh_from_db()
    assert share.revoked_at is None


def test_deleting_a_coach_removes_their_access_and_comments(user):
    share = ShareFactory(candidate=user)
    answer = shared_answer(user)
    CommentFactory(author=share.coach, answer=answer)
    kept = CommentFactory(answer=answer)

    account_delete(share.coach)

    assert not Share.objects.filter(pk=share.pk).exists()
    assert list(Comment.objects.all()) == [kept]


def test_deleting_a_candidate_removes_shares_links_and_comments_on_their_work(user):
    coach = UserFactory()
    ShareFactory(candidate=user, coach=coach)
    link_for(user)
    CommentFactory(author=coach, answer=shared_answer(user))

    account_delete(user)

    assert not Share.objects.exists()
    assert not ReadOnlyLink.objects.exists()
    assert not Comment.objects.exists()
    assert User.objects.filter(pk=coach.pk).exists()


@pytest.mark.parametrize("size", [1, 30])
def test_sharing_page_query_count_is_fixed(auth_client, user, size, django_assert_num_queries):
    for _ in range(size):
        ShareFactory(candidate=user)
        link_for(user)
    # session, user, shares (with their coaches), links
    with django_assert_num_queries(4):
        assert auth_client.get(reverse("sharing:settings")).status_code == 200

"""What a coach or a link holder may read: always the candidate's rows, never another's.

Every lookup starts from the share (or link) that grants it, so a coach of A asking for
B's answer finds no row: a 404, like any other user's object.
"""

from __future__ import annotations

import hmac
from functools import cache

from django.db import connections, router
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from prepapp.mocks.models import MockInterview
from prepapp.practice.models import Answer
from prepapp.sharing.models import Comment, ReadOnlyLink, Share
from prepapp.sharing.services import token_hash

ANSWER_RELATED = ("question__round", "user_question__round")
# The newest shared answers a link or a coach's overview lists; older ones are not lost,
# the coach reaches them through "all answers" pages of later releases.
ANSWERS_SHOWN = 50


def share_for_coach(coach, pk: int) -> Share:
    return get_object_or_404(Share.objects.for_coach(coach).select_related("candidate"), pk=pk)


def shared_answers(candidate, scope: str):
    """The candidate's answers a share of `scope` (or a link: marked) shows."""
    answers = Answer.objects.for_user(candidate).select_related(*ANSWER_RELATED)
    if scope != Share.Scope.ALL:
        answers = answers.filter(shared_mark__isnull=False)
    return answers.order_by("-created_at", "-pk")


def shared_answer(share: Share, pk: int) -> Answer:
    return get_object_or_404(shared_answers(share.candidate, share.scope), pk=pk)


def shared_mocks(candidate):
    return (
        MockInterview.objects.for_user(candidate)
        .select_related("round")
        .order_by("-scheduled_at", "-pk")
    )


def shared_mock(share: Share, pk: int) -> MockInterview:
    return get_object_or_404(shared_mocks(share.candidate), pk=pk)


def comments_on(*, answer=None, mock=None) -> list[Comment]:
    target = {"answer": answer} if answer is not None else {"mock": mock}
    return list(Comment.objects.filter(**target).select_related("author"))


@cache
def _open_count_statement(alias: str) -> str:
    """What the ORM sends for for_candidate(user).open().count(), built once per process."""
    rows = Comment.objects.using(alias).for_candidate(0).open().order_by().values("pk")
    sql, params = rows.query.get_compiler(alias).as_sql()
    assert list(params) == [0, 0], params
    return f"SELECT COUNT(*) FROM ({sql}) AS open_comments"


def comments_open_count(user) -> int:
    """Unresolved comments on the user's own answers and mocks (the dashboard's count).

    Read on every dashboard visit, outside its cache (a coach's comment, or a coach's
    account deleted with its comments, moves no version of the candidate's). Building the
    query through the ORM cost ~450 µs of a ~2.5 ms visit; the statement runs in ~30 µs.
    """
    alias = router.db_for_read(Comment)
    with connections[alias].cursor() as cursor:
        cursor.execute(_open_count_statement(alias), [user.pk, user.pk])
        return cursor.fetchone()[0]


def comment_for_candidate(user, pk: int) -> Comment:
    return get_object_or_404(Comment.objects.for_candidate(user), pk=pk)


def coaching_shares(coach) -> list[Share]:
    """'Shared with me': the live shares the user coaches."""
    return list(
        Share.objects.for_coach(coach).select_related("candidate").order_by("candidate__email")
    )


def link_for_token(token: str) -> ReadOnlyLink:
    """The usable link a token opens, or 404 (unknown, revoked or expired alike)."""
    digest = token_hash(token)
    link = (
        ReadOnlyLink.objects.usable(timezone.now())
        .filter(token_hash=digest)
        .select_related("candidate")
        .first()
    )
    # Looked up by its hash, so the database compares digests, not secrets; compared again
    # here in constant time so no code path ever compares the token byte by byte.
    if link is None or not hmac.compare_digest(link.token_hash, digest):
        raise Http404("No such link")
    return link


def access_list(candidate) -> tuple[list[Share], list[ReadOnlyLink]]:
    """Everyone who has (or had) access, for the candidate's Sharing page: two queries."""
    shares = list(Share.objects.for_user(candidate).select_related("coach"))
    links = list(ReadOnlyLink.objects.for_user(candidate))
    return shares, links

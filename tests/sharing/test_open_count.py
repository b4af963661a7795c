"""The dashboard's count of open comments: the ORM's count, through a statement built once."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db.models.sql.compiler import SQLCompiler
from django.utils import timezone

from prepapp.accounts.deletion import account_delete
from prepapp.sharing.models import Comment
from prepapp.sharing.selectors import comments_open_count
from tests.mocks.factories import MockInterviewFactory
from tests.practice.factories import AnswerFactory
from tests.sharing.factories import CommentFactory

pytestmark = pytest.mark.django_db


def _orms(user) -> int:
    return Comment.objects.for_candidate(user).open().count()


def test_it_counts_what_the_orm_counts(user, other_user, django_assert_num_queries):
    coach = CommentFactory().author
    assert comments_open_count(user) == _orms(user) == 0
    CommentFactory(author=coach, answer=AnswerFactory(user=user))
    CommentFactory(author=coach, answer=None, mock=MockInterviewFactory(user=user))
    CommentFactory(author=coach, answer=AnswerFactory(user=user), resolved_at=timezone.now())
    CommentFactory(author=coach, answer=AnswerFactory(user=other_user))
    with django_assert_num_queries(1):
        count = comments_open_count(user)
    assert count == _orms(user) == 2
    assert comments_open_count(other_user) == _orms(other_user) == 1
    # A coach's account deleted takes their comments, and the count, at once.
    account_delete(coach)
    assert comments_open_count(user) == _orms(user) == 0


def test_the_statement_is_built_once(user):
    comments_open_count(user)
    with mock.patch.object(
        SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql
    ) as built:
        comments_open_count(user)
    assert built.call_count == 0

"""User.objects.get(pk=...): the row the ORM gives, through a statement and converters found once."""

from __future__ import annotations

from datetime import date
from unittest import mock

import pytest
from django.db.models.sql.compiler import SQLCompiler

from prepapp.accounts.models import User

pytestmark = pytest.mark.django_db


def _values(user: User) -> list:
    return [(f.attname, getattr(user, f.attname)) for f in User._meta.concrete_fields]


def test_it_is_the_row_the_orm_gives(user, django_assert_num_queries):
    user.interview_date = date(2027, 3, 4)
    user.time_zone = "Asia/Tokyo"
    user.save()
    User.objects.filter(pk=user.pk).update(last_login=user.date_joined)
    with django_assert_num_queries(1):
        ours = User.objects.get(pk=user.pk)
    orms = User.objects.filter(pk=user.pk).get()
    assert _values(ours) == _values(orms)
    assert [type(v) for _n, v in _values(ours)] == [type(v) for _n, v in _values(orms)]
    assert (ours._state.db, ours._state.adding) == ("default", False)
    assert ours.get_session_auth_hash() == orms.get_session_auth_hash()


def test_a_missing_user_does_not_exist(user):
    with pytest.raises(User.DoesNotExist):
        User.objects.get(pk=user.pk + 1000)


def test_other_lookups_are_the_orms(user):
    assert User.objects.get(email=user.email) == user
    assert User.objects.get(pk=str(user.pk)) == user
    with pytest.raises(User.DoesNotExist):
        User.objects.get(pk=user.pk, is_active=False)


def test_the_statement_is_built_once(user):
    User.objects.get(pk=user.pk)
    with (
        mock.patch.object(
            SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql
        ) as built,
        mock.patch.object(
            SQLCompiler, "get_converters", autospec=True, side_effect=SQLCompiler.get_converters
        ) as converters,
    ):
        assert User.objects.get(pk=user.pk) == user
    # Neither the statement nor the columns' converters are looked up again.
    assert built.call_count == converters.call_count == 0

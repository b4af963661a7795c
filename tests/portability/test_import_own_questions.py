"""Importing own questions matches them as the database does: whitespace and case aside."""

from __future__ import annotations

import json

import pytest

from prepapp.portability import data_export, data_import
from prepapp.practice.answers import answer_save
from prepapp.practice.models import Answer, UserQuestion
from tests.practice.factories import UserQuestionFactory

pytestmark = pytest.mark.django_db


def test_an_imported_own_question_in_another_case_is_the_one_already_there(user, other_user, pack):
    theirs = UserQuestionFactory(user=other_user, text="Why healthcare?")
    answer_save(Answer(user=other_user, user_question=theirs, body="Because."), mistakes=[])
    mine = UserQuestionFactory(user=user, text="  why HEALTHCARE? ")

    data_import(user, json.dumps(data_export(other_user), default=str))

    assert list(UserQuestion.objects.for_user(user)) == [mine]
    assert Answer.objects.for_user(user).get().user_question == mine

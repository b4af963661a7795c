"""0003 merges each user's duplicate own questions without losing an answer or a grade."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from prepapp.practice.models import Answer, ReviewCard, ReviewLog, UserQuestion, question_text_key
from tests.factories import UserFactory

BEFORE = [("practice", "0002_userquestion_text_key")]
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _migrate_latest():
    # Every app's last migration, so later migrations (in this app or others) are applied.
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_duplicates_merge_into_the_oldest(pack):
    apps = _migrate(BEFORE)
    Question = apps.get_model("practice", "UserQuestion")
    HAnswer = apps.get_model("practice", "Answer")
    Card = apps.get_model("practice", "ReviewCard")
    Log = apps.get_model("practice", "ReviewLog")
    Round = apps.get_model("library", "Round")
    try:
        # Users through the current model: 0002's state knows only accounts' 0001.
        sam, kim = (apps.get_model("accounts", "User")(pk=UserFactory().pk) for _ in "ab")
        technical = Round.objects.get(slug="technical")

        oldest = Question.objects.create(user=sam, text="Why healthcare?")
        copy = Question.objects.create(user=sam, text=" why  HEALTHCARE?", round=technical)
        other = Question.objects.create(user=sam, text="Why us?")
        kims = Question.objects.create(user=kim, text="Why healthcare?")
        for n, q in enumerate([oldest, copy, other, kims]):
            Question.objects.filter(pk=q.pk).update(created_at=T0 + timedelta(hours=n))
        answers = [
            HAnswer.objects.create(user_id=q.user_id, user_question=q, body=f"answer {n}")
            for n, q in enumerate([oldest, copy, copy, other, kims])
        ]
        # Both copies have a card; the copy's was reviewed last, so its schedule is kept.
        old_card = Card.objects.create(
            user=sam,
            user_question=oldest,
            due=T0,
            state={"s": "old"},
            review_count=1,
            last_reviewed_at=T0,
        )
        new_card = Card.objects.create(
            user=sam,
            user_question=copy,
            due=T0 + timedelta(days=9),
            state={"s": "new"},
            review_count=2,
            last_reviewed_at=T0 + timedelta(days=2),
        )
        Log.objects.create(card=old_card, rating=3, due_after=T0)
        Log.objects.create(card=new_card, rating=4, due_after=T0)
        Log.objects.create(card=new_card, rating=2, due_after=T0)
    except Exception:
        _migrate_latest()
        raise

    _migrate_latest()

    sams = UserQuestion.objects.filter(user_id=sam.pk).order_by("created_at")
    assert [q.pk for q in sams] == [oldest.pk, other.pk]
    merged = sams[0]
    assert merged.text == "Why healthcare?"  # the oldest text stands
    assert merged.round_id == technical.pk  # the copy's round fills the gap
    assert all(q.text_key == question_text_key(q.text) for q in UserQuestion.objects.all())
    assert set(
        Answer.objects.filter(pk__in=[a.pk for a in answers[:3]]).values_list(
            "user_question_id", flat=True
        )
    ) == {merged.pk}
    assert Answer.objects.count() == len(answers)
    card = ReviewCard.objects.get(user_question=merged)
    assert card.pk == new_card.pk and card.state == {"s": "new"}
    assert card.review_count == 3
    assert sorted(ReviewLog.objects.filter(card=card).values_list("rating", flat=True)) == [
        2,
        3,
        4,
    ]
    # Another user's identical question is theirs, untouched.
    assert UserQuestion.objects.get(pk=kims.pk).user_id == kim.pk

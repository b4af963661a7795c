"""Fill UserQuestion.text_key and merge each user's own questions that share one.

Typing the same own question twice used to create two questions. They merge into the
oldest (its text stands; the others differed only in case or spacing): every answer
moves to it, a round or topic it lacks comes from the first duplicate that has one, and
their review cards become one. The card kept is the most recently reviewed (its fsrs
state is the freshest); the others' review logs move onto it and their review counts
add up, so no answer and no grade is lost.

Not reversible: which answer belonged to which duplicate is not recorded. Reversing
it (back to 0002) leaves the merged questions merged, which the old code accepts.

In its own migration, between the schema changes: PostgreSQL refuses to ALTER a table
in the transaction that just updated rows referencing it ("pending trigger events").
"""

import hashlib
import unicodedata
from collections import defaultdict
from datetime import UTC, datetime

from django.db import migrations

NEVER = datetime.min.replace(tzinfo=UTC)


def question_text_key(text):
    # A copy of prepapp.practice.models.question_text_key as it was when this ran:
    # migrations must not change when the app's code does.
    folded = " ".join(unicodedata.normalize("NFC", text).split()).casefold()
    return hashlib.sha256(folded.encode()).hexdigest()


def merge_duplicates(apps, schema_editor):
    UserQuestion = apps.get_model("practice", "UserQuestion")
    Answer = apps.get_model("practice", "Answer")
    ReviewCard = apps.get_model("practice", "ReviewCard")
    ReviewLog = apps.get_model("practice", "ReviewLog")

    groups = defaultdict(list)
    for question in list(UserQuestion.objects.order_by("user_id", "created_at", "pk")):
        groups[(question.user_id, question_text_key(question.text))].append(question)

    for (_user_id, key), (keeper, *duplicates) in groups.items():
        keeper.text_key = key
        for duplicate in duplicates:
            keeper.round_id = keeper.round_id or duplicate.round_id
            keeper.topic_id = keeper.topic_id or duplicate.topic_id
        keeper.save(update_fields=["text_key", "round", "topic"])
        if not duplicates:
            continue
        duplicate_ids = [d.pk for d in duplicates]
        Answer.objects.filter(user_question_id__in=duplicate_ids).update(
            user_question_id=keeper.pk
        )
        cards = list(ReviewCard.objects.filter(user_question_id__in=[keeper.pk, *duplicate_ids]))
        if cards:
            kept = max(cards, key=lambda c: (c.last_reviewed_at or NEVER, c.review_count, -c.pk))
            others = [c.pk for c in cards if c.pk != kept.pk]
            ReviewLog.objects.filter(card_id__in=others).update(card_id=kept.pk)
            ReviewCard.objects.filter(pk__in=others).delete()
            kept.review_count = sum(c.review_count for c in cards)
            kept.user_question_id = keeper.pk
            kept.save(update_fields=["review_count", "user_question"])
        UserQuestion.objects.filter(pk__in=duplicate_ids).delete()


class Migration(migrations.Migration):
    dependencies = [("practice", "0002_userquestion_text_key")]

    operations = [migrations.RunPython(merge_duplicates, migrations.RunPython.noop)]

"""Step 3 of 3: every row has a uid; now it is required and unique per user."""

import uuid

import django.db.models.functions.uuid
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("practice", "0006_uid_fill"),
    ]

    operations = [
        migrations.AlterField(
            model_name="answer",
            name="uid",
            field=models.UUIDField(
                db_default=django.db.models.functions.uuid.UUID4(),
                default=uuid.uuid4,
                editable=False,
            ),
        ),
        migrations.AlterField(
            model_name="userquestion",
            name="uid",
            field=models.UUIDField(
                db_default=django.db.models.functions.uuid.UUID4(),
                default=uuid.uuid4,
                editable=False,
            ),
        ),
        migrations.AddConstraint(
            model_name="answer",
            constraint=models.UniqueConstraint(fields=("user", "uid"), name="practice_answer_uid_once"),
        ),
        migrations.AddConstraint(
            model_name="userquestion",
            constraint=models.UniqueConstraint(fields=("user", "uid"), name="practice_userquestion_uid_once"),
        ),
    ]

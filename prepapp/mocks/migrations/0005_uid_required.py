"""Step 3 of 3: every row has a uid; now it is required and unique per user."""

import uuid

import django.db.models.functions.uuid
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("mocks", "0004_uid_fill"),
    ]

    operations = [
        migrations.AlterField(
            model_name="mockinterview",
            name="uid",
            field=models.UUIDField(
                db_default=django.db.models.functions.uuid.UUID4(),
                default=uuid.uuid4,
                editable=False,
            ),
        ),
        migrations.AddConstraint(
            model_name="mockinterview",
            constraint=models.UniqueConstraint(fields=("user", "uid"), name="mocks_mock_uid_once"),
        ),
    ]

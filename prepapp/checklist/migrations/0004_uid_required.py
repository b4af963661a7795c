"""Step 3 of 3: every row has a uid; now it is required and unique per user."""

import uuid

import django.db.models.functions.uuid
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("checklist", "0003_uid_fill"),
    ]

    operations = [
        migrations.AlterField(
            model_name="ownitem",
            name="uid",
            field=models.UUIDField(
                db_default=django.db.models.functions.uuid.UUID4(),
                default=uuid.uuid4,
                editable=False,
            ),
        ),
        migrations.AddConstraint(
            model_name="ownitem",
            constraint=models.UniqueConstraint(fields=("user", "uid"), name="checklist_ownitem_uid_once"),
        ),
    ]

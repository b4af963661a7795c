"""Step 1 of 3 of adding a unique uid to rows that exist: the column, nullable.

Django's "Migrations that add unique fields": a default on AddField would give every
existing row the same value, so the values are filled row by row in 0003.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("mocks", "0002_calendar_feed_validators"),
    ]

    operations = [
        migrations.AddField(
            model_name="mockinterview",
            name="uid",
            field=models.UUIDField(editable=False, null=True),
        ),
    ]

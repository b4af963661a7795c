"""Step 1 of 3 of adding a unique uid to rows that exist: the column, nullable.

Django's "Migrations that add unique fields": a default on AddField would give every
existing row the same value, so the values are filled row by row in 0003.
"""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("checklist", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="ownitem",
            name="uid",
            field=models.UUIDField(editable=False, null=True),
        ),
        # An export file now keeps the time a row was written (bulk inserts skip auto_now_add).
        migrations.AlterField(
            model_name="ownitem",
            name="created_at",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False),
        ),
    ]

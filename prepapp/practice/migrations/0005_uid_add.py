"""Step 1 of 3 of adding a unique uid to rows that exist: the column, nullable.

Django's "Migrations that add unique fields": a default on AddField would give every
existing row the same value, so the values are filled row by row in 0003.
"""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("practice", "0004_userquestion_once"),
    ]

    operations = [
        migrations.AddField(
            model_name="answer",
            name="uid",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="userquestion",
            name="uid",
            field=models.UUIDField(editable=False, null=True),
        ),
        # An export file now keeps the time a row was written (bulk inserts skip auto_now_add).
        migrations.AlterField(
            model_name="answer",
            name="created_at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, editable=False),
        ),
        # An export file now keeps the time a row was written (bulk inserts skip auto_now_add).
        migrations.AlterField(
            model_name="reviewlog",
            name="reviewed_at",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False),
        ),
        # An export file now keeps the time a row was written (bulk inserts skip auto_now_add).
        migrations.AlterField(
            model_name="userquestion",
            name="created_at",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False),
        ),
    ]

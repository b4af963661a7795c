from django.db import migrations

import prepapp.practice.models


class Migration(migrations.Migration):
    dependencies = [("practice", "0001_initial")]

    operations = [
        # Filled by the next migration, which also merges existing duplicates; the one
        # after adds the unique constraint.
        migrations.AddField(
            model_name="userquestion",
            name="text_key",
            field=prepapp.practice.models.QuestionTextKeyField(default=""),
            preserve_default=False,
        ),
    ]

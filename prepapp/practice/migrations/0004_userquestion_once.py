from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("practice", "0003_merge_duplicate_own_questions")]

    operations = [
        migrations.AddConstraint(
            model_name="userquestion",
            constraint=models.UniqueConstraint(
                fields=("user", "text_key"), name="practice_userquestion_once"
            ),
        ),
    ]

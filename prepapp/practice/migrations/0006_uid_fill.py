"""Step 2 of 3: a fresh uid for every existing row."""

import uuid

from django.db import migrations

MODELS = ["Answer", "UserQuestion"]


def uid_fill(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("practice", name)
        rows = list(model.objects.filter(uid__isnull=True).only("pk"))
        for row in rows:
            row.uid = uuid.uuid4()
        model.objects.bulk_update(rows, ["uid"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("practice", "0005_uid_add"),
    ]

    operations = [
        migrations.RunPython(uid_fill, migrations.RunPython.noop, elidable=True),
    ]

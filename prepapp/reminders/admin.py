from __future__ import annotations

from django.contrib import admin
from django_tasks_db.models import DBTaskResult

# django-tasks-db registers its task table; its rows are queued mail, password-reset
# links included, which staff must not read (the admin shows no user's writing).
admin.site.unregister(DBTaskResult)

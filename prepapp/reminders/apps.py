from __future__ import annotations

from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "prepapp.reminders"

from __future__ import annotations

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "prepapp.demo"
    verbose_name = "Demo and benchmark data"

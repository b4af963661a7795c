"""Served under /accounts/ in the accounts namespace: see prepapp/urls.py."""

from __future__ import annotations

from django.urls import path

from prepapp.portability import views

urlpatterns = [
    path("export.json", views.export_json, name="export_json"),
    path("answers.md", views.export_markdown, name="export_markdown"),
    path("import/", views.import_data, name="import"),
]

from __future__ import annotations

from django.urls import path

from prepapp.checklist import views

app_name = "checklist"

urlpatterns = [
    path("", views.index, name="index"),
]

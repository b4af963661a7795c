from __future__ import annotations

from django.urls import path

from prepapp.practice import views

app_name = "practice"

urlpatterns = [
    path("", views.answers, name="answers"),
]

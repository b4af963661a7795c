from __future__ import annotations

from django.urls import path

from prepapp.practice import views

app_name = "practice"

urlpatterns = [
    path("", views.answers, name="answers"),
    path("new/", views.new, name="new"),
    path("questions/<slug:slug>/", views.history, name="history"),
]

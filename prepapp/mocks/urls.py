from __future__ import annotations

from django.urls import path

from prepapp.mocks import views

app_name = "mocks"

urlpatterns = [
    path("", views.list, name="list"),
]

from __future__ import annotations

from django.urls import path

from prepapp.checklist import views

app_name = "checklist"

urlpatterns = [
    path("", views.index, name="index"),
    path("items/<int:pk>/tick/", views.tick, {"kind": "pack"}, name="tick"),
    path("items/<int:pk>/note/", views.note, {"kind": "pack"}, name="note"),
    path("own/new/", views.own_add, name="own_add"),
    path("own/<int:pk>/tick/", views.tick, {"kind": "own"}, name="own_tick"),
    path("own/<int:pk>/note/", views.note, {"kind": "own"}, name="own_note"),
    path("own/<int:pk>/edit/", views.own_edit, name="own_edit"),
    path("own/<int:pk>/delete/", views.own_delete, name="own_delete"),
]

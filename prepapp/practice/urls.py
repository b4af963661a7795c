from __future__ import annotations

from django.urls import path

from prepapp.practice import views

app_name = "practice"

urlpatterns = [
    path("", views.answers, name="answers"),
    path("new/", views.new, name="new"),
    path("questions/<slug:slug>/", views.history, name="history"),
    path("own/<int:pk>/", views.own_history, name="own_history"),
    path("answers/<int:pk>/", views.answer, name="answer"),
    path("answers/<int:pk>/edit/", views.edit, name="edit"),
    path("answers/<int:pk>/delete/", views.delete, name="delete"),
    path("review/", views.due, name="due"),
    path("review/<int:pk>/", views.review, name="review"),
]

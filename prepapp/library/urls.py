from __future__ import annotations

from django.urls import path

from prepapp.library import views

app_name = "library"

urlpatterns = [
    path("questions/", views.questions, name="questions"),
    path("questions/<slug:slug>/", views.question, name="question"),
    path("mistakes/", views.mistakes, name="mistakes"),
    path("process/", views.process, name="process"),
    path("faq/", views.faq, name="faq"),
]

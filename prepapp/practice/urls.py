from __future__ import annotations

from django.urls import path

from prepapp.practice.views import answers, review, session, writing

app_name = "practice"

urlpatterns = [
    path("", answers.answers, name="answers"),
    path("new/", writing.new, name="new"),
    path("preview/", writing.preview, name="preview"),
    path("draft/", writing.draft, name="draft"),
    path("questions/<slug:slug>/", answers.history, name="history"),
    path("own/<int:pk>/", answers.own_history, name="own_history"),
    path("answers/<int:pk>/", answers.answer, name="answer"),
    path("answers/<int:pk>/edit/", answers.edit, name="edit"),
    path("answers/<int:pk>/delete/", answers.delete, name="delete"),
    path("review/", review.due, name="due"),
    path("review/<int:pk>/", review.review, name="review"),
    path("session/", session.session_new, name="session_new"),
    path("session/<int:pk>/", session.session, name="session"),
    path("session/<int:pk>/summary/", session.session_summary_page, name="session_summary"),
]

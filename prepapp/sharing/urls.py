from __future__ import annotations

from django.urls import path

from prepapp.sharing import views

app_name = "sharing"

urlpatterns = [
    path("", views.sharing_settings, name="settings"),
    path("shares/<int:pk>/scope/", views.share_scope, name="share_scope"),
    path("shares/<int:pk>/revoke/", views.share_revoke, name="share_revoke"),
    path("links/", views.link_create, name="link_create"),
    path("links/<int:pk>/revoke/", views.link_revoke, name="link_revoke"),
    path("answers/<int:pk>/shared/", views.answer_mark, name="answer_mark"),
    path("comments/<int:pk>/resolve/", views.comment_resolve, name="comment_resolve"),
    path("accept/<str:token>/", views.accept, name="accept"),
    path("with-me/", views.coaching, name="coaching"),
    path("with-me/<int:pk>/", views.coach_view, name="coach_view"),
    path("with-me/<int:pk>/answers/<int:answer_pk>/", views.coach_answer, name="coach_answer"),
    path("with-me/<int:pk>/mocks/<int:mock_pk>/", views.coach_mock, name="coach_mock"),
    path("link/<str:token>/", views.link_view, name="link_view"),
]

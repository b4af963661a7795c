from __future__ import annotations

from django.urls import path

from prepapp.mocks import views

app_name = "mocks"

urlpatterns = [
    path("", views.index, name="list"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/done/", views.mark_done, name="done"),
    path("<int:pk>/ics", views.ics, name="ics"),
    path("calendar/reset/", views.feed_reset, name="feed_reset"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
]

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from prepapp import views, well_known

urlpatterns = [
    path("", views.landing, name="landing"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", well_known.robots_txt, name="robots_txt"),
    path("favicon.ico", well_known.favicon, name="favicon"),
    path(".well-known/security.txt", well_known.security_txt, name="security_txt"),
    path(".well-known/change-password", well_known.change_password, name="change_password"),
    path("accounts/", include("prepapp.accounts.urls")),
    path("dashboard/", include("prepapp.dashboard.urls")),
    path("checklist/", include("prepapp.checklist.urls")),
    path("practice/", include("prepapp.practice.urls")),
    path("mocks/", include("prepapp.mocks.urls")),
    path("library/", include("prepapp.library.urls")),
    path("sharing/", include("prepapp.sharing.urls")),
    path("admin/", admin.site.urls),
]

if settings.BENCH_HELLO:
    urlpatterns.append(path("bench/hello", views.bench_hello, name="bench_hello"))

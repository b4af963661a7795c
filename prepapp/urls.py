from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from prepapp import views, well_known
from prepapp.accounts import urls as accounts_urls
from prepapp.portability import urls as portability_urls

urlpatterns = [
    path("", views.landing, name="landing"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", well_known.robots_txt, name="robots_txt"),
    path("favicon.ico", well_known.favicon, name="favicon"),
    path(".well-known/security.txt", well_known.security_txt, name="security_txt"),
    path(".well-known/change-password", well_known.change_password, name="change_password"),
    # Export and import live in their own app (accounts sits below the apps whose data they
    # carry) but keep their public names, accounts:export_json and the rest, and their paths.
    path(
        "accounts/",
        include((accounts_urls.urlpatterns + portability_urls.urlpatterns, "accounts")),
    ),
    path("dashboard/", include("prepapp.dashboard.urls")),
    path("checklist/", include("prepapp.checklist.urls")),
    path("practice/", include("prepapp.practice.urls")),
    path("mocks/", include("prepapp.mocks.urls")),
    path("library/", include("prepapp.library.urls")),
    path("accounts/settings/reminders/", include("prepapp.reminders.urls")),
    path("sharing/", include("prepapp.sharing.urls")),
    path("admin/", admin.site.urls),
]

if settings.BENCH_HELLO:
    urlpatterns.append(path("bench/hello", views.bench_hello, name="bench_hello"))

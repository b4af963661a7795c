"""The anchor of `make bench`: a bare Django project that says "hello".

What `django-admin startproject` gives (its installed apps and default middleware), one
view and no database work, served by the same gunicorn settings as the app. Every rate
`make bench` reports is also a ratio to this one, measured in the same run, so a busy
machine moves the numbers but not (much) the ratios.
"""

from __future__ import annotations

SECRET_KEY = "bench-bare-" + "k" * 50
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "bench.bare.urls"
WSGI_APPLICATION = "bench.bare.wsgi.application"
USE_TZ = True

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

# startproject's MIDDLEWARE, unchanged.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# Never opened: the hello view touches no table (sessions and users load lazily).
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
STATIC_URL = "static/"

"""prepapp settings: one file, read from the environment.

With no environment at all it runs locally: SQLite under var/, a secret key
generated once and kept in var/, DEBUG off. The production variables are listed
in the README.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from prepapp.env import env_bool, env_datetime, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("PREPAPP_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    if key := env_str("DJANGO_SECRET_KEY"):
        return key
    # Generated once per checkout so sessions survive restarts without any set-up.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Django's widget templates, for the form renderer that reads the project's templates.
    "django.forms",
    "django_htmx",
    "axes",
    "django_ratelimit",
    "django_tasks_db",
    "prepapp.accounts",
    "prepapp.library",
    "prepapp.checklist",
    "prepapp.practice",
    "prepapp.mocks",
    "prepapp.dashboard",
    "prepapp.sharing",
    "prepapp.demo",
    "prepapp.reminders",
]

# Each one is needed on every request; `make bench` measures what the stack costs against a
# bare Django project. Most of the app hello's extra cost over the bare one is the session
# and the user, loaded (two queries, ~150 µs with prepapp/accounts/session_store.py and
# UserManager.get) because every response depends on who is signed in (PrivateCacheMiddleware,
# LoginRequiredMiddleware, TimeZoneMiddleware); the bare hello never touches either. Each
# middleware's own cost, measured alone (Dec 2026): Security, Session, Common, Messages and
# the CSP ~20-30 µs each (the first four the bare project has too), NulCharacter and
# TimeZone ~15-20, CSRF ~15, PrivateCache, XFrameOptions and Auth ~7, Axes ~5, htmx,
# whitenoise ~2-3: none is worth weakening a guard for.
MIDDLEWARE = [
    # HSTS, SSL redirect, nosniff, referrer policy (check --deploy).
    "django.middleware.security.SecurityMiddleware",
    # Static files answered before anything below runs (no session, no user).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A NUL in the path or a form would reach a query and fail there with a 500.
    "prepapp.middleware.NulCharacterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # APPEND_SLASH: /checklist and /checklist/ are one page.
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Sees every response below it, the lockout's and login redirects' too.
    "prepapp.middleware.PrivateCacheMiddleware",
    # Sign-in is required everywhere except views marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # After authentication: pages, forms and dates use the signed-in user's zone.
    # (No middleware bumps User.data_version any more: the write services do,
    # prepapp/accounts/data_version.py, so a POST costs no SQL watching.)
    "prepapp.accounts.middleware.TimeZoneMiddleware",
    # "Saved", "Deleted": the message after a redirect.
    "django.contrib.messages.middleware.MessageMiddleware",
    # X-Frame-Options for browsers without CSP's frame-ancestors.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The CSP header and the per-request script nonce.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # request.htmx: partial or page (prepapp/htmx.py).
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a lockout into the 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "prepapp.urls"
WSGI_APPLICATION = "prepapp.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["prepapp.template_filters"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    }
]

# One look for every form: templates/django/forms/ over Django's own (prepapp/form_rendering.py).
FORM_RENDERER = "prepapp.form_rendering.FormRenderer"

# Database: SQLite under var/ unless DATABASE_URL points elsewhere.
if database_url := env_str("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            database_url,
            conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "prepapp.sqlite3",
            # Keep each worker's connection: a new one re-reads the schema and starts
            # with an empty page cache, which costs more than most of our queries.
            "CONN_MAX_AGE": env_int("DATABASE_CONN_MAX_AGE", 600),
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so two writers queue on the
                # busy timeout instead of failing with "database is locked" on upgrade.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA mmap_size=134217728;"
                ),
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "landing"

# django-axes: lock an email + IP pair after 5 failures, for 15 minutes, with a 429.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "prepapp.accounts.lockout.lockout_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True
# axes keeps the failed request's form data (the admin shows it): never a password typed.
AXES_SENSITIVE_PARAMETERS = [
    "username",
    "ip_address",
    "old_password",
    "new_password1",
    "new_password2",
    "password1",
    "password2",
]
# Reverse proxies in front of the app: the client is the PROXY_COUNT-th address from the
# right of X-Forwarded-For (prepapp/client_ip.py). 0: the client connects directly.
PROXY_COUNT = env_int("DJANGO_PROXY_COUNT", 0)
if PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"DJANGO_PROXY_COUNT must be 0 or more, got {PROXY_COUNT}")
AXES_CLIENT_IP_CALLABLE = "prepapp.client_ip.client_ip_address"
# Password-reset links work for an hour (Django's default is three days); the mail says so.
PASSWORD_RESET_TIMEOUT = 60 * 60

# Caches. "default" is per process: the rendered dashboard overview and list-page rows
# (prepapp/page_cache.py), each valid for one user's data version. Its default of 300
# entries would cull a page a few dozen active users in; 2,000 entries of at most ~60 KB
# (the heaviest cached rows) bound a worker's cache near 100 MB. "ratelimit" is a table in
# the database every worker and host shares (`createcachetable` makes it).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 2_000},
    },
    "ratelimit": {
        "BACKEND": "prepapp.throttle.CounterCache",
        "LOCATION": "prepapp_ratelimit",
        # Past MAX_ENTRIES a set deletes a third of the rows, live counters too: keep
        # that out of an attacker's reach (expired rows go first, so it stays small).
        "OPTIONS": {"MAX_ENTRIES": 1_000_000},
    },
}
RATELIMIT_USE_CACHE = "ratelimit"
RATELIMIT_IP_META_KEY = "prepapp.client_ip.client_ip_address"
# django-ratelimit warns about any backend it has not tested; CounterCache's atomic
# incr is tested in tests/test_throttle.py on SQLite and PostgreSQL.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("DJANGO_TIME_ZONE", "Europe/London")
# The app is written in English and translates nothing. With translation on, every date
# filter, label and message asked the active language (a context-local lookup) and a
# catalog; a list page did that thousands of times, 10-20% of its time (make bench). Off,
# Django's strings are its English source, which its en_GB catalog only repeats, and the
# en-GB formats (day-first dates, the 24-hour clock) still apply: LANGUAGE_CODE picks them.
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # whitenoise's compressed manifest storage, each file's URL found once per process.
    "staticfiles": {"BACKEND": "prepapp.static_storage.RememberedManifestStorage"},
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0

# Email: printed to the console unless an SMTP host is configured.
if email_host := env_str("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": email_host,
                "port": env_int("EMAIL_PORT", 587),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": 10,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "prepapp <noreply@localhost>")
# Mail written outside a request (reminders, the worker) links here: no request to ask.
SITE_URL = env_str("PREPAPP_SITE_URL", f"http://127.0.0.1:{env_int('PORT', 8000)}").rstrip("/")

# Background work (every mail, the reminder digests): Django's tasks, stored in the
# database by django-tasks-db and run by `manage.py db_worker` (make run starts one).
# The database is the queue, so no broker to run, and a task enqueued inside a
# transaction is committed or rolled back with it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Who runs this site, for security reports (security.txt) and the email-change notice.
SECURITY_CONTACT = env_str("DJANGO_SECURITY_CONTACT", "mailto:security@prepapp.example")
# Until when that contact holds (RFC 9116 asks for less than a year ahead). Unset: 180
# days from start, so a forgotten setting never serves an expired file.
SECURITY_TXT_EXPIRES = env_datetime(
    "DJANGO_SECURITY_TXT_EXPIRES",
    (datetime.now(UTC) + timedelta(days=180)).replace(hour=0, minute=0, second=0, microsecond=0),
)

# HTTPS: on in production (DJANGO_HTTPS=true), behind a proxy that sets X-Forwarded-Proto.
HTTPS = env_bool("DJANGO_HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("DJANGO_BEHIND_PROXY", HTTPS):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
# htmx reads the token from the page (data-hx-headers on <body>), never from the cookie.
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
# Django's database sessions, the read done with one fixed statement (the ORM's query
# building was a fifth of every signed-in request): prepapp/accounts/session_store.py.
SESSION_ENGINE = "prepapp.accounts.session_store"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy, enforced: no inline script or style, no eval.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# `make bench` serves a bare "hello" view as its baseline; never routed otherwise.
BENCH_HELLO = env_bool("PREPAPP_BENCH", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "WARNING")},
}

"""Project-wide fixtures. Factories live in tests/factories.py."""

from __future__ import annotations

import os

import pytest

from prepapp.library.content import content_sync
from tests.factories import UserFactory

# Browser and PostgreSQL tests may skip on a developer's machine; in CI they must run.
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_configure(config):
    from django.conf import settings

    # Tests render templates without `collectstatic`; the manifest storage would refuse.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Argon2 is deliberately slow; tests need speed, not strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tasks (every mail) run at once, in the test, with no worker; tests of the worker
    # itself switch to the database backend with the `task_queue` fixture.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def _task_backends_reset() -> None:
    # Django caches the backends and does not listen for TASKS changing.
    from asgiref.local import Local
    from django.tasks import task_backends

    task_backends.__dict__.pop("settings", None)
    task_backends._settings = None
    task_backends._connections = Local(task_backends.thread_critical)


@pytest.fixture
def task_queue(settings):
    """Tasks go into the database (django-tasks-db), as in production, until a test runs
    the worker: `call_command("db_worker", batch=True, ...)`."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    _task_backends_reset()
    yield
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    _task_backends_reset()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the content pack once into the test database; every test's rollback keeps it."""
    with django_db_blocker.unblock():
        content_sync(force=True)


@pytest.fixture(autouse=True)
def _page_cache_fresh():
    """Each test starts with no cached pages. The cache is per process, and a user created
    in one test may have the pk and data version of a user from an earlier one, so a page
    cached there would be served here (prepapp/page_cache.py)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _rate_limit_counts_fresh(request):
    """Each test starts with no rate-limit counts.

    The counts live in a cache table: a normal test's rollback undoes them, but a
    transactional test's flush empties only the models' tables, so browser tests
    (all signing up from 127.0.0.1) would add up across the run.
    """
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    if transactional:
        from django.core.cache import caches

        request.getfixturevalue("transactional_db")
        caches["ratelimit"].clear()


@pytest.fixture
def pack(db):
    """The content pack, for tests that need it to be there.

    Transactional tests (browser tests) flush the database after they run, so
    this reloads the pack when an earlier one removed it.
    """
    from prepapp.library.models import Track

    if not Track.objects.exists():
        content_sync(force=True)
    return Track.objects.get(slug="healthcare-pm")


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def other_user(db):
    return UserFactory()


@pytest.fixture
def auth_client(client, user):
    client.force_login(user)
    return client

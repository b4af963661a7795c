"""`make demo` (seed_demo): safe to run twice; --reset rebuilds the account."""

from __future__ import annotations

import io
import subprocess

import pytest
from django.conf import settings
from django.core.management import call_command

from prepapp.accounts.models import User
from prepapp.checklist.models import ItemState
from prepapp.mocks.models import MockInterview
from prepapp.practice.models import Answer
from tests.practice.factories import AnswerFactory

pytestmark = pytest.mark.django_db


def seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", "--answers", "12", "--mocks", "3", *args, stdout=out)
    return out.getvalue()


def demo_counts() -> dict:
    user = User.objects.get(email="demo@example.org")
    return {
        "answers": Answer.objects.filter(user=user).count(),
        "mocks": MockInterview.objects.filter(user=user).count(),
        "states": ItemState.objects.filter(user=user).count(),
    }


def test_seed_demo_twice_leaves_the_same_data(pack):
    first = seed()
    assert "created" in first
    after_first = demo_counts()
    assert after_first["answers"] == 12 and after_first["mocks"] == 3

    second = seed()

    assert demo_counts() == after_first
    assert "already exists" in second and "--reset" in second
    assert User.objects.filter(email="demo@example.org").count() == 1


def test_seed_demo_reset_rebuilds_the_account(pack):
    seed()
    user = User.objects.get(email="demo@example.org")
    user.set_password("changed-by-someone-1")
    user.save()
    Answer.objects.filter(user=user).first().delete()

    out = seed("--reset")

    assert "rebuilt" in out
    assert demo_counts()["answers"] == 12
    rebuilt = User.objects.get(email="demo@example.org")
    assert rebuilt.check_password("demo-password-123")


def test_seed_demo_reset_leaves_other_users_alone(pack, user):
    AnswerFactory(user=user)
    seed()
    seed("--reset")
    assert Answer.objects.filter(user=user).count() == 1


def test_make_demo_prints_the_url_to_open():
    """`make demo` tells the newcomer where to go, as `make run` does."""
    # `make -n` prints the recipe without running it (no set-up, no server).
    dry_run = subprocess.run(
        ["make", "-n", "demo", "PORT=9123"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "http://127.0.0.1:9123/" in dry_run

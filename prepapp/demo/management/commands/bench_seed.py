"""Seed the benchmark's database and print what `make bench` needs, as JSON."""

from __future__ import annotations

import json
import secrets
import string

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand

from prepapp.accounts.models import User
from prepapp.demo.seeding import demo_seed
from prepapp.library.models import ChecklistItem


class Command(BaseCommand):
    help = "Seed a benchmark database: many users, one with a long history. Prints JSON."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=1000)
        parser.add_argument("--answers", type=int, default=2000)
        parser.add_argument("--mocks", type=int, default=200)

    def handle(self, *args, users, answers, mocks, **options):
        # One hash for all: hashing a thousand Argon2 passwords would dominate the seeding.
        password = make_password("bench-password-123")
        User.objects.bulk_create(
            [User(email=f"bench{n}@example.org", password=password) for n in range(users - 1)],
            batch_size=500,
        )
        heavy = User.objects.create(email="heavy@example.org", password=password)
        demo_seed(heavy, answers=answers, mocks=mocks)

        session = SessionStore()
        session[SESSION_KEY] = str(heavy.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = heavy.get_session_auth_hash()
        session.create()
        csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
        item = ChecklistItem.objects.order_by("pk").first()
        answer = heavy.answers.select_related("question").order_by("-pk").first()
        mock = heavy.mock_interviews.order_by("-pk").first()
        self.stdout.write(
            json.dumps(
                {
                    "session": session.session_key,
                    "csrf": csrf,
                    "summary": (
                        f"{User.objects.count()} users; the measured one has "
                        f"{heavy.answers.count()} answers and {heavy.mock_interviews.count()} mocks"
                    ),
                    "endpoints": [
                        ["hello", "GET", "/bench/hello", None],
                        ["dashboard", "GET", "/dashboard/", None],
                        ["answers list", "GET", "/practice/", None],
                        ["checklist", "GET", "/checklist/", None],
                        ["answer page", "GET", f"/practice/answers/{answer.pk}/", None],
                        [
                            "question history",
                            "GET",
                            f"/practice/questions/{answer.question.slug}/",
                            None,
                        ],
                        ["reviews due", "GET", "/practice/review/", None],
                        ["mocks list", "GET", "/mocks/", None],
                        ["mock page", "GET", f"/mocks/{mock.pk}/", None],
                        ["questions", "GET", "/library/questions/", None],
                        ["settings", "GET", "/accounts/settings/", None],
                        [
                            "checklist toggle",
                            "POST",
                            f"/checklist/items/{item.pk}/tick/",
                            "done=1",
                        ],
                    ],
                }
            )
        )

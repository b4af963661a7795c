from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from prepapp.accounts.deletion import account_delete
from prepapp.accounts.models import User
from prepapp.demo.seeding import demo_seed


class Command(BaseCommand):
    help = (
        "Create a realistic demo account so the dashboard has something to show. "
        "Safe to run again: an existing demo account is left as it is; --reset rebuilds it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", default="demo@example.org")
        parser.add_argument("--password", default="demo-password-123")
        parser.add_argument("--answers", type=int, default=60)
        parser.add_argument("--mocks", type=int, default=8)
        parser.add_argument(
            "--seed", type=int, default=7, help="Random seed: same seed, same data."
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo account and everything in it, then seed it afresh.",
        )

    def handle(self, *args, email, password, answers, mocks, seed, reset, **options):
        if not 0 <= answers <= 20_000 or not 0 <= mocks <= 5_000:
            raise CommandError("--answers must be 0-20000 and --mocks 0-5000")
        email = User.objects.normalize_email(email)
        with transaction.atomic():
            existing = User.objects.filter(email__iexact=email).first()
            if existing and not reset:
                # The demo is dated relative to "now", so seeding again would not match the
                # first run's rows and would add a second copy: leave the account alone.
                self.stdout.write(
                    f"Demo account {existing.email} already exists; left as it is "
                    "(--reset rebuilds it)."
                )
                return
            if existing:
                account_delete(existing)
            user = User.objects.create_user(email=email, password=password, display_name="Demo")
            summary = demo_seed(user, answers=answers, mocks=mocks, seed=seed)
        added = ", ".join(f"{n} {kind}" for kind, n in summary.added.items()) or "nothing"
        verb = "rebuilt" if existing else "created"
        self.stdout.write(f"Demo account {user.email} {verb}: added {added}.")

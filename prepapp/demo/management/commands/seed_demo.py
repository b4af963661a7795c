from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from prepapp.accounts.models import User
from prepapp.demo.seeding import demo_seed


class Command(BaseCommand):
    help = "Create (or top up) a realistic demo account so the dashboard has something to show."

    def add_arguments(self, parser):
        parser.add_argument("--email", default="demo@example.org")
        parser.add_argument("--password", default="demo-password-123")
        parser.add_argument("--answers", type=int, default=60)
        parser.add_argument("--mocks", type=int, default=8)
        parser.add_argument(
            "--seed", type=int, default=7, help="Random seed: same seed, same data."
        )

    def handle(self, *args, email, password, answers, mocks, seed, **options):
        if not 0 <= answers <= 20_000 or not 0 <= mocks <= 5_000:
            raise CommandError("--answers must be 0-20000 and --mocks 0-5000")
        user, created = User.objects.get_or_create(
            email=User.objects.normalize_email(email), defaults={"display_name": "Demo"}
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        summary = demo_seed(user, answers=answers, mocks=mocks, seed=seed)
        added = ", ".join(f"{n} {kind}" for kind, n in summary.added.items()) or "nothing new"
        self.stdout.write(f"Demo account {user.email}: added {added}.")

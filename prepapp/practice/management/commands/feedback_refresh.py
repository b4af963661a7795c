from __future__ import annotations

from django.core.management.base import BaseCommand

from prepapp.practice.answers import answers_feedback_refresh, feedback_version


class Command(BaseCommand):
    help = "Re-run the feedback checks on answers whose findings came from an older version."

    def handle(self, *args, **options):
        count = answers_feedback_refresh()
        self.stdout.write(f"Feedback {feedback_version()[:12]}: {count} answer(s) re-checked.")

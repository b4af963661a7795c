"""Queue the reminder mails due now; with --every, keep doing so (make run's scheduler).

Each run also prunes finished tasks older than a day (failed ones after a week).
"""

from __future__ import annotations

import signal
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from prepapp.reminders.scheduling import reminders_enqueue


class Command(BaseCommand):
    help = "Queue the reminder mails due now (idempotent: safe to run often, late or twice)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Run again every SECONDS until stopped (default: once). "
            "Digests go out within this long of the hour users chose.",
        )

    def handle(self, *args, every: int, **options):
        # honcho and systemd stop with SIGTERM: exit quietly. A run cut short rolls back
        # its open transaction, and the next run (idempotent) does it again.
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        try:
            while True:
                close_old_connections()
                count = reminders_enqueue()
                # Finished tasks hold the mail they sent (reset links too): keep a day.
                call_command(
                    "prune_db_task_results", min_age_days=1, failed_min_age_days=7, verbosity=0
                )
                if options["verbosity"] > 1 or (count and options["verbosity"]):
                    self.stdout.write(f"{count} reminder(s) queued")
                if every <= 0:
                    return
                time.sleep(every)
        except KeyboardInterrupt:
            return

from __future__ import annotations

from django.core.management.base import BaseCommand

from prepapp.library.content import PACK_PATH, content_sync


class Command(BaseCommand):
    help = "Load or update the content pack. Idempotent; never touches users' own rows."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Load even if unchanged.")

    def handle(self, *args, force: bool = False, **options):
        loaded = content_sync(force=force)
        status = "loaded" if loaded else "already up to date"
        self.stdout.write(f"Content pack {PACK_PATH.name}: {status}.")

"""Loading the content pack.

The pack is a Django fixture with natural keys only, so `loaddata` matches each
object to its existing row by slug and updates it in place: loading twice
changes nothing, and users' rows that reference content keep their links.
A fingerprint of the file is stored so `make run` skips the load when nothing
changed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

PACK_PATH = Path(settings.BASE_DIR) / "fixtures" / "healthcare_pm.json"


def pack_fingerprint(path: Path = PACK_PATH) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def content_sync(path: Path = PACK_PATH, *, force: bool = False) -> bool:
    """Load the pack if it changed since the last sync. Returns True when it loaded."""
    from prepapp.library.models import PackVersion

    fingerprint = pack_fingerprint(path)
    if not force and PackVersion.objects.filter(fingerprint=fingerprint).exists():
        return False
    with transaction.atomic():
        call_command("loaddata", str(path), verbosity=0)
        PackVersion.objects.update_or_create(name=path.name, defaults={"fingerprint": fingerprint})
    # Cached pages show the pack's text (prepapp/page_cache.py): this process's copies go;
    # the server's own workers start empty when it is restarted after the sync.
    cache.clear()
    return True

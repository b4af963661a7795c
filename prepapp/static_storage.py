"""whitenoise's CompressedManifestStaticFilesStorage, answering url() from memory after once.

Every page's {% static %} tags and {% htmx_script %} ask the storage for a URL: the manifest
lookup, then quoting, splitting and joining, ~20 µs a call, four or five a page. The
manifest is read when the storage is made and does not change while the process runs
(collectstatic is followed by a restart), so a name's URL is the same on every call and is
kept per storage instance (a test that changes the static settings gets a new instance).
What url() reads besides the name is DEBUG (unhashed names while debugging): it is part of
the key. A name not in the manifest raises each time, as Django's storage does.
"""

from __future__ import annotations

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage

# Templates name a few dozen files; past this many the rest are simply not remembered.
URLS_KEPT = 1024


class RememberedManifestStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[tuple[str, bool, bool], str] = {}

    def url(self, name, force=False):
        key = (name, force, settings.DEBUG)
        try:
            return self._urls[key]
        except KeyError:
            url = super().url(name, force)
            if len(self._urls) < URLS_KEPT:
                self._urls[key] = url
            return url

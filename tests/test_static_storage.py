"""prepapp/static_storage.py: whitenoise's manifest storage's URLs, each found once."""

from __future__ import annotations

import json
from unittest import mock

import pytest
from django.contrib.staticfiles.storage import ManifestFilesMixin
from whitenoise.storage import CompressedManifestStaticFilesStorage

from prepapp.static_storage import RememberedManifestStorage

MANIFEST = {"version": "1.1", "hash": "0", "paths": {"css/app.css": "css/app.5e1f00d2.css"}}


@pytest.fixture
def static_root(tmp_path, settings):
    (tmp_path / "staticfiles.json").write_text(json.dumps(MANIFEST))
    settings.STATIC_ROOT = tmp_path
    return tmp_path


def test_the_site_uses_it():
    from prepapp import settings as site

    assert (
        site.STORAGES["staticfiles"]["BACKEND"]
        == "prepapp.static_storage.RememberedManifestStorage"
    )


@pytest.mark.parametrize("debug", [False, True])
def test_its_urls_are_whitenoises(static_root, settings, debug):
    settings.DEBUG = debug
    ours, theirs = RememberedManifestStorage(), CompressedManifestStaticFilesStorage()
    for _ in range(2):
        assert ours.url("css/app.css") == theirs.url("css/app.css")
    assert ours.url("css/app.css", force=True) == "/static/css/app.5e1f00d2.css"


def test_each_url_is_found_once(static_root):
    storage = RememberedManifestStorage()
    with mock.patch.object(
        ManifestFilesMixin, "url", autospec=True, side_effect=ManifestFilesMixin.url
    ) as found:
        urls = {storage.url("css/app.css") for _ in range(5)}
    assert urls == {"/static/css/app.5e1f00d2.css"}
    assert found.call_count == 1


def test_a_change_of_debug_is_seen(static_root, settings):
    storage = RememberedManifestStorage()
    assert storage.url("css/app.css") == "/static/css/app.5e1f00d2.css"
    settings.DEBUG = True
    assert storage.url("css/app.css") == "/static/css/app.css"


def test_a_name_not_in_the_manifest_fails_every_time(static_root):
    storage = RememberedManifestStorage()
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("no/such.css")

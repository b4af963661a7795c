"""English only, with British formats: no translation machinery on any request."""

from __future__ import annotations

from datetime import date, datetime

from django.template import Context, Template
from django.utils import formats, translation


def test_no_translation_catalog_is_consulted():
    # trans_null: gettext returns its argument; the per-request language lookup is gone.
    assert translation._trans.gettext.__module__ == "django.utils.translation.trans_null"


def test_dates_keep_the_british_formats():
    assert "%d/%m/%Y" in formats.get_format("DATE_INPUT_FORMATS")
    # `date` with no format: en_GB's DATE_FORMAT ("j M Y"), not the "N j, Y" of settings.
    rendered = Template('{{ d|date:"j M Y" }}|{{ d|date }}|{{ t|date:"D j M Y, H:i" }}').render(
        Context({"d": date(2026, 9, 3), "t": datetime(2026, 9, 3, 17, 5)})
    )
    assert rendered == "3 Sep 2026|3 Sep 2026|Thu 3 Sep 2026, 17:05"

"""Hostile values, the kinds of field they probe, and the checks every response must pass.

A field's kind, whether it is required and its bounds come from the form field itself
(`field_spec`), so a new field, or a changed `max_length`, is swept as it now is.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import pytest
from django import forms
from django.utils.html import escape

SCRIPT = "<script>alert(1)</script>"
HUGE = "x" * 100_000
RTL = "\u202eevil\u202c 😀 مرحبا"
SQL = "' OR 1=1 --"
JS_URL = "javascript:alert(1)"
MISSING = object()
# A superscript two, an Arabic-Indic three, a fullwidth five.
UNICODE_DIGITS = ["\u00b2", "\u0663", "\uff15"]
# A zero-width space, a combining accent, a character outside the BMP, a byte-order mark.
UNICODE_EDGE = "\u200b e\u0301 \U0001d54f \ufeff"

# Field kinds. TEXT is free text with a bound; IGNORED is a value the view never stores.
TEXT, INT, CHOICE, MULTI, DATE, DATETIME, EMAIL, PASSWORD, FILE, BOOL, IGNORED = (
    "text",
    "int",
    "choice",
    "multi",
    "date",
    "datetime",
    "email",
    "password",
    "file",
    "bool",
    "ignored",
)


@dataclass(frozen=True)
class Field:
    kind: str
    required: bool = False
    max_length: int | None = None
    min_value: int | None = None
    max_value: int | None = None


def field_spec(field: forms.Field) -> Field:
    """What a sweep needs to know of a form field, read from the field."""
    bounds = {"required": field.required}
    if isinstance(field, forms.CharField) and isinstance(field.widget, forms.PasswordInput):
        return Field(PASSWORD, max_length=field.max_length, **bounds)
    if isinstance(field, forms.EmailField):
        return Field(EMAIL, max_length=field.max_length, **bounds)
    if isinstance(field, forms.CharField):
        return Field(TEXT, max_length=field.max_length, **bounds)
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return Field(MULTI, **bounds)
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        return Field(CHOICE, **bounds)
    if isinstance(field, forms.IntegerField):
        return Field(INT, min_value=field.min_value, max_value=field.max_value, **bounds)
    if isinstance(field, forms.DateTimeField):
        return Field(DATETIME, **bounds)
    if isinstance(field, forms.DateField):
        return Field(DATE, **bounds)
    if isinstance(field, forms.FileField):
        return Field(FILE, **bounds)
    if isinstance(field, forms.BooleanField):
        return Field(BOOL, **bounds)
    raise AssertionError(f"no hostile values for a {type(field).__name__}: add its kind here")


# label -> value. Each kind of field gets the variants that probe it (KIND_VARIANTS); the
# combined test sends every variant to every field at once, so no value goes untried.
VALUES: dict[str, object] = {
    "oversized": HUGE,
    "nul": "a\x00b",
    "sql": SQL,
    "script": SCRIPT,
    "js_url": JS_URL,
    "markdown_js_link": f"[click]({JS_URL})",
    "rtl_emoji": RTL,
    "unicode_edge": UNICODE_EDGE,
    # What a hostile user would type into free text: every trick at once.
    "hostile_text": f"{RTL} {SCRIPT} [click]({JS_URL}) {SQL}",
    "wrong_type": "abc",
    "negative": "-1",
    "float": "1.5",
    "huge_int": str(10**30),
    "bad_date": "2026-02-30",
    "bad_datetime": "2026-02-30T25:61",
    "list": ["abc", "def"],
    # isdigit() is true for these, int() takes the last two: ids are ASCII digits only.
    **{f"unicode_digit_{d}": d for d in UNICODE_DIGITS},
    "empty": "",
    "blank": "   ",
    "missing": MISSING,
}
# Values made from the field's own bounds: one past each (see `field_value`).
BOUND_LABELS = ("too_long", "above_max", "below_min")

# "sql", "rtl_emoji" and the like are non-numbers like "abc": the combined test sends them.
_NUMERIC = ["oversized", "nul", "wrong_type", "negative", "float", "huge_int", "list"]
KIND_VARIANTS: dict[str, list[str]] = {
    TEXT: ["oversized", "too_long", "nul", "hostile_text", "unicode_edge", "blank", "missing"],
    INT: [*_NUMERIC, "above_max", "below_min", "empty"],
    CHOICE: [*_NUMERIC, "empty", "missing"],
    MULTI: _NUMERIC,
    DATE: [*_NUMERIC, "bad_date", "empty"],
    DATETIME: [*_NUMERIC, "bad_date", "bad_datetime", "missing"],
    EMAIL: ["oversized", "too_long", "nul", "hostile_text", "list", "empty"],
    PASSWORD: ["oversized", "too_long", "nul", "empty", "missing"],
    # A checkbox reads any value but "false" and "0" as ticked: there is nothing to refuse.
    BOOL: ["oversized", "nul", "list", "empty", "missing"],
    IGNORED: ["oversized", "nul", "hostile_text", "list"],
}
# Free text may hold any of these; every other kind must refuse them.
TEXT_MAY_HOLD = {
    "sql",
    "script",
    "js_url",
    "markdown_js_link",
    "rtl_emoji",
    "unicode_edge",
    "hostile_text",
    "wrong_type",
    "negative",
    "float",
    "huge_int",
    "bad_date",
    "bad_datetime",
    "list",
    *(f"unicode_digit_{d}" for d in UNICODE_DIGITS),
}
ALL_LABELS = [*VALUES, *BOUND_LABELS]


def field_value(label: str, spec: Field):
    """The value `label` stands for in this field, or None where the field has no such bound."""
    if label == "too_long":
        return None if spec.max_length is None else "x" * (spec.max_length + 1)
    if label == "above_max":
        return None if spec.max_value is None else str(spec.max_value + 1)
    if label == "below_min":
        return None if spec.min_value is None else str(spec.min_value - 1)
    return VALUES[label]


def must_refuse(label: str, spec: Field) -> bool:
    if spec.kind == BOOL:
        return spec.required and label in ("empty", "missing")
    if spec.kind == IGNORED:
        return False
    if spec.kind == PASSWORD:
        return True  # the other password field keeps its value: never a match
    if label in ("empty", "blank", "missing"):
        return spec.required
    if spec.kind == TEXT:
        return label not in TEXT_MAY_HOLD
    return True


def with_values(data: dict, values: dict) -> dict:
    """`data` with each field -> value of `values` put in (MISSING: the field left out)."""
    for field, value in values.items():
        if value is MISSING:
            data.pop(field, None)
        else:
            data[field] = value
    return data


def text_kept(response, sent: dict, specs: dict[str, Field]) -> list[str]:
    """The typed text a re-rendered form lost: what a user would have to type again."""
    if response.status_code >= 300 and b"<form" not in response.content:
        return []
    html = response.content.decode(errors="replace")
    lost = []
    for name, value in sent.items():
        kept = specs[name].kind in (TEXT, EMAIL) and isinstance(value, str)
        if kept and "\x00" not in value and escape(value) not in html:
            lost.append(name)
    return lost


def where(exc_type, tb) -> str:
    """The exception, the app's last line on the way to it, and the line that raised it."""
    frames = traceback.extract_tb(tb)
    app = [f for f in frames if "/prepapp/" in f.filename]
    text = f"{exc_type.__name__} at {frames[-1].filename}:{frames[-1].lineno}"
    if app and app[-1] is not frames[-1]:
        text += f" via {app[-1].filename}:{app[-1].lineno} `{app[-1].line}`"
    return text


def failure(name, field, label, response) -> str:
    at = ""
    if getattr(response, "exc_info", None):
        at = f" ({where(response.exc_info[0], response.exc_info[2])})"
    return f"{name} {field}={label}: {response.status_code}{at}"


def location_is_safe(location: str, base: str = "http://testserver/some/page/") -> bool:
    """A redirect a browser would follow to this site only.

    Browsers drop tabs and newlines, strip leading control characters and spaces and
    read a backslash as a slash, so the Location is normalised the same way first.
    """
    normalised = "".join(c for c in location if c not in "\t\r\n").strip(
        "".join(map(chr, range(33)))
    )
    normalised = normalised.replace("\\", "/")
    target = urlsplit(urljoin(base, normalised))
    return target.scheme in ("http", "https") and target.netloc == "testserver"


# The values carrying markup: after one is accepted, the page it lands on is checked.
MARKUP_LABELS = {"script", "js_url", "markdown_js_link", "hostile_text", "rtl_emoji"}


def page_check(name, field, label, client, response, failures: list[str]) -> None:
    """Below 500, no live <script> echoed, no off-site redirect; follows a redirect once."""
    if response.status_code >= 500:
        failures.append(failure(name, field, label, response))
        return
    if SCRIPT in response.content.decode(errors="replace"):
        failures.append(f"{name} {field}={label}: the response echoes a live <script>")
    if response.status_code in (301, 302, 303):
        location = response["Location"]
        if not location_is_safe(location):
            failures.append(f"{name} {field}={label}: redirects off-site to {location!r}")
            return
        if label not in MARKUP_LABELS:
            return  # nothing stored that a page could show unescaped
        followed = client.get(location)
        if followed.status_code >= 500:
            failures.append(failure(name, field, f"{label} (then GET {location})", followed))
        elif SCRIPT in followed.content.decode(errors="replace"):
            failures.append(f"{name} {field}={label}: {location} shows a live <script>")
        elif f'href="{JS_URL}' in followed.content.decode(errors="replace"):
            failures.append(f"{name} {field}={label}: {location} links to javascript:")


def throttle_counts_clear() -> None:
    """Forget sign-in failures and rate-limit counts, so a sweep's next value reaches the form."""
    from axes.models import AccessAttempt
    from django.core.cache import caches

    AccessAttempt.objects.all().delete()
    caches["ratelimit"].clear()


@pytest.fixture
def fast_render():
    """Render without the test client's template capture, for sweeps of many requests.

    The capture copies the context on every template render, and a form page renders
    hundreds of widget templates: it costs about 40% of a sweep. Tests that use this
    never read `response.context`.
    """
    from django.template import Template
    from django.test import utils

    saved = getattr(getattr(utils._TestState, "saved_data", None), "template_render", None)
    if saved is None:
        yield
        return
    instrumented = Template._render
    Template._render = saved
    try:
        yield
    finally:
        Template._render = instrumented

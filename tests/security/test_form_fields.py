"""Bad input in every form field: never a 5xx, the typed text kept, nothing changed.

The POST views come from the walker and each one's fields from its own form classes
(tests/security/forms.py), so a new view fails `test_every_post_url_is_swept` until it has
an entry, and a new field is swept as soon as the form has it. Each form has a valid base
payload (checked to succeed); each hostile variant replaces one field, then the values not
yet sent to some field go to every field at once. A value a field must refuse (oversized,
one past max_length, NUL, wrong type, out of range, ...) leaves the user's rows exactly as
they were, and a form shown again holds the text the user typed; any value answers below
500, never echoes a live <script>, never redirects off the site.
"""

from __future__ import annotations

import pytest
from django.forms import BaseForm

from tests.security.forms import (
    FORMS,
    POST_FRAGMENTS,
    POST_WITHOUT_FIELDS,
    UPLOADS,
    Form,
    client_for,
)
from tests.security.hostile import (
    ALL_LABELS,
    IGNORED,
    KIND_VARIANTS,
    PASSWORD,
    field_value,
    location_is_safe,
    must_refuse,
    page_check,
    text_kept,
    throttle_counts_clear,
    with_values,
)
from tests.security.rows import snapshot, snapshot_diff
from tests.security.walker import post_accepting_names

pytestmark = pytest.mark.django_db


def test_every_post_url_is_swept(pack):
    accepting = set(post_accepting_names())
    known = set(FORMS) | POST_WITHOUT_FIELDS | UPLOADS | POST_FRAGMENTS
    assert accepting - known == set(), "POST URLs with no entry in FORMS or POST_WITHOUT_FIELDS"
    assert known - accepting == set(), "swept URLs that no longer accept POST"


def _bound_forms(response) -> set[tuple[str, str | None, tuple[str, ...]]]:
    """(class, prefix, field names) of each form the view bound to the POST and showed."""
    found = set()
    for context in response.context or []:
        for layer in context.dicts:
            for value in dict(layer).values():
                if isinstance(value, BaseForm) and value.is_bound:
                    found.add((type(value).__name__, value.prefix, tuple(value.fields)))
    return found


NOT_SHOWN_AGAIN = {
    "checklist:own_tick",
    "checklist:tick",
    "practice:review",
    "sharing:share_scope",
}


def _refused(spec):
    """A value the field refuses whatever the rest of the form holds."""
    if spec.kind == PASSWORD:
        return ""
    bound = field_value("too_long", spec)
    return "not valid" if bound is None else bound


def test_registry_builds_the_forms_the_views_validate(seeded):
    """Each view that shows its form again holds the registry's classes, prefixes and fields:
    the fields swept are the ones the view reads."""
    checked = []
    for name, form in sorted(FORMS.items()):
        client = client_for(form, seeded)
        url = form.url(client, seeded)
        base = form.data(seeded)
        # A field the view reads only to route the post (a session's stage) keeps its value.
        refused = {
            posted: base.get(posted, "") if spec.kind == IGNORED else _refused(spec)
            for posted, spec in form.fields(seeded).items()
        }
        throttle_counts_clear()  # the wrong passwords above count towards a lockout
        shown = _bound_forms(client.post(url, refused))
        if not shown:
            continue  # answers with a fragment or a redirect: nothing to compare
        expected = {(type(f).__name__, f.prefix, tuple(f.fields)) for f in form.forms(seeded)}
        assert shown == expected, name
        checked.append(name)
    # A refused tick is a 400, a refused review or scope a redirect with a message: no form shown.
    assert set(FORMS) - set(checked) == NOT_SHOWN_AGAIN


@pytest.mark.parametrize("name", sorted(FORMS))
def test_base_payload_is_accepted(seeded, name):
    """Without this the hostile variants would be refused for the wrong reason."""
    form = FORMS[name]
    client = client_for(form, seeded)
    url = form.url(client, seeded)
    before = form.state(client, seeded)

    response = client.post(url, form.data(seeded))

    assert response.status_code == form.accepted_status, f"{name}: {response.status_code}"
    if response.status_code == 302:
        assert location_is_safe(response["Location"])
    assert form.state(client, seeded) != before, f"{name}: the base payload changed nothing"


def _sweep(name, form: Form, user, cases) -> list[str]:
    """POSTs each (field, label, values, must_refuse); returns what went wrong."""
    client = client_for(form, user)
    url = form.url(client, user)
    specs = form.fields(user)
    failures: list[str] = []
    state = None
    for field, label, values, refuse in cases:
        if form.anonymous:
            client.logout()
            state = None
        if state is None:
            state = form.state(client, user)
        # Each value must reach the form, not the lockout or rate limit an earlier one set off.
        throttle_counts_clear()
        response = client.post(url, with_values(form.data(user), values))
        page_check(name, field, label, client, response, failures)
        # Only a POST changes state, so this one's "after" is the next one's "before".
        after = form.state(client, user)
        if refuse and after != state:
            changed = snapshot_diff(state, after) if isinstance(state, dict) else after
            failures.append(f"{name} {field}={label}: accepted, changed {changed}")
        elif refuse and (lost := text_kept(response, values, specs)):
            failures.append(f"{name} {field}={label}: shown again without the text of {lost}")
        state = after
    return failures


@pytest.mark.usefixtures("fast_render")
@pytest.mark.parametrize("name", sorted(FORMS))
def test_hostile_values_field_by_field(seeded, other_user, name):
    form = FORMS[name]
    specs = form.fields(seeded)
    others_before = snapshot(other_user)
    cases = []
    for field in form.swept(seeded):
        spec = specs[field]
        for label in KIND_VARIANTS[spec.kind]:
            value = field_value(label, spec)
            if value is not None:
                cases.append((field, label, {field: value}, must_refuse(label, spec)))
    failures = _sweep(name, form, seeded, cases)
    assert snapshot(other_user) == others_before
    assert not failures, "\n".join(failures)


def _combined_labels(form: Form, user) -> list[str]:
    """The values some field of the form has not been sent on its own."""
    swept = set(form.swept(user))
    return [
        label
        for label in ALL_LABELS
        if any(
            name not in swept or label not in KIND_VARIANTS[spec.kind]
            for name, spec in form.fields(user).items()
        )
    ]


@pytest.mark.usefixtures("fast_render")
@pytest.mark.parametrize("name", sorted(FORMS))
def test_hostile_values_all_fields_at_once(seeded, other_user, name):
    """Each value the fields were not swept with, in every field at once: never a 500."""
    form = FORMS[name]
    specs = form.fields(seeded)
    others_before = snapshot(other_user)
    cases = []
    for label in _combined_labels(form, seeded):
        values = {}
        for posted, spec in specs.items():
            value = field_value(label, spec)
            if value is not None:
                values[posted] = value
        refusing = [f for f in values if must_refuse(label, specs[f])]
        cases.append(("*", label, values, bool(refusing)))
    failures = _sweep(name, form, seeded, cases)
    assert snapshot(other_user) == others_before
    assert not failures, "\n".join(failures)


def test_field_spec_reads_kind_required_and_bounds():
    """What the sweeps send follows the field: its kind, whether it is required, its bounds."""
    from django import forms

    from tests.security.hostile import BOOL, CHOICE, EMAIL, INT, MULTI, TEXT, Field, field_spec

    assert field_spec(forms.CharField(max_length=7)) == Field(TEXT, True, max_length=7)
    assert field_spec(forms.EmailField(required=False)).kind == EMAIL
    password = forms.CharField(widget=forms.PasswordInput, max_length=9)
    assert field_spec(password) == Field(PASSWORD, True, max_length=9)
    assert field_spec(forms.IntegerField(min_value=1, max_value=5)) == Field(INT, True, None, 1, 5)
    assert field_spec(forms.TypedChoiceField(choices=[("1", "a")])).kind == CHOICE
    assert field_spec(forms.MultipleChoiceField(choices=[])).kind == MULTI
    assert field_spec(forms.BooleanField(required=False)) == Field(BOOL, False)
    assert field_value("too_long", Field(TEXT, max_length=7)) == "x" * 8
    assert field_value("above_max", Field(INT, max_value=5)) == "6"
    assert field_value("below_min", Field(INT, min_value=1)) == "0"
    assert field_value("too_long", Field(TEXT)) is None
    with pytest.raises(AssertionError, match="DurationField"):
        field_spec(forms.DurationField())

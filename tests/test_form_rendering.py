"""Every form through one renderer (prepapp/form_rendering.py, templates/django/forms/):
labels without a colon, help and error linked to their field, password rules as a list.

Each form is read off its page as a user gets it: on GET, and re-rendered after a bad POST.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from prepapp.form_rendering import FormRenderer

pytestmark = pytest.mark.django_db


class _Page(HTMLParser):
    """The elements of a page with their attributes, and the text of each label."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.labels: list[str] = []
        self._label: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        if tag in {"label", "legend"}:
            self._label = []

    def handle_endtag(self, tag):
        if tag in {"label", "legend"} and self._label is not None:
            self.labels.append("".join(self._label).strip())
            self._label = None

    def handle_data(self, data):
        if self._label is not None:
            self._label.append(data)

    def by_id(self, element_id: str) -> tuple[str, dict[str, str]] | None:
        return next((e for e in self.elements if e[1].get("id") == element_id), None)


def _reset_confirm_url(client, user) -> str:
    """The set-password form: the link's token swapped for the session, as Django does."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    response = client.get(reverse("accounts:password_reset_confirm", args=[uid, token]))
    assert response.status_code == 302
    return response["Location"]


# (url name, signed in, bad POST data) for every form a user fills in.
FORMS = [
    ("accounts:signup", False, {"email": "not an email", "password1": "1", "password2": "2"}),
    ("accounts:login", False, {"username": "", "password": ""}),
    ("accounts:password_reset", False, {"email": "not an email"}),
    ("accounts:password_reset_confirm", False, {"new_password1": "1", "new_password2": "2"}),
    ("accounts:password_change", True, {"old_password": ""}),
    ("accounts:settings", True, {"time_zone": "Not/AZone"}),
    ("accounts:email_change", True, {"email": "not an email"}),
    ("accounts:import", True, {}),
    ("accounts:delete", True, {"password": ""}),
    ("checklist:own_add", True, {"text": ""}),
    ("mocks:create", True, {"round": "", "status": "nonsense", "minutes": "-5"}),
    ("practice:new", True, {"question_text": "", "body": ""}),
]


def _form_page(client, user, name, signed_in, data=None):
    if signed_in:
        client.force_login(user)
    url = _reset_confirm_url(client, user) if name.endswith("reset_confirm") else reverse(name)
    response = client.get(url) if data is None else client.post(url, data)
    assert response.status_code in {200, 400}, (name, response.status_code)
    return _Page(response.content.decode())


def test_every_form_goes_through_the_project_renderer():
    assert settings.FORM_RENDERER == "prepapp.form_rendering.FormRenderer"
    assert (
        FormRenderer()
        .get_template("django/forms/field.html")
        .origin.name.startswith(str(settings.BASE_DIR / "templates"))
    )


@pytest.mark.parametrize(("name", "signed_in", "data"), FORMS, ids=[f[0] for f in FORMS])
def test_labels_have_no_colon(client, pack, user, name, signed_in, data):
    page = _form_page(client, user, name, signed_in)
    assert page.labels, f"{name} has no labelled field"
    assert [label for label in page.labels if label.endswith(":")] == []


@pytest.mark.parametrize(("name", "signed_in", "data"), FORMS, ids=[f[0] for f in FORMS])
def test_an_error_sits_by_its_field_and_the_field_names_it(
    client, pack, user, name, signed_in, data
):
    page = _form_page(client, user, name, signed_in, data)
    errors = [
        a["id"] for tag, a in page.elements if tag == "ul" and a.get("id", "").endswith("_error")
    ]
    assert errors, f"{name}: the bad POST gave no field error"
    invalid = [(tag, a) for tag, a in page.elements if a.get("aria-invalid") == "true"]
    assert invalid
    described = set()
    for _tag, attrs in invalid + [e for e in page.elements if e[0] == "fieldset"]:
        for ref in attrs.get("aria-describedby", "").split():
            assert page.by_id(ref) is not None, f"{name}: aria-describedby={ref} names nothing"
            described.add(ref)
    # Every error list is named by its field (or the fieldset around its radios).
    assert set(errors) <= described, (
        f"{name}: errors no field points to: {set(errors) - described}"
    )
    for error_id in errors:
        field_id = error_id.removesuffix("_error")
        field = page.by_id(field_id)
        if field and field[0] in {"input", "select", "textarea"}:
            assert field[1].get("aria-invalid") == "true", f"{name}: {field_id}"


@pytest.mark.parametrize(
    ("name", "field_id"),
    [
        ("accounts:signup", "id_password1"),
        ("accounts:password_reset_confirm", "id_new_password1"),
        ("accounts:password_change", "id_new_password1"),
    ],
)
def test_a_new_password_lists_the_rules_it_must_follow(client, pack, user, name, field_id):
    response_page = _form_page(client, user, name, name == "accounts:password_change")
    _tag, attrs = response_page.by_id(field_id)
    help_id = f"{field_id}_helptext"
    assert help_id in attrs["aria-describedby"].split()
    # The help is a list with one item per validator, right after its id.
    tags = [tag for tag, _a in response_page.elements]
    start = response_page.elements.index(response_page.by_id(help_id))
    assert tags[start + 1] == "ul"
    items = tags[start + 2 : start + 2 + len(settings.AUTH_PASSWORD_VALIDATORS)]
    assert items == ["li"] * len(settings.AUTH_PASSWORD_VALIDATORS)


def test_a_field_group_is_one_wrapper_with_label_help_error_then_input(client, pack, user):
    """The order a screen reader and the eye meet them: label, help, error, input."""
    client.force_login(user)
    html = client.post(reverse("accounts:import"), {}).content.decode()
    start = html.index('<div class="field has-error">')
    group = html[start : html.index("</div>\n", html.index('id="id_file"', start))]
    positions = [
        group.index(part)
        for part in (
            '<label for="id_file">',
            'id="id_file_helptext"',
            'id="id_file_error"',
            'id="id_file"',
        )
    ]
    assert positions == sorted(positions)

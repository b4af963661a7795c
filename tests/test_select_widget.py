"""The project's select.html writes the options inline, in exactly Django's markup."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test.signals import template_rendered

from prepapp.form_rendering import FormRenderer

CHOICES = [
    ("", "Any"),
    ("a", "Plain"),
    ("b&c", 'Needs <escaping> & "quotes"'),
    ("Group", [("g1", "In a group"), ("g2", "Also")]),
    (3, "A number"),
]


@pytest.mark.parametrize(
    ("widget", "value"),
    [
        (forms.Select(choices=CHOICES), "b&c"),
        (forms.Select(choices=CHOICES), "g2"),
        (forms.Select(choices=CHOICES, attrs={"disabled": True, "data-x": "1"}), 3),
        (forms.SelectMultiple(choices=CHOICES), ["a", "g1"]),
        (forms.NullBooleanSelect(), True),
    ],
)
def test_the_options_are_djangos_markup(widget, value):
    attrs = {"id": "id_f", "aria-describedby": "id_f_helptext"}
    ours = widget.render("f", value, attrs=attrs, renderer=FormRenderer())
    djangos = widget.render("f", value, attrs=attrs, renderer=DjangoTemplates())
    assert ours == djangos
    assert "<option" in ours


def test_no_template_is_rendered_per_option():
    names = []

    def seen(sender, template, **kwargs):
        names.append(template.name)

    template_rendered.connect(seen)
    try:
        forms.Select(choices=CHOICES).render("f", "a", renderer=FormRenderer())
    finally:
        template_rendered.disconnect(seen)
    assert names == ["django/forms/widgets/select.html", "django/forms/widgets/attrs.html"]

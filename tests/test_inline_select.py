"""prepapp/select_widget.py: the select.html markup, written without a template."""

from __future__ import annotations

import pytest
from django import forms
from django.test.signals import template_rendered

from prepapp.form_rendering import FormRenderer
from prepapp.select_widget import InlineSelect

CHOICES = [
    ("", "Any"),
    ("a", "Plain"),
    ("b&c", 'Needs <escaping> & "quotes"'),
    ("Group <&>", [("g1", "In a group"), ("g2", "Also")]),
    (3, "A number"),
]


@pytest.mark.parametrize(
    ("attrs", "value"),
    [({}, "b&c"), ({}, "g2"), ({"disabled": True, "data-x": '1"2', "hidden": False}, 3), ({}, "")],
)
def test_the_markup_is_the_templates(attrs, value):
    render_attrs = {"id": "id_f", "aria-describedby": "id_f_helptext"}
    ours = InlineSelect(choices=CHOICES, attrs=attrs)
    templates = forms.Select(choices=CHOICES, attrs=attrs)
    expected = templates.render("f", value, attrs=render_attrs, renderer=FormRenderer())
    assert ours.render("f", value, attrs=render_attrs, renderer=FormRenderer()) == expected
    assert "<option" in expected


def test_no_template_is_rendered():
    names = []

    def seen(sender, template, **kwargs):
        names.append(template.name)

    template_rendered.connect(seen)
    try:
        InlineSelect(choices=CHOICES).render("f", "a", renderer=FormRenderer())
    finally:
        template_rendered.disconnect(seen)
    assert names == []


def test_a_widget_with_its_own_option_template_still_uses_it():
    class Custom(InlineSelect):
        option_template_name = "django/forms/widgets/select_option.html#custom"

    assert Custom.option_template_name != InlineSelect.option_template_name
    assert InlineSelect(choices=CHOICES)._uses_plain_templates()
    assert not Custom(choices=CHOICES)._uses_plain_templates()

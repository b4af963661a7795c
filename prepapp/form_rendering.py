"""One look for every form: Django's form templates, overridden in templates/django/forms/.

FORM_RENDERER points here. TemplatesSetting reads the project's templates, so the
overrides of field.html and div.html there apply to `{{ form }}`, `{{ form.as_div }}` and
`{{ field.as_field_group }}` alike, Django's own auth forms included. Django already links
a field to its help and error (aria-describedby) and marks it aria-invalid; what it lacks
is a way to drop the colon it appends to every label, hence the bound field below.
"""

from __future__ import annotations

from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting


class LabelledField(BoundField):
    """A bound field whose label carries no suffix unless one is asked for."""

    def label_tag(self, contents=None, attrs=None, label_suffix=None, tag=None):
        if label_suffix is None and self.field.label_suffix is None:
            label_suffix = ""
        return super().label_tag(contents, attrs, label_suffix, tag)


class FormRenderer(TemplatesSetting):
    bound_field_class = LabelledField

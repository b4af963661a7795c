"""A <select> written in Python, in exactly the markup of the project's select.html.

Rendering a select through templates costs a template lookup per variable and a loop
per option's attributes: the question bank's two filter selects (a dozen options each)
were a quarter of that page once its rows were cached (make bench; /work/notes/prof.py).
The markup here is the template's, character for character (tests/test_select_widget.py
renders both); a widget whose options use another template still goes through it.
"""

from __future__ import annotations

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

PLAIN_SELECT = "django/forms/widgets/select.html"
PLAIN_OPTION = "django/forms/widgets/select_option.html"


def attrs_html(attrs: dict) -> str:
    """What django/forms/widgets/attrs.html writes: ` name="value"`, a bare name for True."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


class InlineSelect(forms.Select):
    def _uses_plain_templates(self) -> bool:
        return self.template_name == PLAIN_SELECT and self.option_template_name == PLAIN_OPTION

    def render(self, name, value, attrs=None, renderer=None):
        if not self._uses_plain_templates():
            return super().render(name, value, attrs, renderer)
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [
            f'<select name="{conditional_escape(widget["name"])}"{attrs_html(widget["attrs"])}>'
        ]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                parts.append(
                    f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                    f"{attrs_html(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))

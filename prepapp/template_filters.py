"""Filters every template has (settings TEMPLATES builtins), without a {% load %}."""

from __future__ import annotations

from datetime import UTC, date, datetime

from django import template
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape

from prepapp.reversing import url_reverse

register = template.Library()


class RememberedURLNode(URLNode):
    """Django's {% url %}, reversing through url_reverse (prepapp/reversing.py).

    The nav's ten links on every page and a list's links on every row made reverse() a
    tenth of a page's time; url_reverse works each name's shape out once per process.
    """

    def render(self, context):
        if self.kwargs:
            return super().render(context)
        args = [arg.resolve(context) for arg in self.args]
        view_name = self.view_name.resolve(context)
        # What Django's tag passes as current_app, read the same way.
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = url_reverse(view_name, args=args, current_app=current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    """{% url %} as Django parses it, rendered by RememberedURLNode (a builtin: every template)."""
    node = django_url(parser, token)
    return RememberedURLNode(node.view_name, node.args, node.kwargs, node.asvar)


@register.filter
def iso_datetime(value) -> str:
    """A `<time datetime>` value: the instant in UTC, to the second ("2026-10-25T00:04:56Z").

    Django's `date:"O"` is empty for a time in the hour the clocks go back (it is ambiguous
    in the local zone), which left `datetime` values with no offset, and invalid, for that
    hour each year. UTC names the instant whatever the zone.
    """
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.replace(microsecond=0).isoformat()
        return value.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.isoformat()
    return ""

"""What the candidate's own pages show of sharing, each through one tag and one include.

Tags rather than view context, so the answer, mock and dashboard views (other apps)
stay as they are: each page adds one line.
"""

from __future__ import annotations

from django import template

from prepapp.sharing import selectors
from prepapp.sharing.models import SharedAnswer

register = template.Library()


@register.inclusion_tag("sharing/_answer_sharing.html", takes_context=True)
def answer_sharing(context, answer):
    """The answer's "shared" mark and its coaches' comments: two queries."""
    return {
        "answer": answer,
        "shared": SharedAnswer.objects.filter(answer=answer).exists(),
        "comments": selectors.comments_on(answer=answer),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("sharing/_mock_comments.html", takes_context=True)
def mock_comments(context, mock):
    return {
        "mock": mock,
        "comments": selectors.comments_on(mock=mock),
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def comments_open_count(user) -> int:
    return selectors.comments_open_count(user)

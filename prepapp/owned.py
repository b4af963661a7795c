"""The one way to read a user's own rows: `Model.objects.for_user(user)`, and for one row
by its id, `owned_or_404`."""

from __future__ import annotations

from django.db import models
from django.shortcuts import get_object_or_404


class OwnedQuerySet(models.QuerySet):
    """For models with a `user` foreign key: every lookup of a user's rows goes through here."""

    def for_user(self, user):
        return self.filter(user=user)


def owned_or_404(source, user, **lookups):
    """The user's own row matching `lookups` (a model, or a queryset carrying the joins the
    page needs), else Http404: another user's row is not found, never forbidden, so an id
    tells nobody whether it exists."""
    queryset = source._default_manager.all() if isinstance(source, type) else source
    return get_object_or_404(queryset.for_user(user), **lookups)


def exactly_one_of(first: str, second: str) -> models.Q:
    """A CheckConstraint condition: exactly one of two nullable foreign keys is set.

    Rows that point at either a pack object or the user's own one (an answer's
    question, a tick's item) use it so the two can never both, or neither, be set.
    """
    return (models.Q(**{f"{first}__isnull": False}) & models.Q(**{f"{second}__isnull": True})) | (
        models.Q(**{f"{first}__isnull": True}) & models.Q(**{f"{second}__isnull": False})
    )

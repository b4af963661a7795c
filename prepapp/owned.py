"""The one way to read a user's own rows: `Model.objects.for_user(user)`."""

from __future__ import annotations

from django.db import models


class OwnedQuerySet(models.QuerySet):
    """For models with a `user` foreign key: every lookup of a user's rows goes through here."""

    def for_user(self, user):
        return self.filter(user=user)


def exactly_one_of(first: str, second: str) -> models.Q:
    """A CheckConstraint condition: exactly one of two nullable foreign keys is set.

    Rows that point at either a pack object or the user's own one (an answer's
    question, a tick's item) use it so the two can never both, or neither, be set.
    """
    return (models.Q(**{f"{first}__isnull": False}) & models.Q(**{f"{second}__isnull": True})) | (
        models.Q(**{f"{first}__isnull": True}) & models.Q(**{f"{second}__isnull": False})
    )

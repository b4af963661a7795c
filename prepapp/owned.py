"""The one way to read a user's own rows: `Model.objects.for_user(user)`."""

from __future__ import annotations

from django.db import models


class OwnedQuerySet(models.QuerySet):
    """For models with a `user` foreign key: every lookup of a user's rows goes through here."""

    def for_user(self, user):
        return self.filter(user=user)

"""`User.data_version`: moved by every write to what the dashboard shows.

The dashboard caches its overview per (user, data version), so a change must be seen
on the next visit, not a minute later. Each write service calls `data_version_bump`
itself, after a write that changed something (an invalid form, a repeated tick or a
refused review changes nothing and leaves the cache valid): a new service that writes
a user's answers, reviews, mocks, checklist or profile calls it too.
`tests/accounts/test_data_version.py` posts every form to check.
"""

from __future__ import annotations

from django.db.models import F

from prepapp.accounts.models import User


def data_version_bump(user: User | int) -> None:
    """One UPDATE; `user` is the User or its id (a service holding only a row's user_id)."""
    user_id = user if isinstance(user, int) else user.pk
    User.objects.filter(pk=user_id).update(data_version=F("data_version") + 1)
    if not isinstance(user, int):
        # Keep the object in step, in case the same request reads it again.
        user.data_version = (user.data_version or 0) + 1

"""Every row a user owns, field by field: equal snapshots mean nothing of theirs changed.

The tables come from the models (any table with a path to the user), so a new table of
users' data is in every sweep's "nothing changed" without anyone listing it.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Q

# The apps whose tables hold a user's own rows (the content pack in `library` is shared).
USER_APPS = ("accounts", "checklist", "practice", "mocks", "reminders", "sharing")
# Django's permission tables: the app never writes them, so snapshots skip them.
UNUSED = {"accounts.User_groups", "accounts.User_user_permissions"}
# Bumped by any successful POST (cache versioning) or by signing in, or the calendar
# feed's validators (the ETag last served and when it changed, stored by the feed's GET so
# its Last-Modified is honest): not the user's data.
# When a coach or a link holder last looked at a share: the candidate's audit, written by
# the coach's GET.
VOLATILE = {"data_version", "last_login", "etag", "changed_at", "last_seen_at"}
# Rows two users have a hand in: a share (its candidate and, once accepted, its coach) and
# a coach's comment (its author, and the candidate whose answer or mock it is on, who
# resolves it). Both users' snapshots hold them.
SHARED_ROWS = {
    "sharing.Share": lambda pk: Q(candidate=pk) | Q(coach=pk),
    "sharing.Comment": lambda pk: Q(author=pk) | Q(answer__user=pk) | Q(mock__user=pk),
}


def _owner_path(model, depth: int = 0) -> str | None:
    """The lookup from `model` to the user who owns its rows, or None for shared rows."""
    user_model = get_user_model()
    if model is user_model:
        return "pk"
    relations = [
        f for f in model._meta.concrete_fields if f.is_relation and (f.many_to_one or f.one_to_one)
    ]
    for field in relations:
        if field.related_model is user_model:
            return field.name
    if depth == 0:
        for field in relations:
            sub = _owner_path(field.related_model, depth + 1)
            if sub and sub != "pk":
                return f"{field.name}__{sub}"
    return None


def owned_models() -> list[tuple]:
    """(model, lookup to owner) for every table holding a user's rows, m2m tables included."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label not in USER_APPS or model._meta.label in UNUSED:
            continue
        if (path := _owner_path(model)) is not None:
            found.append((model, path))
    return found


def _rows(queryset) -> list[dict]:
    return [
        {k: v for k, v in row.items() if k not in VOLATILE}
        for row in queryset.order_by("pk").values()
    ]


def snapshot(user) -> dict[str, list[dict]]:
    """Every row the user owns, field by field."""
    rows = {}
    for model, path in owned_models():
        shared = SHARED_ROWS.get(model._meta.label)
        lookup = shared(user.pk) if shared else Q(**{path: user.pk})
        rows[model._meta.label] = _rows(model.objects.filter(lookup))
    return rows


def snapshot_all() -> dict[str, list[dict]]:
    """Every row of every user's tables, owned by anyone or by no one (a row a signed-out
    request wrote would belong to nobody, out of reach of `snapshot`)."""
    return {model._meta.label: _rows(model.objects.all()) for model, _path in owned_models()}


def snapshot_diff(before: dict, after: dict) -> list[str]:
    """The tables whose rows differ, for a readable assertion message."""
    return [label for label in before if before[label] != after.get(label)]

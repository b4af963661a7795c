"""The admin shows the content pack and account management, never users' own writing."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse

from tests.factories import UserFactory
from tests.security.rows import owned_models

pytestmark = pytest.mark.django_db

# Registered on purpose: account management (users, groups, the sign-in lockout records).
ACCOUNT_MANAGEMENT = {"accounts.User", "auth.Group", "axes.AccessAttempt", "axes.AccessLog"}
ACCOUNT_MANAGEMENT |= {"axes.AccessFailureLog"}


def _registered() -> set[str]:
    return {model._meta.label for model in admin.site._registry}


def test_no_model_holding_users_writing_is_registered():
    user_model = get_user_model()
    holding = {m._meta.label for m, _path in owned_models() if m is not user_model}
    assert holding, "the walk found no user-owned tables"
    shown = _registered() & holding
    assert not shown, f"the admin shows users' own data: {sorted(shown)}"


def test_only_the_content_pack_and_account_management_are_registered():
    pack = {m._meta.label for m in apps.get_app_config("library").get_models()}
    extra = _registered() - pack - ACCOUNT_MANAGEMENT
    assert not extra, f"registered beyond the content pack and accounts: {sorted(extra)}"
    assert pack <= _registered(), "the whole content pack is curated in the admin"


@pytest.mark.parametrize(
    "name",
    [
        "admin:practice_answer_changelist",
        "admin:practice_userquestion_changelist",
        "admin:mocks_mockinterview_changelist",
        "admin:checklist_ownitem_changelist",
        "admin:checklist_itemstate_changelist",
    ],
)
def test_a_superuser_cannot_open_users_writing(client, name):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    with pytest.raises(NoReverseMatch):
        reverse(name)
    assert client.get("/admin/").status_code == 200

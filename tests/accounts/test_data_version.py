from __future__ import annotations

import pytest
from django.urls import reverse

from prepapp.library.models import ChecklistItem

pytestmark = pytest.mark.django_db


def test_successful_post_bumps_the_version(auth_client, user, pack):
    item = ChecklistItem.objects.first()
    before = user.data_version
    auth_client.post(reverse("checklist:tick", args=[item.pk]), {"done": "1"})
    user.refresh_from_db()
    assert user.data_version == before + 1


def test_get_and_failed_post_leave_it(auth_client, user):
    auth_client.get(reverse("accounts:settings"))
    auth_client.post(reverse("checklist:tick", args=[999999]), {"done": "1"})  # 404
    user.refresh_from_db()
    assert user.data_version == 0


def test_anonymous_post_changes_nothing(client, user):
    client.post(reverse("accounts:login"), {"username": user.email, "password": "wrong"})
    user.refresh_from_db()
    assert user.data_version == 0

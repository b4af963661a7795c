from __future__ import annotations

import pytest
from django.urls import reverse

from prepapp.library.models import ChecklistItem
from tests.practice.factories import AnswerFactory, bank_question

# The sweeps' registry of every form, with a valid payload for each.
from tests.security.forms import FORMS
from tests.security.hostile import HUGE, IGNORED, PASSWORD, TEXT

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


# ------------------------------------------------ every form: only a real write bumps it

SIGNED_IN_FORMS = sorted(name for name, form in FORMS.items() if not form.anonymous)


def _refused(form, user) -> dict:
    """Every field of the form given a value it must refuse."""
    data = {}
    for name, spec in form.fields(user).items():
        if spec.kind == IGNORED:
            continue
        data[name] = HUGE if spec.kind == TEXT else "" if spec.kind == PASSWORD else "abc"
    return data


def _version(user) -> int:
    user.refresh_from_db(fields=["data_version"])
    return user.data_version


@pytest.fixture
def seeded(user, pack):
    AnswerFactory(user=user, question=bank_question())
    return user


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize("name", SIGNED_IN_FORMS)
def test_an_invalid_post_leaves_the_version(auth_client, seeded, name, htmx):
    """A re-rendered invalid form is a 200 like a success: the version must not move."""
    form = FORMS[name]
    url = form.url(auth_client, seeded)
    before = _version(seeded)
    headers = {"HX-Request": "true"} if htmx else {}
    response = auth_client.post(url, _refused(form, seeded), headers=headers)
    assert response.status_code < 500
    assert _version(seeded) == before, f"{name}: {response.status_code}"


# The dashboard shows neither the sign-in email nor the password, and a deleted account
# has no dashboard: those writes need not move the version.
NOT_ON_THE_DASHBOARD = {"accounts:delete", "accounts:email_change", "accounts:password_change"}
# Nor the reminder settings (their own page).
NOT_ON_THE_DASHBOARD |= {"reminders:settings"}
# Starting a practice session writes only the session: its answers bump it as they are saved.
NOT_ON_THE_DASHBOARD |= {"practice:session_new"}
# Sharing's rows (shares, links, comments) are not on the cached dashboard: its open
# comments' count is read outside the cache (tests/sharing/test_comments.py).
NOT_ON_THE_DASHBOARD |= {n for n in SIGNED_IN_FORMS if n.startswith("sharing:")}


@pytest.mark.parametrize("name", [n for n in SIGNED_IN_FORMS if n not in NOT_ON_THE_DASHBOARD])
def test_a_valid_post_bumps_the_version(auth_client, seeded, name):
    """Each write service bumps it itself (prepapp/accounts/data_version.py): every form
    of the site is posted, so a new service that forgets to is caught here."""
    form = FORMS[name]
    url = form.url(auth_client, seeded)
    before = _version(seeded)
    response = auth_client.post(url, form.data(seeded))
    assert response.status_code == 302
    assert _version(seeded) == before + 1


def test_a_valid_htmx_post_bumps_the_version(auth_client, user, pack):
    item = ChecklistItem.objects.first()
    response = auth_client.post(
        reverse("checklist:tick", args=[item.pk]), {"done": "1"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert _version(user) == 1


def test_a_post_that_changes_nothing_leaves_it(auth_client, user, pack):
    """Ticking an item already ticked writes nothing, so the cached dashboard stays valid."""
    item = ChecklistItem.objects.first()
    url = reverse("checklist:tick", args=[item.pk])
    auth_client.post(url, {"done": "1"})
    assert _version(user) == 1
    auth_client.post(url, {"done": "1"})
    assert _version(user) == 1


def test_unticking_an_item_never_ticked_leaves_it(auth_client, user, pack):
    item = ChecklistItem.objects.first()
    auth_client.post(reverse("checklist:note", args=[item.pk]), {"note": "a note"})
    assert _version(user) == 1
    # A row exists (the note) but was never ticked: clearing the tick changes nothing.
    auth_client.post(reverse("checklist:tick", args=[item.pk]), {"done": "0"})
    assert _version(user) == 1


def test_an_import_bumps_it_outside_any_request(user, pack):
    """The import (also run by seed_demo, outside a request) bumps it itself."""
    from prepapp.portability.importing import _write

    before = _version(user)
    _write(user, [], [])
    assert _version(user) == before + 1

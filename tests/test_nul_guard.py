from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    ["/practice/new/?question=%00", "/mocks/new/?round=a%00b", "/library/questions/?q%00=x"],
)
def test_nul_in_query_string_is_a_400(auth_client, pack, url):
    response = auth_client.get(url)
    assert response.status_code == 400
    assert "not allowed (NUL)" in response.content.decode()


def test_nul_in_path_is_a_400(client):
    assert client.get("/mocks/calendar/abc%00def.ics").status_code == 400


def test_nul_in_a_form_value_is_a_400_and_changes_nothing(auth_client, user):
    response = auth_client.post(
        "/accounts/settings/", {"display_name": "a\x00b", "email": user.email}
    )
    assert response.status_code == 400
    user.refresh_from_db()
    assert "\x00" not in user.display_name


def test_ordinary_requests_pass(auth_client, pack):
    assert auth_client.get("/library/questions/?q=hipaa").status_code == 200

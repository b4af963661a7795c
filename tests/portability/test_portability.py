"""Export, import, and account deletion: the user's data can leave and come back."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from prepapp.accounts.models import User
from prepapp.checklist.models import ItemState, OwnItem
from prepapp.demo.seeding import demo_seed
from prepapp.mocks.models import CalendarFeed, MockInterview
from prepapp.portability import ImportRefused, data_export, data_import
from prepapp.practice.answers import answer_save
from prepapp.practice.models import Answer, Finding, ReviewCard, ReviewLog, UserQuestion
from prepapp.practice.scheduling import card_review
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

OWNED = [
    (Answer, "user"),
    (Finding, "answer__user"),
    (ReviewCard, "user"),
    (ReviewLog, "card__user"),
    (UserQuestion, "user"),
    (OwnItem, "user"),
    (ItemState, "user"),
    (MockInterview, "user"),
    (CalendarFeed, "user"),
]


def _counts(user) -> dict[str, int]:
    return {model.__name__: model.objects.filter(**{path: user}).count() for model, path in OWNED}


def _comparable(export: dict) -> dict:
    """An export without what legitimately differs between accounts: refs and stamps."""
    data = json.loads(json.dumps(export))
    data.pop("exported_at")
    data["profile"].pop("email")
    refs = {}
    for n, row in enumerate(data["practice"]["answers"]):
        refs[row.pop("ref")] = n
    for n, row in enumerate(data["practice"]["own_questions"]):
        refs[row.pop("ref")] = f"q{n}"
    for row in data["practice"]["answers"]:
        row["own_question"] = refs.get(row["own_question"])
    for n, row in enumerate(data["checklist"]["own_items"]):
        refs[row.pop("ref")] = f"i{n}"
        row.pop("created_at")
    for row in data["checklist"]["states"]:
        row["own_item"] = refs.get(row["own_item"])
    data["checklist"]["states"].sort(key=lambda r: (r["item"] or "", r["own_item"] or ""))
    for card in data["practice"]["review_cards"]:
        card["own_question"] = refs.get(card["own_question"])
        for log in card["logs"]:
            log["answer"] = refs.get(log["answer"])
    for mock in data["mocks"]:
        mock["answers"] = sorted(refs[a] for a in mock["answers"])
    for q in data["practice"]["own_questions"]:
        q.pop("created_at")
    return data


@pytest.fixture
def rich_user(pack):
    user = UserFactory()
    demo_seed(user, answers=25, mocks=6)
    own = UserQuestion.objects.create(user=user, text="Why this hospital system?")
    answer = Answer.objects.filter(user=user).first()
    answer_save(Answer(user=user, user_question=own, body="Because **outcomes**."))
    card = ReviewCard.objects.filter(user=user).first()
    card_review(card, 3, answer=answer)
    mock = MockInterview.objects.filter(user=user).first()
    mock.answers.add(answer)
    return user


def test_export_then_import_gives_the_same_data(rich_user):
    exported = data_export(rich_user)
    newcomer = UserFactory(display_name="")
    summary = data_import(newcomer, json.dumps(exported))
    assert summary.added["answers"] == 26
    assert _comparable(data_export(newcomer)) == _comparable(exported)
    before = _counts(rich_user)
    after = _counts(newcomer)
    before.pop("CalendarFeed")
    after.pop("CalendarFeed")
    assert after == before


def test_second_import_adds_nothing(rich_user):
    raw = json.dumps(data_export(rich_user))
    newcomer = UserFactory()
    data_import(newcomer, raw)
    counts = _counts(newcomer)
    summary = data_import(newcomer, raw)
    assert summary.added == {}
    assert _counts(newcomer) == counts


def test_import_into_same_account_adds_nothing(rich_user):
    counts = _counts(rich_user)
    data_import(rich_user, json.dumps(data_export(rich_user)))
    assert _counts(rich_user) == counts


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"not json at all", "not JSON"),
        (b"\xff\xfe\x00", "not JSON"),
        (b"[1, 2, 3]", "not a prepapp export"),
        (b'{"format": "something-else"}', "not a prepapp export"),
        (b'{"format": "prepapp-export", "version": 99}', "version 99"),
        (b"x" * (10 * 1024 * 1024 + 1), "larger than 10 MB"),
    ],
)
def test_bad_files_are_refused(user, raw, message):
    with pytest.raises(ImportRefused) as refused:
        data_import(user, raw)
    assert message in " ".join(refused.value.errors)


def _minimal(**practice) -> str:
    return json.dumps(
        {
            "format": "prepapp-export",
            "version": 1,
            "practice": {"own_questions": [], "answers": [], "review_cards": [], **practice},
        }
    )


def test_wrong_shape_is_refused_with_nothing_written(user, pack):
    good = {
        "ref": "a1",
        "question": "no-such-question",
        "body": "x" * 20_001,
        "scores": {"structure": 9, "charisma": 3},
        "created_at": "yesterday",
    }
    with pytest.raises(ImportRefused) as refused:
        data_import(user, _minimal(answers=[good, "not an object"]))
    errors = "\n".join(refused.value.errors)
    assert "practice.answers[0].question: 'no-such-question' is not in the content pack" in errors
    assert "practice.answers[0].body: is 20001 characters" in errors
    assert "scores.charisma: is not a rubric dimension" in errors
    assert "created_at: must be a date and time" in errors
    assert "practice.answers[1]: must be an object" in errors
    assert not Answer.objects.filter(user=user).exists()


def test_ids_of_another_user_are_refused(user, other_user, pack):
    theirs = UserQuestion.objects.create(user=other_user, text="Their private question")
    Answer.objects.create(user=other_user, user_question=theirs, body="theirs")
    payload = _minimal(
        answers=[
            {
                "ref": "a1",
                "own_question": theirs.pk,  # a database id, not a ref of this file
                "body": "Mine now?",
                "created_at": "2026-01-01T10:00:00+00:00",
            }
        ]
    )
    with pytest.raises(ImportRefused) as refused:
        data_import(user, payload)
    assert "does not name a row in this file" in " ".join(refused.value.errors)
    assert not Answer.objects.filter(user=user).exists()
    assert Answer.objects.filter(user=other_user).count() == 1


def test_a_late_error_leaves_nothing_written(user, pack):
    payload = json.loads(_minimal())
    payload["checklist"] = {
        "own_items": [{"ref": "i1", "topic": "metrics-outcomes", "text": "Fine item"}],
        "states": [],
    }
    payload["mocks"] = [{"round": "no-such-round", "scheduled_at": "2026-12-01T10:00:00Z"}]
    with pytest.raises(ImportRefused):
        data_import(user, json.dumps(payload))
    assert not OwnItem.objects.filter(user=user).exists()


class TestDeleteAccount:
    url = "/accounts/delete/"

    def test_deletes_every_row_of_that_user_and_none_of_others(self, client, rich_user):
        doomed, keeper = rich_user, UserFactory()
        demo_seed(keeper, answers=10, mocks=4)
        CalendarFeed.objects.create(user=doomed)
        CalendarFeed.objects.create(user=keeper)
        keeper_counts = _counts(keeper)
        assert all(_counts(doomed).values())
        doomed_pk = doomed.pk
        client.force_login(doomed)
        response = client.post(self.url, {"password": PASSWORD})
        assert response.status_code == 302
        assert not User.objects.filter(pk=doomed_pk).exists()
        for model, path in OWNED:
            lookup = path.replace("user", "user_id") if path == "user" else f"{path}_id"
            assert not model.objects.filter(**{lookup: doomed_pk}).exists(), model.__name__
        assert _counts(keeper) == keeper_counts
        # Signed out: the next page asks for sign-in.
        assert client.get("/dashboard/").status_code == 302

    def test_wrong_password_deletes_nothing(self, auth_client, user):
        response = auth_client.post(self.url, {"password": "wrong"})
        assert response.status_code == 200
        assert "not your password" in response.content.decode()
        assert User.objects.filter(pk=user.pk).exists()

    def test_get_shows_confirmation(self, auth_client):
        response = auth_client.get(self.url)
        assert response.status_code == 200
        assert "cannot be undone" in response.content.decode()


class TestExportViews:
    def test_json_download(self, auth_client, user, pack):
        demo_seed(user, answers=3, mocks=1)
        response = auth_client.get(reverse("accounts:export_json"))
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]
        data = json.loads(response.content)
        assert len(data["practice"]["answers"]) == 3

    def test_json_only_has_own_data(self, auth_client, other_user, pack):
        demo_seed(other_user, answers=3, mocks=1)
        data = json.loads(auth_client.get(reverse("accounts:export_json")).content)
        assert data["practice"]["answers"] == []
        assert data["mocks"] == []

    def test_markdown_download(self, auth_client, user, pack):
        demo_seed(user, answers=2, mocks=0)
        response = auth_client.get(reverse("accounts:export_markdown"))
        assert response.status_code == 200
        body = response.content.decode()
        assert body.startswith(f"# prepapp answers of {user.email}")
        assert body.count("\n## ") == 2

    @pytest.mark.parametrize("size", [1, 200])
    def test_export_query_count_is_constant(
        self, auth_client, user, pack, size, django_assert_num_queries
    ):
        demo_seed(user, answers=size, mocks=min(size, 50))
        # session+user, own items, states, own questions, answers, tags, cards, logs,
        # mocks, mock questions, mock answers, mock mistakes, coaches' comments, session touch
        with django_assert_num_queries(14):
            auth_client.get(reverse("accounts:export_json"))


class TestImportView:
    url = "/accounts/import/"

    def _upload(self, content: bytes, name="export.json"):
        from django.core.files.uploadedfile import SimpleUploadedFile

        return SimpleUploadedFile(name, content, content_type="application/json")

    def test_import_success(self, auth_client, user, rich_user):
        raw = json.dumps(data_export(rich_user)).encode()
        response = auth_client.post(self.url, {"file": self._upload(raw)})
        assert response.status_code == 302
        assert Answer.objects.filter(user=user).count() == 26

    def test_bad_file_shows_errors_and_writes_nothing(self, auth_client, user):
        response = auth_client.post(self.url, {"file": self._upload(b"{nope")})
        assert response.status_code == 400
        assert "Nothing was imported" in response.content.decode()
        assert not Answer.objects.filter(user=user).exists()

    def test_missing_file(self, auth_client):
        response = auth_client.post(self.url, {})
        assert response.status_code == 200
        assert "This field is required" in response.content.decode()

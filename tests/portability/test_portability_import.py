"""Import: rows keep their identity, every value is checked, rows are bounded, nothing lost."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

import markdown as markdown_lib
import pytest
from django.urls import reverse
from django.utils import timezone

from prepapp.checklist.models import OwnItem
from prepapp.library.models import ChecklistItem, MistakePair, Question, Round, Topic
from prepapp.mocks.models import MockInterview
from prepapp.portability import ImportRefused, answers_markdown, data_export, data_import
from prepapp.portability.export import headings_shift
from prepapp.portability.format import MAX_LINKS, MAX_REVIEW_LOGS, ROW_LIMITS
from prepapp.practice.answers import answer_save
from prepapp.practice.models import MAX_SECONDS, Answer, ReviewCard, ReviewLog, UserQuestion
from prepapp.practice.scheduling import _new_state, card_review
from tests.checklist.factories import OwnItemFactory, topic
from tests.factories import UserFactory
from tests.mocks.factories import MockInterviewFactory
from tests.portability.test_portability import _counts, rich_user  # noqa: F401 - a fixture
from tests.practice.factories import UserQuestionFactory, bank_question

pytestmark = pytest.mark.django_db

WHEN = "2026-03-01T10:00:00+00:00"


def _uid() -> str:
    return str(uuid.uuid4())


def _file(pack) -> dict:
    """A valid version 2 file with one row of every kind and every field filled."""
    question = Question.objects.order_by("pk").first()
    round_ = Round.objects.order_by("pk").first()
    topic_ = Topic.objects.order_by("pk").first()
    return {
        "format": "prepapp-export",
        "version": 2,
        "profile": {"display_name": "Me", "interview_date": "2026-06-01"},
        "checklist": {
            "own_items": [
                {
                    "ref": "i1",
                    "uid": _uid(),
                    "topic": topic_.slug,
                    "text": "Item",
                    "created_at": WHEN,
                }
            ],
            "states": [
                {
                    "item": ChecklistItem.objects.order_by("pk").first().slug,
                    "own_item": None,
                    "ticked_at": WHEN,
                    "note": "Note",
                }
            ],
        },
        "practice": {
            "own_questions": [
                {
                    "ref": "q1",
                    "uid": _uid(),
                    "text": "Why us?",
                    "round": round_.slug,
                    "topic": topic_.slug,
                    "created_at": WHEN,
                }
            ],
            "answers": [
                {
                    "ref": "a1",
                    "uid": _uid(),
                    "question": question.slug,
                    "own_question": None,
                    "body": "Body",
                    "seconds_spent": 60,
                    "scores": {"structure": 3},
                    "mistakes": [MistakePair.objects.order_by("pk").first().slug],
                    "created_at": WHEN,
                }
            ],
            "review_cards": [
                {
                    "question": question.slug,
                    "own_question": None,
                    "due": WHEN,
                    "state": {},
                    "last_reviewed_at": None,
                    "review_count": 1,
                    "logs": [
                        {"rating": 3, "reviewed_at": WHEN, "due_after": WHEN, "answer": "a1"}
                    ],
                }
            ],
        },
        "mocks": [
            {
                "uid": _uid(),
                "round": round_.slug,
                "scheduled_at": WHEN,
                "status": "done",
                "format": "peer",
                "interviewer": "Sam",
                "minutes": 45,
                "questions": [question.slug],
                "typed_questions": "",
                "answers": ["a1"],
                "overall_rating": 4,
                "scores": {"structure": 4},
                "strengths": "",
                "improvements": "",
                "mistakes": [],
            }
        ],
    }


def _set(tree: dict, path: tuple, value) -> dict:
    node = tree
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return tree


def _refused(user, payload) -> str:
    before = _counts(user)
    with pytest.raises(ImportRefused) as refused:
        data_import(user, json.dumps(payload))
    assert _counts(user) == before, "a refused import wrote rows"
    return "\n".join(refused.value.errors)


# ---------------------------------------------------------------- 2. identity


def test_a_cancelled_mock_and_its_replacement_in_one_slot_both_import(pack):
    source = UserFactory()
    when = timezone.now() + timedelta(days=5)
    MockInterviewFactory(user=source, scheduled_at=when, status="cancelled", interviewer="First")
    MockInterviewFactory(user=source, scheduled_at=when, interviewer="Replacement")
    raw = json.dumps(data_export(source))
    newcomer = UserFactory()
    assert data_import(newcomer, raw).added["mock interviews"] == 2
    assert sorted(
        MockInterview.objects.filter(user=newcomer).values_list("status", flat=True)
    ) == [
        "cancelled",
        "scheduled",
    ]
    assert data_import(newcomer, raw).added == {}
    assert MockInterview.objects.filter(user=newcomer).count() == 2


def test_rows_alike_in_content_stay_distinct(pack):
    source = UserFactory()
    for _ in range(2):
        OwnItemFactory(user=source, topic=topic(), text="Same item")
    UserQuestionFactory(user=source, text="Same question?")  # one per text (and user)
    question = bank_question()
    first = answer_save(Answer(user=source, question=question, body="Same body"))
    second = answer_save(Answer(user=source, question=question, body="Same body"))
    Answer.objects.filter(pk=second.pk).update(created_at=first.created_at)
    raw = json.dumps(data_export(source))
    newcomer = UserFactory()
    data_import(newcomer, raw)
    assert OwnItem.objects.filter(user=newcomer, text="Same item").count() == 2
    assert UserQuestion.objects.filter(user=newcomer, text="Same question?").count() == 1
    assert Answer.objects.filter(user=newcomer, body="Same body").count() == 2
    assert data_import(newcomer, raw).added == {}


def test_uids_travel_in_the_file(rich_user):  # noqa: F811
    exported = data_export(rich_user)
    newcomer = UserFactory()
    data_import(newcomer, json.dumps(exported))
    for model, rows in [
        (Answer, exported["practice"]["answers"]),
        (UserQuestion, exported["practice"]["own_questions"]),
        (MockInterview, exported["mocks"]),
    ]:
        mine = {str(u) for u in model.objects.filter(user=newcomer).values_list("uid", flat=True)}
        assert mine == {row["uid"] for row in rows}, model.__name__


def test_version_1_files_still_import_and_skip_duplicates_by_content(rich_user):  # noqa: F811
    exported = data_export(rich_user)
    exported["version"] = 1
    for rows in [
        exported["checklist"]["own_items"],
        exported["practice"]["own_questions"],
        exported["practice"]["answers"],
        exported["mocks"],
    ]:
        for row in rows:
            del row["uid"]
    raw = json.dumps(exported)
    newcomer = UserFactory()
    summary = data_import(newcomer, raw)
    assert summary.added["answers"] == len(exported["practice"]["answers"])
    assert summary.added["mock interviews"] == len(exported["mocks"])
    counts = _counts(newcomer)
    assert data_import(newcomer, raw).added == {}
    assert _counts(newcomer) == counts
    # And into the account it came from: everything is already there.
    counts = _counts(rich_user)
    assert data_import(rich_user, raw).added == {}
    assert _counts(rich_user) == counts


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("mocks", 0, "uid"), "not-a-uuid", "mocks[0].uid: must be a UUID"),
        (("mocks", 0, "uid"), 7, "mocks[0].uid: must be a UUID"),
        (("practice", "answers", 0, "uid"), "x" * 40, "practice.answers[0].uid: must be a UUID"),
    ],
)
def test_a_bad_uid_is_refused(user, pack, path, value, message):
    assert message in _refused(user, _set(_file(pack), path, value))


def test_a_uid_twice_in_the_file_is_refused(user, pack):
    payload = _file(pack)
    payload["mocks"].append({**payload["mocks"][0], "scheduled_at": "2026-03-02T10:00:00Z"})
    assert "mocks[1].uid: repeats the uid of mocks[0].uid" in _refused(user, payload)


@pytest.mark.parametrize(
    ("path", "copy", "message"),
    [
        (("checklist", "states"), {}, "checklist.states[1]: repeats the item of"),
        (("practice", "review_cards"), {"logs": []}, "review_cards[1]: repeats the question of"),
        (("practice", "answers"), {"uid": None}, "answers[1].ref: repeats the ref of"),
    ],
)
def test_a_row_the_database_would_hold_once_is_refused_twice(user, pack, path, copy, message):
    payload = _file(pack)
    rows = payload
    for key in path:
        rows = rows[key]
    rows.append({**rows[0], **copy})
    assert message in _refused(user, payload)


def test_existing_rows_get_distinct_uids_when_migrating(transactional_db, pack):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("practice", "0001_initial"), ("mocks", "0001_initial")]
    before.append(("checklist", "0001_initial"))
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    old = executor.migrate(before).apps
    user = UserFactory()
    OldItem = old.get_model("checklist", "OwnItem")
    OldQuestion = old.get_model("practice", "UserQuestion")
    OldMock = old.get_model("mocks", "MockInterview")
    same = {"user_id": user.pk}
    OldItem.objects.bulk_create([OldItem(**same, topic_id=topic().pk, text="Same") for _ in "ab"])
    # Two own questions of one text are merged into one on the way (practice 0003), so
    # these differ; the mocks and items alike in content are the case this test is about.
    OldQuestion.objects.bulk_create([OldQuestion(**same, text=f"Q {n}?") for n in range(2)])
    when = {"round_id": Round.objects.first().pk, "scheduled_at": timezone.now(), "minutes": 45}
    OldMock.objects.bulk_create([OldMock(**same, **when) for _ in range(2)])
    MigrationExecutor(connection).migrate(latest)
    uids = [
        uid
        for model in (OwnItem, UserQuestion, MockInterview)
        for uid in model.objects.filter(user=user).values_list("uid", flat=True)
    ]
    assert len(uids) == 6
    assert None not in uids
    assert len(set(uids)) == 6


# ---------------------------------------------------------------- 3. validation


@pytest.mark.parametrize(
    "state",
    [
        {"probe": 1},
        {**_new_state(timezone.now()), "state": 9},
        {**_new_state(timezone.now()), "state": 2},  # review state without stability
        {**_new_state(timezone.now()), "state": 2, "stability": float("nan"), "difficulty": 5},
        {**_new_state(timezone.now()), "state": 2, "stability": -1.0, "difficulty": 5},
        {**_new_state(timezone.now()), "due": "2026-01-01T00:00:00"},  # no time zone
        {**_new_state(timezone.now()), "due": "soon"},
        {**_new_state(timezone.now()), "step": "first"},
        {**_new_state(timezone.now()), "card_id": "abc"},
    ],
)
def test_a_card_state_grading_could_not_use_is_refused(user, pack, state):
    payload = _set(_file(pack), ("practice", "review_cards", 0, "state"), state)
    errors = _refused(user, payload)
    assert "practice.review_cards[0].state: is not a review schedule prepapp can grade" in errors


def test_an_imported_card_state_grades(user, pack):
    source = UserFactory()
    answer = answer_save(Answer(user=source, question=bank_question(), body="Body"))
    card_review(source.review_cards.get(), 3, answer=answer)
    data_import(user, json.dumps(data_export(source)))
    card = ReviewCard.objects.get(user=user)
    assert card.state == source.review_cards.get().state
    for rating in (1, 2, 3, 4):
        card = card_review(card, rating, now=card.due)  # graded as each review falls due
    assert card.review_count == 5


EDGES = [
    # (path, value at the bound, value one past it, the message for the one past)
    (("profile", "display_name"), "x" * 80, "x" * 81, "is 81 characters, at most 80"),
    (("profile", "interview_date"), "2199-12-31", "2200-01-01", "must be a date"),
    (("profile", "interview_date"), "1900-01-01", "1899-12-31", "must be a date"),
    (("checklist", "own_items", 0, "text"), "x" * 300, "x" * 301, "at most 300"),
    (("checklist", "own_items", 0, "ref"), "x" * 40, "x" * 41, "at most 40"),
    (("checklist", "states", 0, "note"), "x" * 2000, "x" * 2001, "at most 2000"),
    (("practice", "own_questions", 0, "text"), "x" * 1000, "x" * 1001, "at most 1000"),
    (("practice", "answers", 0, "body"), "x" * 20_000, "x" * 20_001, "at most 20000"),
    (("practice", "answers", 0, "seconds_spent"), MAX_SECONDS, MAX_SECONDS + 1, "from 0 to"),
    (("practice", "answers", 0, "seconds_spent"), 0, -1, "from 0 to 21600"),
    (("practice", "answers", 0, "scores", "structure"), 5, 6, "from 1 to 5"),
    (("practice", "answers", 0, "scores", "structure"), 1, 0, "from 1 to 5"),
    (
        ("practice", "answers", 0, "created_at"),
        "1900-01-01T00:00:00+00:00",
        "1899-12-31T23:00:00+00:00",
        "date and time",
    ),
    (
        ("practice", "answers", 0, "created_at"),
        "2199-12-31T12:00:00+00:00",
        "2200-01-01T12:00:00+00:00",
        "date and time",
    ),
    (
        ("practice", "answers", 0, "question"),
        "q-background-why-healthcare-pm",
        "q-nope",
        "not in the content pack",
    ),
    (("practice", "review_cards", 0, "review_count"), 100_000, 100_001, "from 0 to 100000"),
    (("practice", "review_cards", 0, "logs", 0, "rating"), 4, 5, "from 1 to 4"),
    (("practice", "review_cards", 0, "logs", 0, "rating"), 1, 0, "from 1 to 4"),
    (("practice", "review_cards", 0, "logs", 0, "rating"), 1, None, "rating: is required"),
    (("practice", "review_cards", 0, "logs", 0, "answer"), "a1", "a2", "does not name a row"),
    (("mocks", 0, "minutes"), 480, 481, "from 1 to 480"),
    (("mocks", 0, "minutes"), 1, 0, "from 1 to 480"),
    (("mocks", 0, "overall_rating"), 5, 6, "from 1 to 5"),
    (("mocks", 0, "interviewer"), "x" * 120, "x" * 121, "at most 120"),
    (("mocks", 0, "typed_questions"), "x" * 4000, "x" * 4001, "at most 4000"),
    (("mocks", 0, "strengths"), "x" * 4000, "x" * 4001, "at most 4000"),
    (("mocks", 0, "improvements"), "x" * 4000, "x" * 4001, "at most 4000"),
    (("mocks", 0, "status"), "cancelled", "postponed", "must be one of cancelled, done"),
    (("mocks", 0, "format"), "self_recorded", "zoom", "must be one of coach, other"),
    (("practice", "answers", 0, "body"), "caf\u00e9 \U0001f600", "a \ud800 b", "not valid text"),
]


@pytest.mark.parametrize(
    ("path", "at_bound", "past", "message"), EDGES, ids=[".".join(map(str, e[0])) for e in EDGES]
)
def test_each_value_at_its_bound_imports_and_one_past_is_refused(
    user, pack, path, at_bound, past, message
):
    errors = _refused(user, _set(_file(pack), path, past))
    assert message in errors, errors
    data_import(user, json.dumps(_set(_file(pack), path, at_bound)))
    assert Answer.objects.filter(user=user).count() == 1


LIMITED = [
    ("checklist", "own_items"),
    ("checklist", "states"),
    ("practice", "own_questions"),
    ("practice", "answers"),
    ("practice", "review_cards"),
    ("mocks",),
]


@pytest.mark.parametrize("path", LIMITED, ids=[".".join(p) for p in LIMITED])
def test_one_row_past_a_row_limit_is_refused_with_the_limit(user, pack, path):
    limit = ROW_LIMITS[".".join(path)]
    payload = _set(_file(pack), path, [{}] * (limit + 1))
    assert f"{'.'.join(path)}: has {limit + 1:,} rows, at most {limit:,} in one import" in (
        _refused(user, payload)
    )


def _many_own_items(count: int) -> list[dict]:
    return [
        {"ref": f"i{n}", "uid": _uid(), "topic": "metrics-outcomes", "text": f"Item {n}"}
        for n in range(count)
    ]


def _many_mocks(payload, count: int) -> list[dict]:
    return [{**payload["mocks"][0], "uid": _uid(), "answers": []} for _ in range(count)]


@pytest.mark.parametrize("kind", ["own_items", "own_questions", "mocks"])
def test_a_row_limit_itself_imports(user, pack, kind):
    payload = _file(pack)
    if kind == "own_items":
        rows = _many_own_items(ROW_LIMITS["checklist.own_items"])
        payload["checklist"]["own_items"] = rows
    elif kind == "own_questions":
        limit = ROW_LIMITS["practice.own_questions"]
        payload["practice"]["own_questions"] = [
            {"ref": f"q{n}", "uid": _uid(), "text": f"Question {n}?"} for n in range(limit)
        ]
    else:
        payload["mocks"] = _many_mocks(payload, ROW_LIMITS["mocks"])
    data_import(user, json.dumps(payload))
    models = {"own_items": OwnItem, "own_questions": UserQuestion, "mocks": MockInterview}
    limit = next(v for k, v in ROW_LIMITS.items() if k.endswith(kind))
    assert models[kind].objects.filter(user=user).count() == limit


def test_the_answer_limit_itself_imports(user, pack):
    payload = _file(pack)
    row = payload["practice"]["answers"][0]
    payload["practice"]["answers"] = [
        {**row, "ref": f"a{n}", "uid": _uid(), "mistakes": []}
        for n in range(ROW_LIMITS["practice.answers"])
    ]
    data_import(user, json.dumps(payload))
    assert Answer.objects.filter(user=user).count() == ROW_LIMITS["practice.answers"]


@pytest.mark.parametrize("extra", [0, 1], ids=["at the limit", "one past"])
def test_review_logs_are_bounded_across_cards(user, pack, extra):
    payload = _file(pack)
    log = payload["practice"]["review_cards"][0]["logs"][0]
    second = Question.objects.order_by("pk")[1].slug
    card = payload["practice"]["review_cards"][0]
    half = MAX_REVIEW_LOGS // 2
    card["logs"] = [log] * half
    payload["practice"]["review_cards"].append(
        {**card, "question": second, "logs": [log] * (MAX_REVIEW_LOGS - half + extra)}
    )
    if extra:
        errors = _refused(user, payload)
        assert f"has {MAX_REVIEW_LOGS + 1:,} review log rows in all, at most" in errors
    else:
        data_import(user, json.dumps(payload))
        assert ReviewLog.objects.filter(card__user=user).count() == MAX_REVIEW_LOGS


@pytest.mark.parametrize("extra", [0, 1], ids=["at the limit", "one past"])
def test_links_are_bounded_across_the_file(user, pack, extra):
    payload = _file(pack)
    questions = list(Question.objects.values_list("slug", flat=True))
    mistakes = list(MistakePair.objects.values_list("slug", flat=True))
    per_mock = len(questions) + len(mistakes)
    # The one answer tags one mistake and is linked to no mock; the mocks fill the rest.
    wanted = MAX_LINKS - 1 + extra
    mocks = []
    while wanted > 0:
        take = min(per_mock, wanted)
        mock = {**payload["mocks"][0], "uid": _uid(), "answers": []}
        mock["questions"] = questions[:take]
        mock["mistakes"] = mistakes[: max(0, take - len(questions))]
        mocks.append(mock)
        wanted -= take
    payload["mocks"] = mocks
    if extra:
        errors = _refused(user, payload)
        assert f"file: has {MAX_LINKS + 1:,} links" in errors
    else:
        data_import(user, json.dumps(payload))
        through = MockInterview.questions.through.objects.filter(mockinterview__user=user)
        assert (
            through.count()
            + MockInterview.mistakes.through.objects.filter(mockinterview__user=user).count()
            == MAX_LINKS - 1
        )


def test_a_file_over_a_limit_shows_the_limit_in_the_form(auth_client, user, pack):
    from django.core.files.uploadedfile import SimpleUploadedFile

    payload = _file(pack)
    payload["mocks"] = [{}] * (ROW_LIMITS["mocks"] + 1)
    upload = SimpleUploadedFile("export.json", json.dumps(payload).encode())
    response = auth_client.post(reverse("accounts:import"), {"file": upload})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Nothing was imported" in body
    assert "mocks: has 1,001 rows, at most 1,000 in one import" in body
    assert not MockInterview.objects.filter(user=user).exists()


# ---------------------------------------------------------------- round trip


def test_export_import_export_gives_the_same_file(rich_user):  # noqa: F811
    first = data_export(rich_user)
    newcomer = UserFactory(display_name="")
    data_import(newcomer, json.dumps(first))
    second = data_export(newcomer)
    for export in (first, second):
        export.pop("exported_at")
        export["profile"].pop("email")
    assert json.dumps(second, sort_keys=True) == json.dumps(first, sort_keys=True)


# ---------------------------------------------------------------- 19. markdown headings


@pytest.mark.parametrize(
    ("body", "shifted"),
    [
        ("# Plan\ntext", "### Plan\ntext"),
        ("## Risks", "#### Risks"),
        ("#### Deep", "###### Deep"),
        ("###### Six", "###### Six"),
        ("> # Quoted", "> ### Quoted"),
        ("Plan\n====\ntext", "### Plan\ntext"),
        ("intro\n\nSub\n---", "intro\n\n#### Sub"),
        ("text\n\n---\n\nmore", "text\n\n---\n\nmore"),
        ("```\n# a comment\n```\n# After", "```\n# a comment\n```\n### After"),
        (
            "~~~~python\n# comment\n~~~\n# still code\n~~~~",
            "~~~~python\n# comment\n~~~\n# still code\n~~~~",
        ),
        ("    # indented code", "    # indented code"),
        ("Not #a heading", "Not #a heading"),
        ("####### seven", "####### seven"),
    ],
)
def test_headings_shift(body, shifted):
    assert headings_shift(body, below=2) == shifted


def test_markdown_export_keeps_the_users_headings_below_the_questions(user, pack):
    body = "# My plan\n\nFirst.\n\n```\n# not a heading\n```\n\nRisks\n=====\n\nDone."
    answer_save(Answer(user=user, question=bank_question(), body=body))
    exported = answers_markdown(user)
    html = markdown_lib.markdown(exported, extensions=["extra"])
    assert html.count("<h1") == 1  # the file's title
    assert html.count("<h2") == 1  # the question
    assert html.count("<h3") == 2  # the answer's own headings, below it
    assert "# not a heading" in exported


def test_the_readme_names_every_import_limit():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    your_data = " ".join(readme.split("**Your data**")[1].split("\n\n")[0].split())
    for limit in [*ROW_LIMITS.values(), MAX_REVIEW_LOGS, MAX_LINKS]:
        assert f"{limit:,} " in your_data, limit
    assert "10 MB" in your_data


def test_a_write_racing_the_import_refuses_it_whole(user, pack, monkeypatch):
    """A card made between the checks and the write (practice in another tab): no 500."""
    from prepapp.portability import importing

    payload = _file(pack)
    build = importing._statements

    def racing(rows):
        statements = build(rows)
        ReviewCard.objects.create(user=user, question=bank_question(), due=timezone.now())
        return statements

    monkeypatch.setattr(importing, "_statements", racing)
    payload["practice"]["review_cards"][0]["question"] = bank_question().slug
    with pytest.raises(ImportRefused) as refused:
        data_import(user, json.dumps(payload))
    assert "changed while the file was imported" in refused.value.errors[0]
    assert not Answer.objects.filter(user=user).exists()
    assert not MockInterview.objects.filter(user=user).exists()
    assert ReviewCard.objects.filter(user=user).count() == 1


def test_own_questions_of_one_text_with_two_uids_import_as_one(user, pack):
    # A file written before own questions were one per text may hold twins; the table
    # holds one per text, so both refs land on one question and nothing is refused.
    source = UserFactory()
    UserQuestionFactory(user=source, text="Why us?")
    exported = data_export(source)
    twin = {**exported["practice"]["own_questions"][0], "uid": str(uuid.uuid4()), "ref": "q-twin"}
    twin["text"] = "  why US? "
    exported["practice"]["own_questions"].append(twin)
    data_import(user, json.dumps(exported))
    assert UserQuestion.objects.filter(user=user).count() == 1


def test_the_time_zone_travels_and_fills_only_the_site_default(user, pack):
    source = UserFactory(time_zone="America/New_York")
    raw = json.dumps(data_export(source))
    assert json.loads(raw)["profile"]["time_zone"] == "America/New_York"
    data_import(user, raw)
    user.refresh_from_db()
    assert user.time_zone == "America/New_York"
    chosen = UserFactory(time_zone="Asia/Tokyo")  # a zone the user picked stands
    data_import(chosen, raw)
    chosen.refresh_from_db()
    assert chosen.time_zone == "Asia/Tokyo"


def test_an_unknown_time_zone_is_refused(user, pack):
    exported = data_export(UserFactory())
    exported["profile"]["time_zone"] = "Mars/Olympus_Mons"
    assert "profile.time_zone" in _refused(user, exported)


def _full_file(pack) -> dict:
    """Every kind of row, every field set to something other than its default.

    Written as export writes it (refs by position, lists sorted, times in UTC), so an
    account imported from it must export it back unchanged.
    """
    from prepapp.library.rubric import ALL_DIMENSIONS

    questions = list(Question.objects.order_by("pk")[:3])
    round_ = Round.objects.exclude(pk=questions[0].round_id).order_by("pk").first()
    topic_ = Topic.objects.order_by("pk").last()
    items = list(ChecklistItem.objects.order_by("pk")[:1])
    pairs = sorted(MistakePair.objects.order_by("pk").values_list("slug", flat=True)[:3])
    reviewed = timezone.now().replace(microsecond=0) - timedelta(days=3)
    card = ReviewCard.objects.create(
        user=UserFactory(), question=questions[0], due=reviewed, state=_new_state(reviewed)
    )
    state = card_review(card, 3, now=reviewed).state  # a card in the Learning state
    every = {d: n % 5 + 1 for n, d in enumerate(ALL_DIMENSIONS)}
    return {
        "format": "prepapp-export",
        "version": 2,
        "profile": {
            "display_name": "Full Name",
            "interview_date": "2026-07-14",
            "time_zone": "Asia/Tokyo",
        },
        "checklist": {
            "own_items": [
                {
                    "ref": "i1",
                    "uid": _uid(),
                    "topic": topic_.slug,
                    "text": "My item",
                    "created_at": "2026-02-01T08:30:00+00:00",
                }
            ],
            "states": [
                {
                    "item": items[0].slug,
                    "own_item": None,
                    "ticked_at": "2026-02-02T09:00:00+00:00",
                    "note": "Bank note",
                },
                {
                    "item": None,
                    "own_item": "i1",
                    "ticked_at": "2026-02-03T09:00:00+00:00",
                    "note": "Own note",
                },
            ],
        },
        "practice": {
            "own_questions": [
                {
                    "ref": "q1",
                    "uid": _uid(),
                    "text": "Why this hospital system?",
                    "round": round_.slug,
                    "topic": topic_.slug,
                    "created_at": "2026-02-04T10:00:00+00:00",
                }
            ],
            "answers": [
                {
                    "ref": "a1",
                    "uid": _uid(),
                    "question": questions[0].slug,
                    "own_question": None,
                    "body": "First **answer**.",
                    "seconds_spent": 95,
                    "scores": every,
                    "mistakes": pairs[:2],
                    "created_at": "2026-02-05T10:00:00+00:00",
                },
                {
                    "ref": "a2",
                    "uid": _uid(),
                    "question": None,
                    "own_question": "q1",
                    "body": "Because of outcomes.",
                    "seconds_spent": 30,
                    "scores": {ALL_DIMENSIONS[0]: 2},
                    "mistakes": pairs[2:],
                    "created_at": "2026-02-06T10:00:00+00:00",
                },
            ],
            "review_cards": [
                {
                    "question": questions[0].slug,
                    "own_question": None,
                    "due": state["due"],
                    "state": state,
                    "last_reviewed_at": reviewed.isoformat(),
                    "review_count": 7,
                    "logs": [
                        {
                            "rating": 2,
                            "reviewed_at": "2026-02-05T11:00:00+00:00",
                            "due_after": "2026-02-06T11:00:00+00:00",
                            "answer": "a1",
                        },
                        {
                            "rating": 4,
                            "reviewed_at": reviewed.isoformat(),
                            "due_after": state["due"],
                            "answer": None,
                        },
                    ],
                },
                {
                    "question": None,
                    "own_question": "q1",
                    "due": "2026-03-09T07:00:00+00:00",
                    "state": _new_state(reviewed),
                    "last_reviewed_at": None,
                    "review_count": 0,
                    "logs": [],
                },
            ],
        },
        "mocks": [
            {
                "uid": _uid(),
                "round": round_.slug,
                "scheduled_at": "2026-02-10T15:00:00+00:00",
                "status": "done",
                "format": "coach",
                "interviewer": "Sam",
                "minutes": round_.typical_minutes + 7,
                "questions": sorted(q.slug for q in questions[1:]),
                "typed_questions": "Tell me about a launch.",
                "answers": ["a1", "a2"],
                "overall_rating": 2,
                "scores": {d: 6 - v for d, v in every.items()},
                "strengths": "Clear structure",
                "improvements": "Numbers",
                "mistakes": pairs[1:],
            },
            {
                "uid": _uid(),
                "round": questions[0].round.slug,
                "scheduled_at": "2026-02-11T15:00:00+00:00",
                "status": "cancelled",
                "format": "self_recorded",
                "interviewer": "Alex",
                "minutes": 1,
                "questions": [questions[0].slug],
                "typed_questions": "Why PM?",
                "answers": ["a1"],
                "overall_rating": 5,
                "scores": {ALL_DIMENSIONS[-1]: 1},
                "strengths": "Calm",
                "improvements": "Pace",
                "mistakes": pairs[:1],
            },
        ],
        # Coaches' comments are exported, never imported (the coach may not exist here):
        # an imported account has none of its own to write back.
        "comments": [],
    }


def test_every_field_of_every_row_survives_import_and_export(pack):
    """Import, export, import into a fresh account, export: the same file each time."""
    written = _full_file(pack)
    first_user, second_user = UserFactory(display_name=""), UserFactory(display_name="")
    summary = data_import(first_user, json.dumps(written))
    assert summary.added == {
        "checklist items": 1,
        "checklist ticks and notes": 2,
        "own questions": 1,
        "answers": 2,
        "review cards": 2,
        "mock interviews": 2,
    }
    first = data_export(first_user)
    again = data_import(first_user, json.dumps(written))
    assert (again.added, again.skipped) == ({}, summary.added)
    assert data_export(first_user)["practice"] == first["practice"]
    data_import(second_user, json.dumps(first))
    second = data_export(second_user)
    for export in (first, second):
        assert export.pop("exported_at")
        assert export["profile"].pop("email")
    assert json.dumps(first, sort_keys=True, indent=1) == json.dumps(
        written, sort_keys=True, indent=1
    )
    assert json.dumps(second, sort_keys=True) == json.dumps(first, sort_keys=True)
    # What the export does not show is rebuilt too: scores' averages, the HTML, findings.
    answer = Answer.objects.get(user=second_user, uid=written["practice"]["answers"][0]["uid"])
    assert answer.body_html == "<p>First <strong>answer</strong>.</p>"
    assert answer.score_avg == round(
        sum(written["practice"]["answers"][0]["scores"].values())
        / len(written["practice"]["answers"][0]["scores"]),
        2,
    )
    mock = MockInterview.objects.get(user=second_user, uid=written["mocks"][1]["uid"])
    assert mock.score_avg == 1


# ---------------------------------------------------------------- 3. validation, one by one

MISSING = object()

ONE_BAD_VALUE = [
    # (path, the bad value or MISSING, the one error it gives)
    (("profile", "display_name"), 5, "profile.display_name: must be text"),
    (("profile", "time_zone"), 5, "profile.time_zone: must be text"),  # and nothing more
    (
        ("profile", "interview_date"),
        "2026-02-30",
        "profile.interview_date: must be a date (YYYY-MM-DD)",
    ),
    (
        ("profile", "interview_date"),
        20260601,
        "profile.interview_date: must be a date (YYYY-MM-DD)",
    ),
    (
        ("profile", "interview_date"),
        "1899-12-31",
        "profile.interview_date: must be a date (YYYY-MM-DD)",
    ),
    (
        ("profile", "time_zone"),
        "Mars/Olympus",
        "profile.time_zone: “Mars/Olympus” is not a time zone",
    ),
    (("profile",), [], "profile: must be an object"),
    (("checklist",), "x", "checklist: must be an object"),
    (
        ("practice",),
        3,
        [
            "practice: must be an object",
            "mocks[0].answers[0]: 'a1' does not name a row in this file",
        ],
    ),
    (("checklist", "own_items"), {}, "checklist.own_items: must be a list"),
    (("checklist", "own_items", 0, "ref"), MISSING, "checklist.own_items[0].ref: is required"),
    (("checklist", "own_items", 0, "topic"), MISSING, "checklist.own_items[0].topic: is required"),
    (
        ("checklist", "own_items", 0, "topic"),
        7,
        "checklist.own_items[0].topic: 7 is not in the content pack",
    ),
    (("checklist", "own_items", 0, "text"), "", "checklist.own_items[0].text: is required"),
    (
        ("checklist", "own_items", 0, "created_at"),
        "2026-13-01T10:00:00Z",
        "checklist.own_items[0].created_at: must be a date and time (ISO 8601)",
    ),
    (
        ("checklist", "states", 0, "item"),
        MISSING,
        "checklist.states[0]: must name exactly one of item and own_item",
    ),
    (
        ("checklist", "states", 0, "own_item"),
        "i1",
        "checklist.states[0]: must name exactly one of item and own_item",
    ),
    (
        ("checklist", "states", 0, "note"),
        "a\x00b",
        "checklist.states[0].note: contains a NUL character",
    ),
    (
        ("checklist", "states", 0, "ticked_at"),
        1700000000,
        "checklist.states[0].ticked_at: must be a date and time (ISO 8601)",
    ),
    (
        ("practice", "own_questions", 0, "text"),
        MISSING,
        "practice.own_questions[0].text: is required",
    ),
    (
        ("practice", "own_questions", 0, "round"),
        "no-round",
        "practice.own_questions[0].round: 'no-round' is not in the content pack",
    ),
    (("practice", "answers", 0, "body"), MISSING, "practice.answers[0].body: is required"),
    (
        ("practice", "answers", 0, "created_at"),
        MISSING,
        "practice.answers[0].created_at: is required",
    ),
    (
        ("practice", "answers", 0, "question"),
        MISSING,
        "practice.answers[0]: must name exactly one of question and own_question",
    ),
    (
        ("practice", "answers", 0, "own_question"),
        "q1",
        "practice.answers[0]: must name exactly one of question and own_question",
    ),
    (
        ("practice", "answers", 0, "own_question"),
        1,
        "practice.answers[0].own_question: 1 does not name a row in this file",
    ),
    (
        ("practice", "answers", 0, "seconds_spent"),
        "60",
        "practice.answers[0].seconds_spent: must be a whole number from 0 to 21600",
    ),
    (
        ("practice", "answers", 0, "seconds_spent"),
        True,
        "practice.answers[0].seconds_spent: must be a whole number from 0 to 21600",
    ),
    (
        ("practice", "answers", 0, "seconds_spent"),
        60.0,
        "practice.answers[0].seconds_spent: must be a whole number from 0 to 21600",
    ),
    (("practice", "answers", 0, "scores"), [3], "practice.answers[0].scores: must be an object"),
    (
        ("practice", "answers", 0, "scores", "structure"),
        6,
        "practice.answers[0].scores.structure: must be a whole number from 1 to 5",
    ),
    (
        ("practice", "answers", 0, "mistakes"),
        "m-one",
        "practice.answers[0].mistakes: must be a list",
    ),
    (
        ("practice", "answers", 0, "mistakes"),
        ["m-nope"],
        "practice.answers[0].mistakes[0]: 'm-nope' is not in the content pack",
    ),
    (("practice", "review_cards", 0, "due"), MISSING, "practice.review_cards[0].due: is required"),
    (
        ("practice", "review_cards", 0, "question"),
        None,
        "practice.review_cards[0]: must name exactly one of question and own_question",
    ),
    (
        ("practice", "review_cards", 0, "state"),
        "x",
        "practice.review_cards[0].state: must be a small object",
    ),
    (
        ("practice", "review_cards", 0, "state"),
        {"x": "y" * 4000},
        "practice.review_cards[0].state: must be a small object",
    ),
    (
        ("practice", "review_cards", 0, "last_reviewed_at"),
        "soon",
        "practice.review_cards[0].last_reviewed_at: must be a date and time (ISO 8601)",
    ),
    (("practice", "review_cards", 0, "logs"), {}, "practice.review_cards[0].logs: must be a list"),
    (
        ("practice", "review_cards", 0, "logs", 0, "reviewed_at"),
        MISSING,
        "practice.review_cards[0].logs[0].reviewed_at: is required",
    ),
    (
        ("practice", "review_cards", 0, "logs", 0, "due_after"),
        MISSING,
        "practice.review_cards[0].logs[0].due_after: is required",
    ),
    (("mocks",), {}, "mocks: must be a list"),
    (
        ("mocks", 0),
        "mock",
        [
            "mocks[0]: must be an object",
            "mocks[0].round: is required",
            "mocks[0].scheduled_at: is required",
        ],
    ),
    (("mocks", 0, "round"), MISSING, "mocks[0].round: is required"),
    (("mocks", 0, "scheduled_at"), MISSING, "mocks[0].scheduled_at: is required"),
    (("mocks", 0, "status"), 1, "mocks[0].status: must be one of cancelled, done, scheduled"),
    (
        ("mocks", 0, "format"),
        None,
        "mocks[0].format: must be one of coach, other, peer, self_recorded",
    ),
    (("mocks", 0, "answers"), "a1", "mocks[0].answers: must be a list"),
    (
        ("mocks", 0, "answers"),
        ["a9"],
        "mocks[0].answers[0]: 'a9' does not name a row in this file",
    ),
    (("mocks", 0, "questions"), {}, "mocks[0].questions: must be a list"),
    (("mocks", 0, "mistakes"), "m", "mocks[0].mistakes: must be a list"),
    (
        ("mocks", 0, "overall_rating"),
        0,
        "mocks[0].overall_rating: must be a whole number from 1 to 5",
    ),
    (
        ("mocks", 0, "scores", "structure"),
        6,
        "mocks[0].scores.structure: must be a whole number from 1 to 5",
    ),
    (("mocks", 0, "uid"), "{12345678-1234-5678-1234-567812345678", "mocks[0].uid: must be a UUID"),
    (
        ("practice", "answers", 0, "scores"),
        {"charisma": 3, "structure": 9},
        [
            "practice.answers[0].scores.charisma: is not a rubric dimension",
            "practice.answers[0].scores.structure: must be a whole number from 1 to 5",
        ],
    ),
]


@pytest.mark.parametrize(
    ("path", "value", "message"),
    ONE_BAD_VALUE,
    # Plain ids, the same in every run (mutmut collects them in one pytest run and selects
    # them in the next, in the same process): no object reprs, no escaped characters.
    ids=[f"{n}-{'.'.join(map(str, p))}" for n, (p, _v, _m) in enumerate(ONE_BAD_VALUE)],
)
def test_one_bad_value_gives_one_error_naming_its_place(user, pack, path, value, message):
    payload = _file(pack)
    if value is MISSING:
        node = payload
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]
    else:
        _set(payload, path, value)
    assert _refused(user, payload).splitlines() == (
        message if isinstance(message, list) else [message]
    )


def test_at_most_fifty_errors_are_listed(user, pack):
    payload = _file(pack)
    payload["checklist"]["own_items"] = [{"ref": f"i{n}"} for n in range(30)]
    errors = _refused(user, payload).splitlines()
    assert len(errors) == 50
    assert errors[:2] == [
        "checklist.own_items[0].topic: is required",
        "checklist.own_items[0].text: is required",
    ]


def test_a_time_without_a_zone_is_read_in_the_sites_zone(user, pack):
    payload = _set(_file(pack), ("practice", "answers", 0, "created_at"), "2026-03-01T10:00:00")
    data_import(user, json.dumps(payload))
    created = Answer.objects.get(user=user).created_at
    assert created == timezone.make_aware(timezone.datetime(2026, 3, 1, 10))


@pytest.mark.parametrize(
    ("path", "field", "message"),
    [
        (
            ("checklist", "own_items"),
            "uid",
            "checklist.own_items[1].uid: repeats the uid of checklist.own_items[0].uid",
        ),
        (
            ("checklist", "own_items"),
            "ref",
            "checklist.own_items[1].ref: repeats the ref of checklist.own_items[0].ref",
        ),
        (
            ("practice", "own_questions"),
            "uid",
            "practice.own_questions[1].uid: repeats the uid of practice.own_questions[0].uid",
        ),
        (
            ("practice", "own_questions"),
            "ref",
            "practice.own_questions[1].ref: repeats the ref of practice.own_questions[0].ref",
        ),
        (
            ("practice", "answers"),
            "uid",
            "practice.answers[1].uid: repeats the uid of practice.answers[0].uid",
        ),
        (
            ("practice", "answers"),
            "ref",
            "practice.answers[1].ref: repeats the ref of practice.answers[0].ref",
        ),
    ],
)
def test_a_uid_or_ref_twice_is_refused_naming_both_rows(user, pack, path, field, message):
    payload = _file(pack)
    rows = payload
    for key in path:
        rows = rows[key]
    # The copy differs in everything else that must be unique.
    copy = {**rows[0], "uid": _uid(), "ref": "other", "text": "Another"}
    copy[field] = rows[0][field]
    rows.append(copy)
    assert message in _refused(user, payload).splitlines()


def test_every_optional_field_may_be_left_out(user, pack):
    payload = _file(pack)
    optional = {
        "profile": ["display_name", "interview_date"],
        "checklist.own_items": ["uid", "created_at"],
        "checklist.states": ["own_item", "ticked_at", "note"],
        "practice.own_questions": ["uid", "round", "topic", "created_at"],
        "practice.answers": ["uid", "own_question", "seconds_spent", "scores", "mistakes"],
        "practice.review_cards": ["own_question", "state", "last_reviewed_at", "review_count"],
        "mocks": [
            "uid",
            "status",
            "format",
            "interviewer",
            "minutes",
            "questions",
            "typed_questions",
            "answers",
            "overall_rating",
            "scores",
            "strengths",
            "improvements",
            "mistakes",
        ],
    }
    for place, keys in optional.items():
        node = payload
        for key in place.split("."):
            node = node[key]
        for row in node if isinstance(node, list) else [node]:
            for key in keys:
                del row[key]
    for card in payload["practice"]["review_cards"]:
        for log in card["logs"]:
            del log["answer"]
    summary = data_import(user, json.dumps(payload))
    assert summary.added["mock interviews"] == 1
    mock = MockInterview.objects.get(user=user)
    assert (mock.status, mock.format, mock.minutes) == (
        "scheduled",
        "peer",
        mock.round.typical_minutes,
    )
    answer = Answer.objects.get(user=user)
    assert (answer.seconds_spent, answer.score_avg, answer.mistakes.count()) == (None, None, 0)
    card = ReviewCard.objects.get(user=user)
    assert (card.review_count, card.last_reviewed_at) == (0, None)
    assert (mock.interviewer, mock.strengths, mock.typed_questions) == ("", "", "")
    assert user.checklist_states.get().note == ""


def test_ids_are_reserved_from_postgresqls_sequence(monkeypatch):
    """The PostgreSQL branch, whose SQL the SQLite test database cannot run, is checked here."""
    from contextlib import contextmanager

    from prepapp.portability import bulk

    executed = []

    class Cursor:
        def execute(self, sql, params):
            executed.append((sql, params))
            self.count = params[2]

        def fetchall(self):
            return [(100 + n,) for n in range(self.count)]

    class Connection:
        vendor = "postgresql"

        @contextmanager
        def cursor(self):
            yield Cursor()

    monkeypatch.setattr(bulk, "connection", Connection())
    assert bulk.ids_reserve({Answer: 3, OwnItem: 0, MockInterview: 1}) == {
        Answer: [100, 101, 102],
        OwnItem: [],
        MockInterview: [100],
    }
    sql = "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)"
    assert executed == [
        (sql, [Answer._meta.db_table, "id", 3]),
        (sql, [MockInterview._meta.db_table, "id", 1]),
    ]


def test_ids_reserved_on_sqlite_are_fresh_and_move_the_counter(user, pack):
    from prepapp.portability import bulk

    existing = OwnItemFactory(user=user)
    first = bulk.ids_reserve({OwnItem: 2, Answer: 0})
    assert first[Answer] == []
    assert len(first[OwnItem]) == 2 and min(first[OwnItem]) > existing.pk
    assert first[OwnItem][1] == first[OwnItem][0] + 1
    again = bulk.ids_reserve({OwnItem: 1})
    assert again[OwnItem] == [first[OwnItem][1] + 1]
    assert OwnItemFactory(user=user).pk > again[OwnItem][0]


def test_the_links_of_every_answer_count_towards_the_bound(user, pack):
    payload = _file(pack)
    mistakes = list(MistakePair.objects.values_list("slug", flat=True))
    answer = payload["practice"]["answers"][0]
    count = MAX_LINKS // len(mistakes) + 1  # one answer's worth past the bound
    payload["practice"]["answers"] = [
        {**answer, "ref": f"a{n}", "uid": _uid(), "mistakes": mistakes}
        for n in range(1, count + 1)
    ]
    payload["mocks"] = []
    assert f"file: has {count * len(mistakes):,} links" in _refused(user, payload)


def test_an_answered_question_without_a_card_gets_one_due_now(user, pack):
    payload = _file(pack)
    payload["practice"]["review_cards"] = []
    before = timezone.now()
    data_import(user, json.dumps(payload))
    card = ReviewCard.objects.get(user=user)
    assert card.question.slug == payload["practice"]["answers"][0]["question"]
    assert before <= card.due <= timezone.now()
    assert (card.review_count, card.last_reviewed_at) == (0, None)


@pytest.mark.parametrize(
    ("version", "message"),
    [
        (True, "This export is version True; versions 1 and 2 are supported."),
        ("2", "This export is version '2'; versions 1 and 2 are supported."),
        (None, "This export is version None; versions 1 and 2 are supported."),
        (
            "x" * 50,
            f"This export is version {repr('x' * 50)[:20]}; versions 1 and 2 are supported.",
        ),
    ],
)
def test_an_unknown_version_is_refused_in_words(user, version, message):
    from prepapp.portability.format import FORMAT

    with pytest.raises(ImportRefused) as refused:
        data_import(user, json.dumps({"format": FORMAT, "version": version}))
    assert refused.value.errors == [message]


def test_a_file_of_exactly_the_size_limit_is_read():
    from prepapp.portability.format import MAX_FILE_BYTES
    from prepapp.portability.reader import file_parse

    padded = json.dumps({"format": "prepapp-export", "version": 2, "pad": ""})
    raw = padded[:-2] + "x" * (MAX_FILE_BYTES - len(padded)) + '"}'
    assert len(raw) == MAX_FILE_BYTES
    assert file_parse(raw)["version"] == 2
    with pytest.raises(ImportRefused) as refused:
        file_parse(raw + " ")
    assert refused.value.errors == ["The file is larger than 10 MB."]
    with pytest.raises(ImportRefused) as refused:
        file_parse("[" * 100_000)
    assert refused.value.errors == ["The file is not JSON. Choose a file exported from prepapp."]


def test_the_profile_fills_only_what_the_account_has_not_set(pack):
    from datetime import date

    payload = _file(pack)
    payload["profile"]["time_zone"] = "Asia/Tokyo"
    set_up = UserFactory(
        display_name="Mine", interview_date=date(2026, 9, 1), time_zone="Europe/Paris"
    )
    data_import(set_up, json.dumps(payload))
    set_up.refresh_from_db()
    assert (set_up.display_name, set_up.interview_date, set_up.time_zone) == (
        "Mine",
        date(2026, 9, 1),
        "Europe/Paris",
    )
    blank = UserFactory(display_name="", interview_date=None)
    data_import(blank, json.dumps(payload))
    blank.refresh_from_db()
    assert (blank.display_name, blank.interview_date, blank.time_zone) == (
        "Me",
        date(2026, 6, 1),
        "Asia/Tokyo",
    )
    assert blank.data_version == set_up.data_version == 1

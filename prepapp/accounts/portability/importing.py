"""Writing an export file into an account: all or nothing, nothing twice.

Three passes. `_plan` reads and checks every value of the file and writes nothing.
`_build` matches the rows against what the account already holds and builds every new
object, with its HTML and feedback findings, still writing nothing. `_write` inserts
them with bulk_create in one short transaction. Only `_write` holds SQLite's write lock (see bulk.py),
so even the largest import allowed keeps other users' writes waiting well under a second.

Rows carrying a uid (version 2 files) are matched on it, so two rows alike in content
(a cancelled mock and its replacement in the same slot) stay two. Rows without one
(version 1 files) are matched on their content, as those files always were.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from prepapp.accounts.data_version import data_version_bump
from prepapp.accounts.models import User, time_zone_default
from prepapp.accounts.portability.bulk import (
    Statement,
    ids_reserve,
    insert_statements,
    statements_run,
)
from prepapp.accounts.portability.format import (
    MAX_LINKS,
    MAX_REVIEW_LOGS,
    ROW_LIMITS,
    ImportRefused,
    ImportSummary,
    limits_text,
)
from prepapp.accounts.portability.reader import FileReader, file_parse
from prepapp.accounts.timezones import time_zone_names
from prepapp.checklist.models import NOTE_MAX_LENGTH, ItemState, OwnItem
from prepapp.checklist.models import TEXT_MAX_LENGTH as ITEM_TEXT_MAX_LENGTH
from prepapp.library.models import ChecklistItem, MistakePair, Question, Round, Topic
from prepapp.mocks.models import MINUTES_MAX, RATING_MAX, TEXT_MAX_LENGTH, MockInterview
from prepapp.practice.answers import answer_findings_compute
from prepapp.practice.markdown import markdown_render_many
from prepapp.practice.models import (
    BODY_MAX_LENGTH,
    MAX_SECONDS,
    Answer,
    Finding,
    ReviewCard,
    ReviewLog,
    UserQuestion,
    question_text_key,
)
from prepapp.practice.rubric import score_average
from prepapp.practice.scheduling import card_state_check

BATCH_SIZE = 500
REF_MAX_LENGTH = 40
CARD_STATE_MAX_CHARS = 4000
REVIEW_COUNT_MAX = 100_000


def _field_max(model: type[models.Model], name: str) -> int:
    return model._meta.get_field(name).max_length


def data_import(user, raw: bytes | str) -> ImportSummary:
    """Validate the whole file, then write it in one transaction; raises ImportRefused."""
    payload = file_parse(raw)
    errors: list[str] = []
    r = FileReader(errors)
    pack = {
        "topics": Topic.objects.in_bulk(field_name="slug"),
        "rounds": Round.objects.in_bulk(field_name="slug"),
        "questions": Question.objects.select_related("round", "topic").in_bulk(field_name="slug"),
        "mistakes": MistakePair.objects.in_bulk(field_name="slug"),
        "items": ChecklistItem.objects.in_bulk(field_name="slug"),
    }
    plan = _plan(r, payload, pack)
    if errors:
        raise ImportRefused(errors)
    rows = _build(user, plan)
    statements = _statements(rows)
    try:
        _write(user, rows.profile_fields, statements)
    except IntegrityError:
        # Only a write racing this import (a second tab importing the same file, a
        # practice answer creating the same review card) gets here; nothing was written.
        raise ImportRefused(
            ["Your data changed while the file was imported. Nothing was imported: try again."]
        ) from None
    return rows.summary


# ---------------------------------------------------------------- reading the file


def _time_zone(r: FileReader, profile: dict) -> str:
    name = r.text(profile, "time_zone", "profile", _field_max(User, "time_zone"))
    if name and name not in time_zone_names():
        r.fail("profile.time_zone", f"“{name}” is not a time zone")
        return ""
    return name


def _plan(r: FileReader, payload: dict, pack: dict) -> dict:
    """Read every row into plain values, recording problems; writes nothing."""
    profile = r.obj(payload.get("profile", {}), "profile")
    checklist = r.obj(payload.get("checklist", {}), "checklist")
    practice = r.obj(payload.get("practice", {}), "practice")
    plan: dict = {
        "display_name": r.text(
            profile, "display_name", "profile", _field_max(User, "display_name")
        ),
        "interview_date": r.day(profile, "interview_date", "profile"),
        "time_zone": _time_zone(r, profile),
        "own_items": {},
        "states": [],
        "own_questions": {},
        "answers": {},
        "cards": [],
        "mocks": [],
        "pairs": pack["mistakes"],
    }
    links = 0
    _plan_checklist(r, checklist, pack, plan)
    _plan_own_questions(r, practice, pack, plan)
    links += _plan_answers(r, practice, pack, plan)
    _plan_cards(r, practice, pack, plan)
    links += _plan_mocks(r, payload, pack, plan)
    if links > MAX_LINKS:
        r.fail(
            "file",
            f"has {links:,} links (tagged mistakes, a mock's questions, answers and "
            f"mistakes), at most {MAX_LINKS:,}: {limits_text()}",
        )
    return plan


def _rows(r: FileReader, parent: dict, key: str, where: str) -> list[dict]:
    return r.rows(parent, key, where, ROW_LIMITS[f"{where}.{key}" if where else key])


def _ref(r: FileReader, row: dict, where: str, seen: dict) -> str:
    ref = r.text(row, "ref", where, REF_MAX_LENGTH, required=True)
    r.once(seen, ref or None, f"{where}.ref", "ref")
    return ref


def _plan_checklist(r: FileReader, checklist: dict, pack: dict, plan: dict) -> None:
    refs, uids = {}, {}
    for n, row in enumerate(_rows(r, checklist, "own_items", "checklist")):
        where = f"checklist.own_items[{n}]"
        ref = _ref(r, row, where, refs)
        uid = r.uid(row, where)
        r.once(uids, uid, f"{where}.uid", "uid")
        plan["own_items"][ref] = {
            "uid": uid,
            "topic": r.slug(row, "topic", where, pack["topics"], required=True),
            "text": r.text(row, "text", where, ITEM_TEXT_MAX_LENGTH, required=True),
            "created_at": r.moment(row, "created_at", where),
        }
    ticked: dict = {}
    for n, row in enumerate(_rows(r, checklist, "states", "checklist")):
        where = f"checklist.states[{n}]"
        item = r.slug(row, "item", where, pack["items"])
        own = r.ref(row, "own_item", where, plan["own_items"])
        if (item is None) == (own is None):
            r.fail(where, "must name exactly one of item and own_item")
        own_ref = row.get("own_item") if own else None
        # The database holds one tick per item: a second row would be silently dropped.
        r.once(ticked, (item.pk if item else None, own_ref), where, "item")
        plan["states"].append(
            {
                "item": item,
                "own_item": own_ref,
                "ticked_at": r.moment(row, "ticked_at", where),
                "note": r.text(row, "note", where, NOTE_MAX_LENGTH),
            }
        )


def _plan_own_questions(r: FileReader, practice: dict, pack: dict, plan: dict) -> None:
    refs, uids = {}, {}
    for n, row in enumerate(_rows(r, practice, "own_questions", "practice")):
        where = f"practice.own_questions[{n}]"
        ref = _ref(r, row, where, refs)
        uid = r.uid(row, where)
        r.once(uids, uid, f"{where}.uid", "uid")
        plan["own_questions"][ref] = {
            "uid": uid,
            "text": r.text(row, "text", where, _field_max(UserQuestion, "text"), required=True),
            "round": r.slug(row, "round", where, pack["rounds"]),
            "topic": r.slug(row, "topic", where, pack["topics"]),
            "created_at": r.moment(row, "created_at", where),
        }


def _plan_answers(r: FileReader, practice: dict, pack: dict, plan: dict) -> int:
    refs, uids, links = {}, {}, 0
    for n, row in enumerate(_rows(r, practice, "answers", "practice")):
        where = f"practice.answers[{n}]"
        ref = _ref(r, row, where, refs)
        uid = r.uid(row, where)
        r.once(uids, uid, f"{where}.uid", "uid")
        question = r.slug(row, "question", where, pack["questions"])
        own = r.ref(row, "own_question", where, plan["own_questions"])
        if (question is None) == (own is None):
            r.fail(where, "must name exactly one of question and own_question")
        mistakes = list(dict.fromkeys(r.slugs(row, "mistakes", where, pack["mistakes"])))
        links += len(mistakes)
        plan["answers"][ref] = {
            "uid": uid,
            "question": question,
            "own_question": row.get("own_question") if own else None,
            "body": r.text(row, "body", where, BODY_MAX_LENGTH, required=True),
            "seconds_spent": r.integer(row, "seconds_spent", where, 0, MAX_SECONDS),
            "scores": r.scores(row, where),
            "mistakes": mistakes,
            "created_at": r.moment(row, "created_at", where, required=True),
        }
    return links


def _plan_cards(r: FileReader, practice: dict, pack: dict, plan: dict) -> None:
    per_question: dict = {}
    log_count = 0
    for n, row in enumerate(_rows(r, practice, "review_cards", "practice")):
        where = f"practice.review_cards[{n}]"
        question = r.slug(row, "question", where, pack["questions"])
        own = r.ref(row, "own_question", where, plan["own_questions"])
        if (question is None) == (own is None):
            r.fail(where, "must name exactly one of question and own_question")
        own_ref = row.get("own_question") if own else None
        # One card per question: a second would be silently dropped.
        r.once(per_question, (question.pk if question else None, own_ref), where, "question")
        logs = []
        for k, log in enumerate(r.rows(row, "logs", where, MAX_REVIEW_LOGS)):
            log_where = f"{where}.logs[{k}]"
            logs.append(
                {
                    "rating": r.integer(
                        log,
                        "rating",
                        log_where,
                        ReviewLog.Rating.AGAIN,
                        ReviewLog.Rating.EASY,
                        required=True,
                    ),
                    "reviewed_at": r.moment(log, "reviewed_at", log_where, required=True),
                    "due_after": r.moment(log, "due_after", log_where, required=True),
                    "answer": log.get("answer")
                    if r.ref(log, "answer", log_where, plan["answers"])
                    else None,
                }
            )
        log_count += len(logs)
        plan["cards"].append(
            {
                "question": question,
                "own_question": own_ref,
                "due": r.moment(row, "due", where, required=True),
                "state": _card_state(r, row, where),
                "last_reviewed_at": r.moment(row, "last_reviewed_at", where),
                "review_count": r.integer(row, "review_count", where, 0, REVIEW_COUNT_MAX) or 0,
                "logs": logs,
            }
        )
    if log_count > MAX_REVIEW_LOGS:
        r.fail(
            "practice.review_cards",
            f"has {log_count:,} review log rows in all, at most {MAX_REVIEW_LOGS:,}: "
            f"{limits_text()}",
        )


def _card_state(r: FileReader, row: dict, where: str) -> dict:
    """The card's fsrs state, refused unless grading the card later would work."""
    state = row.get("state", {})
    if not isinstance(state, dict) or len(str(state)) > CARD_STATE_MAX_CHARS:
        r.fail(f"{where}.state", "must be a small object")
        return {}
    try:
        return card_state_check(state)
    except ValueError:
        r.fail(f"{where}.state", "is not a review schedule prepapp can grade (fsrs card state)")
        return {}


def _plan_mocks(r: FileReader, payload: dict, pack: dict, plan: dict) -> int:
    statuses = set(MockInterview.Status.values)
    formats = set(MockInterview.Format.values)
    uids, links = {}, 0
    for n, row in enumerate(_rows(r, payload, "mocks", "")):
        where = f"mocks[{n}]"
        uid = r.uid(row, where)
        r.once(uids, uid, f"{where}.uid", "uid")
        status = row.get("status", MockInterview.Status.SCHEDULED)
        if not isinstance(status, str) or status not in statuses:
            r.fail(f"{where}.status", f"must be one of {', '.join(sorted(statuses))}")
        format_ = row.get("format", MockInterview.Format.PEER)
        if not isinstance(format_, str) or format_ not in formats:
            r.fail(f"{where}.format", f"must be one of {', '.join(sorted(formats))}")
        answer_refs = row.get("answers", [])
        if not isinstance(answer_refs, list):
            r.fail(f"{where}.answers", "must be a list")
            answer_refs = []
        for k, ref in enumerate(answer_refs):
            r.ref_value(ref, f"{where}.answers[{k}]", plan["answers"])
        answers = list(dict.fromkeys(ref for ref in answer_refs if isinstance(ref, str)))
        questions = list(dict.fromkeys(r.slugs(row, "questions", where, pack["questions"])))
        mistakes = list(dict.fromkeys(r.slugs(row, "mistakes", where, pack["mistakes"])))
        links += len(answers) + len(questions) + len(mistakes)
        plan["mocks"].append(
            {
                "uid": uid,
                "round": r.slug(row, "round", where, pack["rounds"], required=True),
                "scheduled_at": r.moment(row, "scheduled_at", where, required=True),
                "status": status,
                "format": format_,
                "interviewer": r.text(
                    row, "interviewer", where, _field_max(MockInterview, "interviewer")
                ),
                "minutes": r.integer(row, "minutes", where, 1, MINUTES_MAX),
                "questions": questions,
                "typed_questions": r.text(row, "typed_questions", where, TEXT_MAX_LENGTH),
                "answers": answers,
                "overall_rating": r.integer(row, "overall_rating", where, 1, RATING_MAX),
                "scores": r.scores(row, where),
                "strengths": r.text(row, "strengths", where, TEXT_MAX_LENGTH),
                "improvements": r.text(row, "improvements", where, TEXT_MAX_LENGTH),
                "mistakes": mistakes,
            }
        )
    return links


# ---------------------------------------------------------------- building the rows


@dataclass
class _Rows:
    """Every object the import adds, unsaved, in the order their foreign keys need."""

    summary: ImportSummary = field(default_factory=ImportSummary)
    profile_fields: list[str] = field(default_factory=list)
    own_items: list[OwnItem] = field(default_factory=list)
    states: list[ItemState] = field(default_factory=list)
    own_questions: list[UserQuestion] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    answer_tags: list[models.Model] = field(default_factory=list)
    cards: list[ReviewCard] = field(default_factory=list)
    logs: list[ReviewLog] = field(default_factory=list)
    mocks: list[MockInterview] = field(default_factory=list)
    mock_questions: list[models.Model] = field(default_factory=list)
    mock_answers: list[models.Model] = field(default_factory=list)
    mock_mistakes: list[models.Model] = field(default_factory=list)

    def count(self, kind: str, added: bool) -> None:
        target = self.summary.added if added else self.summary.skipped
        target[kind] = target.get(kind, 0) + 1


def _key(question, own) -> tuple:
    """Which question a tick, answer or card is about: a saved row's id or a new object."""
    if question is not None:
        return ("q", question.pk)
    return ("own", own.pk) if own.pk is not None else ("new", id(own))


def _build(user, plan: dict) -> _Rows:
    """Match the plan against the account and build what it adds; reads only."""
    rows = _Rows()
    now = timezone.now()
    if plan["display_name"] and not user.display_name:
        user.display_name = plan["display_name"]
        rows.profile_fields.append("display_name")
    if plan["interview_date"] and not user.interview_date:
        user.interview_date = plan["interview_date"]
        rows.profile_fields.append("interview_date")
    # Like the fields above, the file fills what the account has not set: a zone still the
    # site's default. A zone the user picked stands.
    if plan["time_zone"] and user.time_zone == time_zone_default():
        user.time_zone = plan["time_zone"]
        rows.profile_fields.append("time_zone")

    own_items = _build_own_items(user, plan, rows, now)
    ticked = {
        ("q", item) if item else ("own", own)
        for item, own in ItemState.objects.for_user(user).values_list("item_id", "own_item_id")
    }
    for row in plan["states"]:
        own = own_items.get(row["own_item"])
        key = _key(row["item"], own)
        rows.count("checklist ticks and notes", key not in ticked)
        if key not in ticked:
            ticked.add(key)
            rows.states.append(
                ItemState(
                    user=user,
                    item=row["item"],
                    own_item=own,
                    ticked_at=row["ticked_at"],
                    note=row["note"],
                )
            )

    own_questions = _build_own_questions(user, plan, rows, now)
    answers = _build_answers(user, plan, rows, own_questions)
    _build_cards(user, plan, rows, own_questions, answers, now)
    _build_mocks(user, plan, rows, answers)
    return rows


def _build_own_items(user, plan: dict, rows: _Rows, now) -> dict[str, OwnItem]:
    existing = list(OwnItem.objects.for_user(user).only("pk", "uid", "topic_id", "text"))
    by_uid = {i.uid: i for i in existing}
    by_content = {(i.topic_id, i.text): i for i in existing}
    found: dict[str, OwnItem] = {}
    for ref, row in plan["own_items"].items():
        content = (row["topic"].pk, row["text"])
        item = by_uid.get(row["uid"]) if row["uid"] else by_content.get(content)
        rows.count("checklist items", item is None)
        if item is None:
            item = OwnItem(
                user=user,
                uid=row["uid"] or uuid.uuid4(),
                topic=row["topic"],
                text=row["text"],
                created_at=row["created_at"] or now,
            )
            rows.own_items.append(item)
            by_uid[item.uid] = by_content[content] = item
        found[ref] = item
    return found


def _build_own_questions(user, plan: dict, rows: _Rows, now) -> dict[str, UserQuestion]:
    # round and topic: the feedback checks of an answer to an own question read them.
    existing = list(UserQuestion.objects.for_user(user).select_related("round", "topic"))
    by_uid = {q.uid: q for q in existing}
    # Also matched on their text, whitespace and case aside, whatever the uid: the table's
    # unique (user, text_key) constraint holds one question per text.
    by_key = {q.text_key: q for q in existing}
    found: dict[str, UserQuestion] = {}
    for ref, row in plan["own_questions"].items():
        key = question_text_key(row["text"])
        question = by_uid.get(row["uid"]) or by_key.get(key)
        rows.count("own questions", question is None)
        if question is None:
            question = UserQuestion(
                user=user,
                uid=row["uid"] or uuid.uuid4(),
                text=row["text"],
                round=row["round"],
                topic=row["topic"],
                created_at=row["created_at"] or now,
            )
            rows.own_questions.append(question)
            by_uid[question.uid] = by_key[key] = question
        found[ref] = question
    return found


def _build_answers(user, plan: dict, rows: _Rows, own_questions: dict) -> dict[str, Answer]:
    mine = Answer.objects.for_user(user)
    by_uid = dict(mine.values_list("uid", "pk"))
    by_content = {}
    if any(row["uid"] is None for row in plan["answers"].values()):  # a version 1 file
        by_content = {
            (q, own, when, body): pk
            for pk, q, own, when, body in mine.values_list(
                "pk", "question_id", "user_question_id", "created_at", "body"
            )
        }
    Tag = Answer.mistakes.through
    pairs = plan["pairs"]  # findings name the mistake pair they match by slug
    found: dict[str, Answer] = {}
    for ref, row in plan["answers"].items():
        own = own_questions.get(row["own_question"])
        if row["uid"]:
            pk = by_uid.get(row["uid"])
        else:
            question_id = row["question"].pk if row["question"] else None
            content = (question_id, own.pk if own else None, row["created_at"], row["body"])
            pk = by_content.get(content) if own is None or own.pk else None
        rows.count("answers", pk is None)
        if pk is not None:
            found[ref] = Answer(pk=pk, user=user, question=row["question"], user_question=own)
            continue
        answer = Answer(
            user=user,
            uid=row["uid"] or uuid.uuid4(),
            question=row["question"],
            user_question=own,
            body=row["body"],
            seconds_spent=row["seconds_spent"],
            created_at=row["created_at"],
            **row["scores"],
        )
        answer.score_avg = score_average(answer)
        findings = answer_findings_compute(answer)
        answer.finding_count = len(findings)
        rows.answers.append(answer)
        rows.findings += [
            Finding(
                answer=answer,
                code=f.code,
                message=f.message,
                mistake=pairs.get(f.mistake_slug or ""),
                evidence=list(f.evidence),
            )
            for f in findings
        ]
        rows.answer_tags += [Tag(answer=answer, mistakepair=pair) for pair in row["mistakes"]]
        found[ref] = answer
    for answer, html in zip(
        rows.answers, markdown_render_many([a.body for a in rows.answers]), strict=True
    ):
        answer.body_html = html
    return found


def _build_cards(user, plan, rows: _Rows, own_questions, answers, now) -> None:
    carded = {
        ("q", q) if q else ("own", own)
        for q, own in ReviewCard.objects.for_user(user).values_list(
            "question_id", "user_question_id"
        )
    }
    for row in plan["cards"]:
        own = own_questions.get(row["own_question"])
        key = _key(row["question"], own)
        rows.count("review cards", key not in carded)
        if key in carded:
            continue  # an existing card keeps its own schedule
        carded.add(key)
        card = ReviewCard(
            user=user,
            question=row["question"],
            user_question=own,
            due=row["due"],
            state=row["state"],
            last_reviewed_at=row["last_reviewed_at"],
            review_count=row["review_count"],
        )
        rows.cards.append(card)
        rows.logs += [
            ReviewLog(
                card=card,
                answer=answers[log["answer"]] if log["answer"] else None,
                rating=log["rating"],
                reviewed_at=log["reviewed_at"],
                due_after=log["due_after"],
            )
            for log in row["logs"]
        ]
    # A card for every answered question, as practising would have made.
    for answer in answers.values():
        key = _key(answer.question, answer.user_question)
        if key not in carded:
            carded.add(key)
            rows.cards.append(
                ReviewCard(
                    user=user,
                    question=answer.question,
                    user_question=answer.user_question,
                    due=now,
                )
            )


def _build_mocks(user, plan, rows: _Rows, answers: dict) -> None:
    existing = list(
        MockInterview.objects.for_user(user).values_list("uid", "round_id", "scheduled_at")
    )
    by_uid = {uid for uid, _r, _w in existing}
    by_content = {(r, when) for _u, r, when in existing}
    MockQuestion = MockInterview.questions.through
    MockAnswer = MockInterview.answers.through
    MockMistake = MockInterview.mistakes.through
    for row in plan["mocks"]:
        content = (row["round"].pk, row["scheduled_at"])
        present = row["uid"] in by_uid if row["uid"] else content in by_content
        rows.count("mock interviews", not present)
        if present:
            continue
        mock = MockInterview(
            user=user,
            uid=row["uid"] or uuid.uuid4(),
            round=row["round"],
            scheduled_at=row["scheduled_at"],
            status=row["status"],
            format=row["format"],
            interviewer=row["interviewer"],
            minutes=row["minutes"] or row["round"].typical_minutes,
            typed_questions=row["typed_questions"],
            overall_rating=row["overall_rating"],
            strengths=row["strengths"],
            improvements=row["improvements"],
            **row["scores"],
        )
        mock.score_avg = score_average(mock)
        by_uid.add(mock.uid)
        by_content.add(content)
        rows.mocks.append(mock)
        rows.mock_questions += [
            MockQuestion(mockinterview=mock, question=q) for q in row["questions"]
        ]
        rows.mock_answers += [
            MockAnswer(mockinterview=mock, answer=answers[ref]) for ref in row["answers"]
        ]
        rows.mock_mistakes += [
            MockMistake(mockinterview=mock, mistakepair=p) for p in row["mistakes"]
        ]


# ---------------------------------------------------------------- writing


def _statements(rows: _Rows) -> list[Statement]:
    """Every INSERT of the import, parents before the rows that point at them."""
    parents = [
        (OwnItem, rows.own_items),
        (UserQuestion, rows.own_questions),
        (Answer, rows.answers),
        (ReviewCard, rows.cards),
        (MockInterview, rows.mocks),
    ]
    ids = ids_reserve({model: len(objects) for model, objects in parents})
    for model, objects in parents:
        for obj, pk in zip(objects, ids[model], strict=True):
            obj.pk = pk
    statements: list[Statement] = []
    for model, objects in [
        (OwnItem, rows.own_items),
        (ItemState, rows.states),
        (UserQuestion, rows.own_questions),
        (Answer, rows.answers),
        (Finding, rows.findings),
        (Answer.mistakes.through, rows.answer_tags),
        (ReviewCard, rows.cards),
        (ReviewLog, rows.logs),
        (MockInterview, rows.mocks),
        (MockInterview.questions.through, rows.mock_questions),
        (MockInterview.answers.through, rows.mock_answers),
        (MockInterview.mistakes.through, rows.mock_mistakes),
    ]:
        statements += insert_statements(model, objects, BATCH_SIZE)
    return statements


def _write(user, profile_fields: list[str], statements: list[Statement]) -> None:
    """The import's one short transaction: only finished statements run inside it."""
    with transaction.atomic():
        if profile_fields:
            user.save(update_fields=profile_fields)
        statements_run(statements)
        data_version_bump(user)


def account_delete(user) -> None:
    """Delete the user and, through the foreign keys' CASCADE, every row they own."""
    with transaction.atomic():
        user.delete()

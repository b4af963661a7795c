"""The import's second pass: the plan matched against the account, new objects built.

`rows_build` reads what the account already holds (one query per kind), skips what is
there (by uid, or by content for version 1 files) and builds every new object, with its
HTML and feedback findings, unsaved. See importing.py for the three passes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone

from prepapp.accounts.models import time_zone_default
from prepapp.checklist.models import ItemState, OwnItem
from prepapp.library.rubric import score_average
from prepapp.mocks.models import MockInterview
from prepapp.portability.format import ImportSummary
from prepapp.practice.answers import answer_findings_compute
from prepapp.practice.markdown import markdown_render_many
from prepapp.practice.models import (
    Answer,
    Finding,
    ReviewCard,
    ReviewLog,
    UserQuestion,
    question_text_key,
)


@dataclass
class ImportRows:
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


def rows_build(user, plan: dict) -> ImportRows:
    """Match the plan against the account and build what it adds; reads only."""
    rows = ImportRows()
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


def _build_own_items(user, plan: dict, rows: ImportRows, now) -> dict[str, OwnItem]:
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


def _build_own_questions(user, plan: dict, rows: ImportRows, now) -> dict[str, UserQuestion]:
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


def _build_answers(user, plan: dict, rows: ImportRows, own_questions: dict) -> dict[str, Answer]:
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


def _build_cards(user, plan, rows: ImportRows, own_questions, answers, now) -> None:
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


def _build_mocks(user, plan, rows: ImportRows, answers: dict) -> None:
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

"""Writing an export file into an account: all or nothing, nothing twice."""

from __future__ import annotations

import json

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from prepapp.accounts.models import User
from prepapp.accounts.portability.format import ImportRefused, ImportSummary
from prepapp.accounts.portability.reader import FileReader, file_parse
from prepapp.checklist.models import ItemState, OwnItem
from prepapp.library.models import ChecklistItem, MistakePair, Question, Round, Topic
from prepapp.mocks.models import MockInterview
from prepapp.practice.answers import answer_findings_compute
from prepapp.practice.markdown import markdown_render
from prepapp.practice.models import (
    BODY_MAX_LENGTH,
    MAX_SECONDS,
    Answer,
    Finding,
    ReviewCard,
    ReviewLog,
    UserQuestion,
)
from prepapp.practice.rubric import score_average


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
    with transaction.atomic():
        summary = _write(user, plan)
    # Imports also run outside a request (seed_demo), where no middleware sees them.
    User.objects.filter(pk=user.pk).update(data_version=F("data_version") + 1)
    return summary


def _plan(r: FileReader, payload: dict, pack: dict) -> dict:
    """Read every row into plain values, recording problems; writes nothing."""
    profile = r.obj(payload.get("profile", {}), "profile")
    checklist = r.obj(payload.get("checklist", {}), "checklist")
    practice = r.obj(payload.get("practice", {}), "practice")
    plan: dict = {
        "display_name": r.text(profile, "display_name", "profile", 80),
        "interview_date": r.day(profile, "interview_date", "profile"),
        "own_items": {},
        "states": [],
        "own_questions": {},
        "answers": {},
        "cards": [],
        "mocks": [],
    }
    for n, row in enumerate(r.rows(checklist, "own_items", "checklist")):
        where = f"checklist.own_items[{n}]"
        ref = r.text(row, "ref", where, 40, required=True)
        plan["own_items"][ref] = {
            "topic": r.slug(row, "topic", where, pack["topics"], required=True),
            "text": r.text(row, "text", where, 300, required=True),
            "created_at": r.moment(row, "created_at", where),
        }
    for n, row in enumerate(r.rows(checklist, "states", "checklist")):
        where = f"checklist.states[{n}]"
        item = r.slug(row, "item", where, pack["items"])
        own = r.ref(row, "own_item", where, plan["own_items"])
        if (item is None) == (own is None):
            r.fail(where, "must name exactly one of item and own_item")
        plan["states"].append(
            {
                "item": item,
                "own_item": row.get("own_item") if own else None,
                "ticked_at": r.moment(row, "ticked_at", where),
                "note": r.text(row, "note", where, 2000),
            }
        )
    for n, row in enumerate(r.rows(practice, "own_questions", "practice")):
        where = f"practice.own_questions[{n}]"
        ref = r.text(row, "ref", where, 40, required=True)
        plan["own_questions"][ref] = {
            "text": r.text(row, "text", where, 1000, required=True),
            "round": r.slug(row, "round", where, pack["rounds"]),
            "topic": r.slug(row, "topic", where, pack["topics"]),
            "created_at": r.moment(row, "created_at", where),
        }
    for n, row in enumerate(r.rows(practice, "answers", "practice")):
        where = f"practice.answers[{n}]"
        ref = r.text(row, "ref", where, 40, required=True)
        question = r.slug(row, "question", where, pack["questions"])
        own = r.ref(row, "own_question", where, plan["own_questions"])
        if (question is None) == (own is None):
            r.fail(where, "must name exactly one of question and own_question")
        plan["answers"][ref] = {
            "question": question,
            "own_question": row.get("own_question") if own else None,
            "body": r.text(row, "body", where, BODY_MAX_LENGTH, required=True),
            "seconds_spent": r.integer(row, "seconds_spent", where, 0, MAX_SECONDS),
            "scores": r.scores(row, where),
            "mistakes": r.slugs(row, "mistakes", where, pack["mistakes"]),
            "created_at": r.moment(row, "created_at", where, required=True),
        }
    for n, row in enumerate(r.rows(practice, "review_cards", "practice")):
        where = f"practice.review_cards[{n}]"
        question = r.slug(row, "question", where, pack["questions"])
        own = r.ref(row, "own_question", where, plan["own_questions"])
        if (question is None) == (own is None):
            r.fail(where, "must name exactly one of question and own_question")
        logs = []
        for k, log in enumerate(r.rows(row, "logs", where)):
            log_where = f"{where}.logs[{k}]"
            logs.append(
                {
                    "rating": r.integer(log, "rating", log_where, 1, 4) or 3,
                    "reviewed_at": r.moment(log, "reviewed_at", log_where, required=True),
                    "due_after": r.moment(log, "due_after", log_where, required=True),
                    "answer": log.get("answer")
                    if r.ref(log, "answer", log_where, plan["answers"])
                    else None,
                }
            )
        state = row.get("state", {})
        if not isinstance(state, dict) or len(json.dumps(state)) > 4000:
            r.fail(f"{where}.state", "must be a small object")
            state = {}
        plan["cards"].append(
            {
                "question": question,
                "own_question": row.get("own_question") if own else None,
                "due": r.moment(row, "due", where, required=True),
                "state": state,
                "last_reviewed_at": r.moment(row, "last_reviewed_at", where),
                "review_count": r.integer(row, "review_count", where, 0, 100_000) or 0,
                "logs": logs,
            }
        )
    statuses = set(MockInterview.Status.values)
    formats = set(MockInterview.Format.values)
    for n, row in enumerate(r.rows(payload, "mocks", "")):
        where = f"mocks[{n}]"
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
            r.ref({"v": ref}, "v", f"{where}.answers[{k}]", plan["answers"])
        plan["mocks"].append(
            {
                "round": r.slug(row, "round", where, pack["rounds"], required=True),
                "scheduled_at": r.moment(row, "scheduled_at", where, required=True),
                "status": status,
                "format": format_,
                "interviewer": r.text(row, "interviewer", where, 120),
                "minutes": r.integer(row, "minutes", where, 1, 480),
                "questions": r.slugs(row, "questions", where, pack["questions"]),
                "typed_questions": r.text(row, "typed_questions", where, 4000),
                "answers": [ref for ref in answer_refs if isinstance(ref, str)],
                "overall_rating": r.integer(row, "overall_rating", where, 1, 5),
                "scores": r.scores(row, where),
                "strengths": r.text(row, "strengths", where, 4000),
                "improvements": r.text(row, "improvements", where, 4000),
                "mistakes": r.slugs(row, "mistakes", where, pack["mistakes"]),
            }
        )
    return plan


def _count(summary: ImportSummary, kind: str, added: bool) -> None:
    target = summary.added if added else summary.skipped
    target[kind] = target.get(kind, 0) + 1


def _write(user, plan: dict) -> ImportSummary:
    summary = ImportSummary()
    now = timezone.now()
    if plan["display_name"] and not user.display_name:
        user.display_name = plan["display_name"]
    if plan["interview_date"] and not user.interview_date:
        user.interview_date = plan["interview_date"]
    user.save(update_fields=["display_name", "interview_date"])

    # Checklist: own items match on (topic, text); states are upserts per item.
    existing_items = {(i.topic_id, i.text): i for i in OwnItem.objects.for_user(user)}
    own_items: dict[str, OwnItem] = {}
    for ref, row in plan["own_items"].items():
        key = (row["topic"].pk, row["text"])
        item = existing_items.get(key)
        _count(summary, "checklist items", item is None)
        if item is None:
            item = OwnItem.objects.create(user=user, topic=row["topic"], text=row["text"])
            existing_items[key] = item
        own_items[ref] = item
    states = {(s.item_id, s.own_item_id): s for s in ItemState.objects.for_user(user)}
    for row in plan["states"]:
        item, own = row["item"], own_items.get(row["own_item"])
        key = (item.pk if item else None, own.pk if own else None)
        state = states.get(key)
        _count(summary, "checklist ticks and notes", state is None)
        if state is None:
            states[key] = ItemState.objects.create(
                user=user, item=item, own_item=own, ticked_at=row["ticked_at"], note=row["note"]
            )

    # Own questions match on their text.
    existing_questions = {
        q.text: q for q in UserQuestion.objects.for_user(user).select_related("round", "topic")
    }
    own_questions: dict[str, UserQuestion] = {}
    for ref, row in plan["own_questions"].items():
        question = existing_questions.get(row["text"])
        _count(summary, "own questions", question is None)
        if question is None:
            question = UserQuestion.objects.create(
                user=user, text=row["text"], round=row["round"], topic=row["topic"]
            )
            existing_questions[row["text"]] = question
        own_questions[ref] = question

    # Answers match on (question, time written, text): the same attempt, not a new one.
    existing_answers = {
        (a.question_id, a.user_question_id, a.created_at, a.body): a
        for a in Answer.objects.for_user(user)
    }
    answers: dict[str, Answer] = {}
    new_answers: list[tuple[Answer, dict]] = []
    for ref, row in plan["answers"].items():
        own = own_questions.get(row["own_question"])
        key = (row["question"].pk if row["question"] else None, own.pk if own else None)
        found = existing_answers.get((*key, row["created_at"], row["body"]))
        _count(summary, "answers", found is None)
        if found is not None:
            answers[ref] = found
            continue
        answer = Answer(
            user=user,
            question=row["question"],
            user_question=own,
            body=row["body"],
            body_html=markdown_render(row["body"]),
            seconds_spent=row["seconds_spent"],
            **row["scores"],
        )
        answers[ref] = answer
        new_answers.append((answer, row))
    _answers_bulk_create(new_answers)

    # Review cards: one per question; an existing card keeps its own schedule.
    cards = {(c.question_id, c.user_question_id): c for c in ReviewCard.objects.for_user(user)}
    for row in plan["cards"]:
        own = own_questions.get(row["own_question"])
        key = (row["question"].pk if row["question"] else None, own.pk if own else None)
        card = cards.get(key)
        _count(summary, "review cards", card is None)
        if card is not None:
            continue
        card = ReviewCard.objects.create(
            user=user,
            question=row["question"],
            user_question=own,
            due=row["due"],
            state=row["state"],
            last_reviewed_at=row["last_reviewed_at"],
            review_count=row["review_count"],
        )
        cards[key] = card
        logs = ReviewLog.objects.bulk_create(
            ReviewLog(
                card=card,
                answer=answers.get(log["answer"]) if log["answer"] else None,
                rating=log["rating"],
                due_after=log["due_after"],
            )
            for log in row["logs"]
        )
        for log, data in zip(logs, row["logs"], strict=True):
            log.reviewed_at = data["reviewed_at"]
        ReviewLog.objects.bulk_update(logs, ["reviewed_at"])
    # A card for every answered question, as practising would have made.
    for answer in answers.values():
        key = (answer.question_id, answer.user_question_id)
        if key not in cards:
            cards[key] = ReviewCard.objects.create(
                user=user,
                question_id=answer.question_id,
                user_question_id=answer.user_question_id,
                due=now,
            )

    # Mocks match on (round, date and time).
    existing_mocks = {(m.round_id, m.scheduled_at) for m in MockInterview.objects.for_user(user)}
    for row in plan["mocks"]:
        key = (row["round"].pk, row["scheduled_at"])
        _count(summary, "mock interviews", key not in existing_mocks)
        if key in existing_mocks:
            continue
        existing_mocks.add(key)
        mock = MockInterview(
            user=user,
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
        mock.save()
        mock.questions.set(row["questions"])
        mock.answers.set([answers[ref] for ref in row["answers"]])
        mock.mistakes.set(row["mistakes"])
    return summary


def _answers_bulk_create(new_answers: list[tuple[Answer, dict]]) -> None:
    """Insert imported answers with their findings and tags in a few queries."""
    for answer, _row in new_answers:
        answer.score_avg = score_average(answer)
    created = Answer.objects.bulk_create([a for a, _row in new_answers], batch_size=500)
    # auto_now_add stamped "now" on insert; the attempt keeps the time it was written.
    for answer, row in zip(created, (row for _a, row in new_answers), strict=True):
        answer.created_at = row["created_at"]
    Answer.objects.bulk_update(created, ["created_at"], batch_size=500)
    findings, tags = [], []
    Tag = Answer.mistakes.through
    for answer, row in new_answers:
        found = answer_findings_compute(answer)
        answer.finding_count = len(found)
        findings.append((answer, found))
        tags += [Tag(answer_id=answer.pk, mistakepair_id=m.pk) for m in row["mistakes"]]
    slugs = {f.mistake_slug for _a, found in findings for f in found if f.mistake_slug}
    pairs = MistakePair.objects.in_bulk(slugs, field_name="slug")
    Finding.objects.bulk_create(
        [
            Finding(
                answer=answer,
                code=f.code,
                message=f.message,
                mistake=pairs.get(f.mistake_slug),
                evidence=list(f.evidence),
            )
            for answer, found in findings
            for f in found
        ],
        batch_size=500,
    )
    Answer.objects.bulk_update(created, ["finding_count", "feedback_version"], batch_size=500)
    Tag.objects.bulk_create(tags, batch_size=500)


def account_delete(user) -> None:
    """Delete the user and, through the foreign keys' CASCADE, every row they own."""
    with transaction.atomic():
        user.delete()

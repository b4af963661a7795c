"""The import's first pass: every value of the file read and checked, nothing written.

`file_plan` turns the parsed file into plain values (content-pack rows looked up by slug,
the file's own rows keyed by their refs) and records every problem on the FileReader, so
the user sees them all at once. See importing.py for the three passes.
"""

from __future__ import annotations

from django.db import models

from prepapp.accounts.models import User
from prepapp.accounts.timezones import time_zone_names
from prepapp.checklist.models import NOTE_MAX_LENGTH
from prepapp.checklist.models import TEXT_MAX_LENGTH as ITEM_TEXT_MAX_LENGTH
from prepapp.library.models import ChecklistItem, MistakePair, Question, Round, Topic
from prepapp.mocks.models import MINUTES_MAX, RATING_MAX, TEXT_MAX_LENGTH, MockInterview
from prepapp.portability.format import MAX_LINKS, MAX_REVIEW_LOGS, ROW_LIMITS, limits_text
from prepapp.portability.reader import FileReader
from prepapp.practice.models import BODY_MAX_LENGTH, MAX_SECONDS, ReviewLog, UserQuestion
from prepapp.practice.scheduling import card_state_check

REF_MAX_LENGTH = 40
CARD_STATE_MAX_CHARS = 4000
REVIEW_COUNT_MAX = 100_000


def _field_max(model: type[models.Model], name: str) -> int:
    return model._meta.get_field(name).max_length


def pack_load() -> dict:
    """The content pack's rows a file may name, by slug: one query per kind."""
    return {
        "topics": Topic.objects.in_bulk(field_name="slug"),
        "rounds": Round.objects.in_bulk(field_name="slug"),
        "questions": Question.objects.select_related("round", "topic").in_bulk(field_name="slug"),
        "mistakes": MistakePair.objects.in_bulk(field_name="slug"),
        "items": ChecklistItem.objects.in_bulk(field_name="slug"),
    }


def _time_zone(r: FileReader, profile: dict) -> str:
    name = r.text(profile, "time_zone", "profile", _field_max(User, "time_zone"))
    if name and name not in time_zone_names():
        r.fail("profile.time_zone", f"“{name}” is not a time zone")
        return ""
    return name


def file_plan(r: FileReader, payload: dict, pack: dict) -> dict:
    """Read every row into plain values, recording problems in `r`; writes nothing."""
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

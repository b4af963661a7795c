"""A user's data can leave and come back: export to JSON, import from it.

The file never carries database ids. Content-pack rows are named by their slug
(stable across installations) and the user's own rows by references local to
the file ("q1", "a7", "o3"), so a file cannot point at anybody else's rows.
An import is validated whole before anything is written, and written in one
transaction: it lands entirely or not at all. Rows already present (same
question, same time, same text) are skipped, so importing twice adds nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from prepapp.accounts.models import User
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
from prepapp.practice.rubric import ALL_DIMENSIONS, score_average, score_field

FORMAT = "prepapp-export"
VERSION = 1
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
# Dates outside these years are typos or attacks, and year 1 overflows time-zone maths.
YEARS = range(1900, 2200)


class ImportRefused(Exception):
    """The file cannot be imported; `errors` says why, each naming where in the file."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors[:5]))
        self.errors = errors


@dataclass
class ImportSummary:
    added: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value else None


def _scores(obj) -> dict[str, int]:
    return {d: v for d in ALL_DIMENSIONS if (v := getattr(obj, score_field(d))) is not None}


# ---------------------------------------------------------------- export


def data_export(user) -> dict:
    """Everything the user owns, as a JSON-ready dict (a fixed number of queries)."""
    own_items = list(OwnItem.objects.for_user(user).select_related("topic").order_by("pk"))
    own_refs = {item.pk: f"i{item.pk}" for item in own_items}
    states = ItemState.objects.for_user(user).select_related("item").order_by("pk")
    questions = list(
        UserQuestion.objects.for_user(user).select_related("round", "topic").order_by("pk")
    )
    question_refs = {q.pk: f"q{q.pk}" for q in questions}
    answers = list(
        Answer.objects.for_user(user)
        .select_related("question")
        .prefetch_related("mistakes")
        .order_by("created_at", "pk")
    )
    answer_refs = {a.pk: f"a{a.pk}" for a in answers}
    cards = (
        ReviewCard.objects.for_user(user)
        .select_related("question")
        .prefetch_related("logs")
        .order_by("pk")
    )
    mocks = (
        MockInterview.objects.for_user(user)
        .select_related("round")
        .prefetch_related("questions", "answers", "mistakes")
        .order_by("scheduled_at", "pk")
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "profile": {
            "email": user.email,
            "display_name": user.display_name,
            "interview_date": _iso(user.interview_date),
        },
        "checklist": {
            "own_items": [
                {
                    "ref": own_refs[i.pk],
                    "topic": i.topic.slug,
                    "text": i.text,
                    "created_at": _iso(i.created_at),
                }
                for i in own_items
            ],
            "states": [
                {
                    "item": s.item.slug if s.item_id else None,
                    "own_item": own_refs.get(s.own_item_id),
                    "ticked_at": _iso(s.ticked_at),
                    "note": s.note,
                }
                for s in states
            ],
        },
        "practice": {
            "own_questions": [
                {
                    "ref": question_refs[q.pk],
                    "text": q.text,
                    "round": q.round.slug if q.round_id else None,
                    "topic": q.topic.slug if q.topic_id else None,
                    "created_at": _iso(q.created_at),
                }
                for q in questions
            ],
            "answers": [
                {
                    "ref": answer_refs[a.pk],
                    "question": a.question.slug if a.question_id else None,
                    "own_question": question_refs.get(a.user_question_id),
                    "body": a.body,
                    "seconds_spent": a.seconds_spent,
                    "scores": _scores(a),
                    "mistakes": sorted(m.slug for m in a.mistakes.all()),
                    "created_at": _iso(a.created_at),
                }
                for a in answers
            ],
            "review_cards": [
                {
                    "question": c.question.slug if c.question_id else None,
                    "own_question": question_refs.get(c.user_question_id),
                    "due": _iso(c.due),
                    "state": c.state,
                    "last_reviewed_at": _iso(c.last_reviewed_at),
                    "review_count": c.review_count,
                    "logs": [
                        {
                            "rating": log.rating,
                            "reviewed_at": _iso(log.reviewed_at),
                            "due_after": _iso(log.due_after),
                            "answer": answer_refs.get(log.answer_id),
                        }
                        for log in c.logs.all()
                    ],
                }
                for c in cards
            ],
        },
        "mocks": [
            {
                "round": m.round.slug,
                "scheduled_at": _iso(m.scheduled_at),
                "status": m.status,
                "format": m.format,
                "interviewer": m.interviewer,
                "minutes": m.minutes,
                "questions": sorted(q.slug for q in m.questions.all()),
                "typed_questions": m.typed_questions,
                "answers": sorted(answer_refs[a.pk] for a in m.answers.all()),
                "overall_rating": m.overall_rating,
                "scores": _scores(m),
                "strengths": m.strengths,
                "improvements": m.improvements,
                "mistakes": sorted(p.slug for p in m.mistakes.all()),
            }
            for m in mocks
        ],
    }


def answers_markdown(user) -> str:
    """A readable copy of the user's answers, newest first."""
    answers = (
        Answer.objects.for_user(user)
        .select_related("question__round", "user_question")
        .order_by("-created_at", "-pk")
    )
    lines = [f"# prepapp answers of {user.email}", ""]
    for a in answers:
        when = timezone.localtime(a.created_at).strftime("%Y-%m-%d %H:%M")
        lines += [f"## {a.question_text}", ""]
        meta = [when]
        if a.question_id:
            meta.append(a.question.round.name)
        if a.score_avg is not None:
            meta.append(f"self-assessment {a.score_avg:.1f}/5")
        if a.seconds_spent:
            meta.append(f"{a.seconds_spent // 60} min {a.seconds_spent % 60} s")
        lines += [f"*{' · '.join(meta)}*", "", a.body.strip(), ""]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- validation


class _Reader:
    """Reads one part of the file, collecting every problem with where it is."""

    def __init__(self, errors: list[str]):
        self.errors = errors

    def fail(self, where: str, problem: str) -> None:
        if len(self.errors) < 50:
            self.errors.append(f"{where}: {problem}")

    def obj(self, value, where: str) -> dict:
        if not isinstance(value, dict):
            self.fail(where, "must be an object")
            return {}
        return value

    def rows(self, parent: dict, key: str, where: str) -> list[dict]:
        value = parent.get(key, [])
        if not isinstance(value, list):
            self.fail(f"{where}.{key}", "must be a list")
            return []
        if len(value) > MAX_ROWS:
            self.fail(f"{where}.{key}", f"has {len(value)} rows, at most {MAX_ROWS} allowed")
            return []
        return [self.obj(row, f"{where}.{key}[{n}]") for n, row in enumerate(value)]

    def text(self, row: dict, key: str, where: str, max_length: int, *, required=False) -> str:
        value = row.get(key)
        if value is None or value == "":
            if required:
                self.fail(f"{where}.{key}", "is required")
            return ""
        if not isinstance(value, str):
            self.fail(f"{where}.{key}", "must be text")
            return ""
        if len(value) > max_length:
            self.fail(f"{where}.{key}", f"is {len(value)} characters, at most {max_length}")
        if "\x00" in value:  # forms refuse it too, and PostgreSQL cannot store it
            self.fail(f"{where}.{key}", "contains a NUL character")
        return value

    def integer(self, row: dict, key: str, where: str, low: int, high: int) -> int | None:
        value = row.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(f"{where}.{key}", f"must be a whole number from {low} to {high}")
            return None
        return value

    def moment(self, row: dict, key: str, where: str, *, required=False) -> datetime | None:
        value = row.get(key)
        if value is None:
            if required:
                self.fail(f"{where}.{key}", "is required")
            return None
        try:
            parsed = parse_datetime(value) if isinstance(value, str) else None
        except ValueError:  # well-formed but impossible, like 30 February
            parsed = None
        if parsed is None or not YEARS.start <= parsed.year < YEARS.stop:
            self.fail(f"{where}.{key}", "must be a date and time (ISO 8601)")
            return None
        return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)

    def day(self, row: dict, key: str, where: str) -> date | None:
        value = row.get(key)
        if value is None:
            return None
        try:
            parsed = parse_date(value) if isinstance(value, str) else None
        except ValueError:
            parsed = None
        if parsed is None or not YEARS.start <= parsed.year < YEARS.stop:
            self.fail(f"{where}.{key}", "must be a date (YYYY-MM-DD)")
            return None
        return parsed

    def slug(self, row: dict, key: str, where: str, known: dict, *, required=False):
        value = row.get(key)
        if value is None:
            if required:
                self.fail(f"{where}.{key}", "is required")
            return None
        if not isinstance(value, str) or value not in known:
            self.fail(f"{where}.{key}", f"{value!r} is not in the content pack")
            return None
        return known[value]

    def slugs(self, row: dict, key: str, where: str, known: dict) -> list:
        value = row.get(key, [])
        if not isinstance(value, list):
            self.fail(f"{where}.{key}", "must be a list")
            return []
        found = []
        for n, slug in enumerate(value):
            found.append(self.slug({"v": slug}, "v", f"{where}.{key}[{n}]", known))
        return [f for f in found if f is not None]

    def ref(self, row: dict, key: str, where: str, known: dict):
        value = row.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or value not in known:
            # Numbers are database ids from somewhere else: never followed.
            self.fail(f"{where}.{key}", f"{value!r} does not name a row in this file")
            return None
        return known[value]

    def scores(self, row: dict, where: str) -> dict[str, int]:
        raw = self.obj(row.get("scores", {}), f"{where}.scores")
        scores = {}
        for key in raw:
            if key not in ALL_DIMENSIONS:
                self.fail(f"{where}.scores.{key}", "is not a rubric dimension")
                continue
            if (value := self.integer(raw, key, f"{where}.scores", 1, 5)) is not None:
                scores[score_field(key)] = value
        return scores


def _parse(raw: bytes | str) -> dict:
    if len(raw) > MAX_FILE_BYTES:
        raise ImportRefused([f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB."])
    try:
        payload = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise ImportRefused(
            ["The file is not JSON. Choose a file exported from prepapp."]
        ) from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise ImportRefused(["This JSON is not a prepapp export (its format field is missing)."])
    if payload.get("version") != VERSION:
        raise ImportRefused(
            [f"This export is version {payload.get('version')!r}; {VERSION} is supported."]
        )
    return payload


# ---------------------------------------------------------------- import


def data_import(user, raw: bytes | str) -> ImportSummary:
    """Validate the whole file, then write it in one transaction; raises ImportRefused."""
    payload = _parse(raw)
    errors: list[str] = []
    r = _Reader(errors)
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


def _plan(r: _Reader, payload: dict, pack: dict) -> dict:
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
                answer=answer, code=f.code, message=f.message, mistake=pairs.get(f.mistake_slug)
            )
            for answer, found in findings
            for f in found
        ],
        batch_size=500,
    )
    Answer.objects.bulk_update(created, ["finding_count"], batch_size=500)
    Tag.objects.bulk_create(tags, batch_size=500)


def account_delete(user) -> None:
    """Delete the user and, through the foreign keys' CASCADE, every row they own."""
    with transaction.atomic():
        user.delete()

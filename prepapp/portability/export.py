"""Writing a user's data out: JSON that can be imported back, and readable Markdown."""

from __future__ import annotations

import re
from datetime import date, datetime

from django.db.models import Prefetch
from django.utils import timezone

from prepapp.checklist.models import ItemState, OwnItem
from prepapp.library.rubric import ALL_DIMENSIONS, score_field
from prepapp.mocks.models import MockInterview
from prepapp.portability.format import FORMAT, VERSION
from prepapp.practice.models import (
    Answer,
    ReviewCard,
    ReviewLog,
    UserQuestion,
)
from prepapp.sharing.models import Comment


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value else None


def _scores(obj) -> dict[str, int]:
    return {d: v for d in ALL_DIMENSIONS if (v := getattr(obj, score_field(d))) is not None}


def _refs(rows: list, prefix: str) -> dict[int, str]:
    # By position, not database id: an account imported from this file exports the same
    # refs again, so export, import and export give the same file.
    return {row.pk: f"{prefix}{n}" for n, row in enumerate(rows, start=1)}


def data_export(user) -> dict:
    """Everything the user owns, as a JSON-ready dict (a fixed number of queries)."""
    own_items = list(OwnItem.objects.for_user(user).select_related("topic").order_by("pk"))
    own_refs = _refs(own_items, "i")
    states = ItemState.objects.for_user(user).select_related("item").order_by("pk")
    questions = list(
        UserQuestion.objects.for_user(user).select_related("round", "topic").order_by("pk")
    )
    question_refs = _refs(questions, "q")
    answers = list(
        Answer.objects.for_user(user)
        .select_related("question")
        .prefetch_related("mistakes")
        .order_by("created_at", "pk")
    )
    answer_refs = _refs(answers, "a")
    cards = (
        ReviewCard.objects.for_user(user)
        .select_related("question")
        .prefetch_related(
            Prefetch("logs", queryset=ReviewLog.objects.order_by("reviewed_at", "pk"))
        )
        .order_by("pk")
    )
    mocks = (
        MockInterview.objects.for_user(user)
        .select_related("round")
        .prefetch_related("questions", "answers", "mistakes")
        .order_by("scheduled_at", "pk")
    )
    # Coaches' comments on the user's answers and mocks. Written out, not imported back:
    # the coach may have no account on the instance the file goes to (see the README).
    comments = (
        Comment.objects.for_candidate(user)
        .select_related("author", "mock")
        .order_by("created_at", "pk")
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "profile": {
            "email": user.email,
            "display_name": user.display_name,
            "interview_date": _iso(user.interview_date),
            "time_zone": user.time_zone,
        },
        "checklist": {
            "own_items": [
                {
                    "ref": own_refs[i.pk],
                    "uid": str(i.uid),
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
                    "uid": str(q.uid),
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
                    "uid": str(a.uid),
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
                "uid": str(m.uid),
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
        "comments": [
            {
                "author": c.author.email,
                "answer": answer_refs.get(c.answer_id),
                "mock": str(c.mock.uid) if c.mock_id else None,
                "body": c.body,
                "created_at": _iso(c.created_at),
                "resolved_at": _iso(c.resolved_at),
            }
            for c in comments
        ],
    }


# Markdown line shapes, as Python-Markdown (the app's renderer) and CommonMark read them.
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
ATX = re.compile(r"^((?: {0,3}> ?)*) {0,3}(#{1,6})(?!#)")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+) *$")
NOT_SETEXT_TEXT = re.compile(r"^(?: {4}|\t| {0,3}(?:[-*+] |\d+[.)] |>|#|\|))")
MAX_LEVEL = 6


def headings_shift(body: str, below: int) -> str:
    """The markdown with its headings moved `below` levels down, code blocks untouched.

    An answer under a "## question" heading of the Markdown export must not open
    headings of its own at the same level: its "# Plan" becomes "### Plan" (capped
    at level 6), and a "Plan\n====" underline heading becomes "### Plan" too.
    """
    lines = body.split("\n")
    out: list[str] = []
    fence = ""
    n = 0
    while n < len(lines):
        line = lines[n]
        if fence:
            stripped = line.strip()
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = ""
            out.append(line)
        elif opening := FENCE.match(line):
            fence = opening.group(1)
            out.append(line)
        elif heading := ATX.match(line):
            quote, hashes = heading.groups()
            level = min(len(hashes) + below, MAX_LEVEL)
            out.append(quote + "#" * level + line[heading.end() :])
        elif (
            n + 1 < len(lines)
            and line.strip()
            and (n == 0 or not lines[n - 1].strip())
            and not NOT_SETEXT_TEXT.match(line)
            and (underline := SETEXT_UNDERLINE.match(lines[n + 1]))
        ):
            level = 1 if underline.group(1)[0] == "=" else 2
            out.append("#" * min(level + below, MAX_LEVEL) + " " + line.strip())
            n += 1  # the underline is gone with the heading it made
        else:
            out.append(line)
        n += 1
    return "\n".join(out)


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
        # One line: a line break in an own question would end the heading early.
        lines += [f"## {' '.join(a.question_text.split())}", ""]
        meta = [when]
        if a.question_id:
            meta.append(a.question.round.name)
        if a.score_avg is not None:
            meta.append(f"self-assessment {a.score_avg:.1f}/5")
        if a.seconds_spent:
            meta.append(f"{a.seconds_spent // 60} min {a.seconds_spent % 60} s")
        lines += [f"*{' · '.join(meta)}*", "", headings_shift(a.body.strip(), below=2), ""]
    return "\n".join(lines) + "\n"

"""Writing a user's data out: JSON that can be imported back, and readable Markdown."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from prepapp.accounts.portability.format import FORMAT, VERSION
from prepapp.checklist.models import ItemState, OwnItem
from prepapp.mocks.models import MockInterview
from prepapp.practice.models import (
    Answer,
    ReviewCard,
    UserQuestion,
)
from prepapp.practice.rubric import ALL_DIMENSIONS, score_field


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value else None


def _scores(obj) -> dict[str, int]:
    return {d: v for d in ALL_DIMENSIONS if (v := getattr(obj, score_field(d))) is not None}


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

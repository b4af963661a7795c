"""A practice session: a few questions picked one at a time, each written, checked,
self-assessed and graded, then a summary. The state lives in PracticeSession.steps."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from prepapp.library.models import Question
from prepapp.practice.models import Answer, Finding, PracticeSession, ReviewCard, UserQuestion
from prepapp.practice.picker import question_pick


def _step_done(step: dict) -> bool:
    return bool(step.get("skipped") or step.get("assessed"))


def session_current(session: PracticeSession) -> dict | None:
    """The step in progress, or None when the session is over."""
    if session.finished_at or not session.steps:
        return None
    step = session.steps[-1]
    return None if _step_done(step) else step


def session_answered_count(session: PracticeSession) -> int:
    return sum(1 for step in session.steps if step.get("answer"))


def _advance(session: PracticeSession, now=None) -> None:
    """Pick the next question, or finish when the length is reached or nothing is left."""
    now = now or timezone.now()
    if session_answered_count(session) >= session.length:
        session.finished_at = now
        return
    pick = question_pick(
        session.user,
        round=session.round,
        exclude_questions=[s["question"] for s in session.steps if s.get("question")],
        exclude_own=[s["own"] for s in session.steps if s.get("own")],
        now=now,
    )
    if pick is None:
        session.finished_at = now
        return
    step = {"answer": None, "skipped": False, "assessed": False, "reason": pick.reason}
    if pick.question is not None:
        step["question"] = pick.question.pk
    else:
        step["own"] = pick.user_question.pk
    session.steps.append(step)


def session_start(user, *, round=None, length: int = 3, now=None) -> PracticeSession:
    session = PracticeSession(user=user, round=round, length=length)
    _advance(session, now)
    session.save()
    return session


def session_skip(session: PracticeSession) -> PracticeSession:
    """Skip the current question (only before it is answered) and pick another."""
    step = session_current(session)
    if step is not None and not step.get("answer"):
        step["skipped"] = True
        _advance(session)
        session.save(update_fields=["steps", "finished_at"])
    return session


def session_answered(session: PracticeSession, answer: Answer) -> None:
    """The current step's answer is saved: the step moves on to its feedback."""
    step = session_current(session)
    if step is not None and not step.get("answer"):
        step["answer"] = answer.pk
        session.save(update_fields=["steps"])


def session_assessed(session: PracticeSession) -> PracticeSession:
    """The self-assessment and recall grade are in: on to the next question or the end."""
    step = session_current(session)
    if step is not None and step.get("answer"):
        step["assessed"] = True
        _advance(session)
        session.save(update_fields=["steps", "finished_at"])
    return session


def step_target(step: dict, user) -> tuple[Question | None, UserQuestion | None]:
    """The step's question (bank or own), read for this user only."""
    if step.get("question"):
        question = Question.objects.select_related("round", "topic").filter(pk=step["question"])
        return question.first(), None
    own = UserQuestion.objects.for_user(user).select_related("round", "topic")
    return None, own.filter(pk=step.get("own") or 0).first()


@dataclass(frozen=True)
class SessionSummary:
    answers: list[Answer]
    skipped: int
    fixed: int  # findings the previous attempt had and this one does not, over all answers
    seconds: int
    next_due: ReviewCard | None
    due_now: int


def session_summary(session: PracticeSession, now=None) -> SessionSummary:
    """Answers written, findings fixed against each question's previous attempt, time spent,
    and what is due next. A fixed number of queries, whatever the session's length."""
    now = now or timezone.now()
    user = session.user
    ids = [s["answer"] for s in session.steps if s.get("answer")]
    answers = list(
        Answer.objects.for_user(user)
        .filter(pk__in=ids)
        .select_related("question", "user_question")
        .prefetch_related("findings")
        .order_by("created_at", "pk")
    )
    earlier = (
        Answer.objects.for_user(user)
        .filter(created_at__lt=session.started_at)
        .filter(question__in=[a.question_id for a in answers if a.question_id])
        .order_by("question", "-created_at", "-pk")
        .values_list("question", "pk")
    )
    previous: dict[int, int] = {}
    for question_id, pk in earlier:
        previous.setdefault(question_id, pk)
    codes_before: dict[int, set] = {}
    for answer_id, code in Finding.objects.filter(answer_id__in=previous.values()).values_list(
        "answer_id", "code"
    ):
        codes_before.setdefault(answer_id, set()).add(code)
    fixed = 0
    for answer in answers:
        if (before := previous.get(answer.question_id)) is not None:
            now_codes = {f.code for f in answer.findings.all()}
            fixed += len(codes_before.get(before, set()) - now_codes)
    cards = ReviewCard.objects.for_user(user)
    return SessionSummary(
        answers=answers,
        skipped=sum(1 for s in session.steps if s.get("skipped")),
        fixed=fixed,
        seconds=sum(a.seconds_spent or 0 for a in answers),
        next_due=cards.filter(due__gt=now)
        .select_related("question", "user_question")
        .order_by("due", "pk")
        .first(),
        due_now=cards.filter(due__lte=now).count(),
    )


@transaction.atomic
def session_finish(session: PracticeSession, now=None) -> PracticeSession:
    """End the session early (the summary covers what was done)."""
    if session.finished_at is None:
        session.finished_at = now or timezone.now()
        session.save(update_fields=["finished_at"])
    return session

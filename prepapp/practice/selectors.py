"""What the practice pages read: the question's context, an answer's findings shown."""

from __future__ import annotations

from django.db.models import Q

from prepapp.library.models import MistakePair
from prepapp.library.rubric import LEVELS
from prepapp.practice.answers import answer_expectations
from prepapp.practice.feedback import CHECKS
from prepapp.practice.highlight import evidence_marks
from prepapp.practice.models import Answer, Finding, ReviewCard
from prepapp.practice.scheduling import card_intervals, interval_display

ANSWER_RELATED = (
    "question__round",
    "question__topic",
    "user_question__round",
    "user_question__topic",
)


def mistake_pairs():
    return MistakePair.objects.select_related("topic").order_by("topic__order", "title")


def question_context(question=None, user_question=None) -> dict:
    """What the practise and edit pages show about the question being answered."""
    target = question or user_question
    round_ = target.round if target else None
    if question is not None:
        suggested = question.suggested_seconds
    else:
        suggested = round_.typical_minutes * 60 if round_ else None
    return {
        "question": question,
        "user_question": user_question,
        "round": round_,
        "topic": target.topic if target else None,
        "suggested_seconds": suggested,
        # "This answer will be checked for…".
        "expectations": answer_expectations(question, user_question),
        "levels": sorted(LEVELS.items()),
    }


def self_checks(pairs) -> list:
    """The mistakes no automatic check reads: the form lists them to check yourself."""
    covered = {check.mistake_slug for check in CHECKS}
    return [pair for pair in pairs if pair.slug not in covered]


def grades_shown(card: ReviewCard) -> list[dict]:
    """Again / Hard / Good / Easy, each with the interval it would give ("Good · 3 days")."""
    intervals = card_intervals(card)
    labels = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
    return [
        {"value": value, "label": labels[value], "interval": interval_display(intervals[value])}
        for value in sorted(intervals)
    ]


def answer_findings_shown(answer: Answer, user) -> dict:
    """Findings with their evidence marked in the answer, and how they compare with the
    previous attempt at the same question."""
    findings = list(answer.findings.select_related("mistake"))
    target = (
        {"question_id": answer.question_id}
        if answer.question_id
        else {"user_question_id": answer.user_question_id}
    )
    previous = (
        Answer.objects.for_user(user)
        .filter(**target)
        .filter(
            Q(created_at__lt=answer.created_at) | Q(created_at=answer.created_at, pk__lt=answer.pk)
        )
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    # Always one query, so the page's query count does not depend on the history.
    previous_codes = set(
        Finding.objects.filter(answer_id=previous or 0).values_list("code", flat=True)
    )
    expected = {
        e.code: e.reason
        for e in answer_expectations(
            answer.question if answer.question_id else None,
            answer.user_question if answer.user_question_id else None,
        )
    }
    titles = {check.code: check.title for check in CHECKS}
    shown, evidence = [], []
    for finding in findings:
        anchor = f"evidence-{finding.code}"
        quotes = [q for q in finding.evidence if isinstance(q, str)]
        evidence += [(anchor, q) for q in quotes]
        status = None
        if previous:
            status = "still there" if finding.code in previous_codes else "new"
        shown.append(
            {
                "finding": finding,
                "title": finding.title,
                "quotes": quotes,
                "anchor": anchor,
                "expected": expected.get(finding.code, ""),
                "status": status,
            }
        )
    current = {f.code for f in findings}
    body, anchors = evidence_marks(answer.body_html, evidence)
    for item in shown:
        # The link goes to the mark on the page, or nowhere when the quote is not found.
        item["anchor"] = anchors.get(item["anchor"], "")
    return {
        "findings_shown": shown,
        "previous_answer_id": previous,
        "fixed": [titles.get(c, c) for c in titles if c in previous_codes - current],
        "body_marked": body,
        # The mistakes the findings name: the self-assessment offers them first.
        "found_mistakes": [f.mistake_id for f in findings if f.mistake_id],
    }

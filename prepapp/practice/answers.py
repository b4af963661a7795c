"""Saving an answer: render its markdown, run the feedback checks, schedule its review."""

from __future__ import annotations

import dataclasses

from django.db import transaction

from prepapp.accounts.data_version import data_version_bump
from prepapp.library.content import PACK_PATH
from prepapp.library.models import MistakePair
from prepapp.practice import feedback
from prepapp.practice.drafts import draft_discard
from prepapp.practice.markdown import markdown_render
from prepapp.practice.models import Answer, Finding
from prepapp.practice.own_questions import own_question_get_or_create
from prepapp.practice.scheduling import card_for_question

CODE_MAX_LENGTH = Finding._meta.get_field("code").max_length
# The pack's feedback vocabulary lives beside it: healthcare_pm.json -> healthcare_pm_feedback.toml.
VOCABULARY_PATH = PACK_PATH.with_name(f"{PACK_PATH.stem}_feedback.toml")


def feedback_vocabulary() -> feedback.Vocabulary:
    """The pack's term lists, read once per process."""
    return feedback.vocabulary_load(VOCABULARY_PATH)


def feedback_version() -> str:
    """Changes whenever the checks, their vocabulary or the pack's expectations change."""
    return feedback.checks_version(VOCABULARY_PATH, PACK_PATH)


def own_question_checks() -> dict[str, str]:
    """The checks for a question of your own with no round or topic (the vocabulary says)."""
    return dict(feedback_vocabulary().settings.get("own_question_checks", {}))


def answer_expectations(question=None, user_question=None) -> list[feedback.CheckExpectation]:
    """The checks an answer to this question gets, each with why (the content pack says)."""
    target = question or user_question
    round_ = target.round if target else None
    topic = target.topic if target else None
    return feedback.checks_expected(
        round_checks=round_.feedback_checks if round_ else None,
        topic_checks=topic.feedback_checks if topic else None,
        added=question.feedback_checks_added if question else None,
        dropped=question.feedback_checks_dropped if question else None,
        default=own_question_checks(),
    )


def answer_save(answer: Answer, *, mistakes=None) -> Answer:
    """Save a new or edited answer with its HTML, tagged mistakes, findings and review card.

    `mistakes` (MistakePairs) replaces the tagged mistakes when given.
    """
    creating = answer.pk is None
    answer.body_html = markdown_render(answer.body)
    found = answer_findings_compute(answer)
    with transaction.atomic():
        answer.finding_count = len(found)
        answer.save()  # with the feedback_version answer_findings_compute set
        if mistakes is not None:
            answer.mistakes.set(mistakes)
        answer_findings_replace(answer, found)
        if creating:
            card_for_question(
                answer.user, question=answer.question, user_question=answer.user_question
            )
        data_version_bump(answer.user)
    return answer


def answer_create(answer: Answer, *, mistakes=None, own_question: dict | None = None) -> Answer:
    """Save a new answer (built by the form, not saved) and discard the draft it replaces.

    `own_question` ({"text", "round", "topic"}) is a question typed with the answer: the same
    text typed again (any case or spacing) is the same question.
    """
    with transaction.atomic():
        if own_question is not None:
            answer.user_question = own_question_get_or_create(
                answer.user,
                own_question["text"],
                round=own_question.get("round"),
                topic=own_question.get("topic"),
            )
        answer_save(answer, mistakes=mistakes)
        draft_discard(
            answer.user,
            question=answer.question if answer.question_id else None,
            user_question=answer.user_question if answer.user_question_id else None,
        )
    return answer


def answer_assess(answer: Answer, scores: dict, mistakes=None) -> Answer:
    """Record the self-assessment given after the feedback: scores and ticked mistakes."""
    for name, value in scores.items():
        setattr(answer, name, value)
    with transaction.atomic():
        answer.save(update_fields=[*scores, "updated_at"])
        if mistakes is not None:
            answer.mistakes.set(mistakes)
        # The dashboard's readiness reads the scores.
        data_version_bump(answer.user_id)
    return answer


def answer_findings_compute(answer: Answer) -> list[feedback.FeedbackFinding]:
    """The feedback checks' findings for an answer, one per code."""
    round_ = answer.round
    target = answer.question if answer.question_id else answer.user_question
    expected = answer_expectations(
        answer.question if answer.question_id else None,
        answer.user_question if answer.user_question_id else None,
    )
    found = feedback.answer_feedback(
        answer.body,
        checks=[e.code for e in expected],
        vocabulary=feedback_vocabulary(),
        minutes=round_.typical_minutes if round_ and target else None,
    )
    # One row per code (the table is unique on it), each code cut to the column's length.
    unique: dict[str, feedback.FeedbackFinding] = {}
    for item in found:
        code = item.code[:CODE_MAX_LENGTH]
        unique.setdefault(code, dataclasses.replace(item, code=code))
    answer.feedback_version = feedback_version()
    return list(unique.values())


def answer_findings_replace(answer: Answer, found) -> list[Finding]:
    """Replace an answer's Finding rows, each linked to the mistake pair it names."""
    pairs = MistakePair.objects.in_bulk(
        {item.mistake_slug for item in found if item.mistake_slug}, field_name="slug"
    )
    answer.findings.all().delete()
    return Finding.objects.bulk_create(
        Finding(
            answer=answer,
            code=item.code,
            message=item.message,
            mistake=pairs.get(item.mistake_slug),
            evidence=list(item.evidence),
        )
        for item in found
    )


def answers_feedback_refresh(batch_size: int = 200) -> int:
    """Re-run the checks on every answer whose findings came from other checks. Returns how many.

    Run at start-up (`make setup`): when the checks, their vocabulary or the pack's
    expectations change, old answers show the new feedback instead of the old one.
    """
    version = feedback_version()
    stale = (
        Answer.objects.exclude(feedback_version=version)
        .select_related(
            "question__round", "question__topic", "user_question__round", "user_question__topic"
        )
        .order_by("pk")
    )
    done = 0
    last_pk = 0
    while True:
        batch = list(stale.filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            return done
        with transaction.atomic():
            for answer in batch:
                found = answer_findings_compute(answer)
                answer.finding_count = len(found)
                answer_findings_replace(answer, found)
            Answer.objects.bulk_update(batch, ["finding_count", "feedback_version"])
            # Their pages cache the findings per data version (prepapp/page_cache.py), and
            # the command's process cannot empty the web workers' caches.
            for user_id in sorted({answer.user_id for answer in batch}):
                data_version_bump(user_id)
        done += len(batch)
        last_pk = batch[-1].pk

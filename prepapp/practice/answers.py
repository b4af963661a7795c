"""Saving an answer: render its markdown, run the feedback checks, schedule its review."""

from __future__ import annotations

import dataclasses

from django.db import transaction

from prepapp.library.models import MistakePair
from prepapp.practice import feedback
from prepapp.practice.markdown import markdown_render
from prepapp.practice.models import Answer, Finding
from prepapp.practice.scheduling import card_for_question

CODE_MAX_LENGTH = Finding._meta.get_field("code").max_length


def answer_save(answer: Answer, *, mistakes=None) -> Answer:
    """Save a new or edited answer with its HTML, tagged mistakes, findings and review card.

    `mistakes` (MistakePairs) replaces the tagged mistakes when given.
    """
    creating = answer.pk is None
    answer.body_html = markdown_render(answer.body)
    found = answer_findings_compute(answer)
    with transaction.atomic():
        answer.finding_count = len(found)
        answer.save()
        if mistakes is not None:
            answer.mistakes.set(mistakes)
        answer_findings_replace(answer, found)
        if creating:
            card_for_question(
                answer.user, question=answer.question, user_question=answer.user_question
            )
    return answer


def answer_findings_compute(answer: Answer) -> list[feedback.FeedbackFinding]:
    """The feedback checks' findings for an answer, one per code."""
    round_ = answer.round
    topic = answer.question.topic if answer.question_id else answer.user_question.topic
    found = feedback.answer_feedback(
        answer.body,
        round_slug=round_.slug if round_ else None,
        topic_slug=topic.slug if topic else None,
        minutes=round_.typical_minutes if round_ else None,
    )
    # One row per code (the table is unique on it), each code cut to the column's length.
    unique: dict[str, feedback.FeedbackFinding] = {}
    for item in found:
        code = item.code[:CODE_MAX_LENGTH]
        unique.setdefault(code, dataclasses.replace(item, code=code))
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
        )
        for item in found
    )

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from prepapp.library.models import MistakePair, Question
from prepapp.practice.models import Answer, Finding, ReviewCard, UserQuestion


def answers_bulk(user, count: int, *, with_findings: bool = True) -> list[Answer]:
    """`count` answers across the bank, each with a finding and a tagged mistake."""
    questions = list(Question.objects.order_by("pk"))
    pair = MistakePair.objects.order_by("pk").first()
    now = timezone.now()
    answers = Answer.objects.bulk_create(
        Answer(
            user=user,
            question=questions[i % len(questions)],
            body=f"Answer {i}",
            body_html=f"<p>Answer {i}</p>",
            score_structure=1 + i % 5,
            score_avg=1 + i % 5,
            seconds_spent=60 * (i % 30),
            finding_count=1 if with_findings else 0,
        )
        for i in range(count)
    )
    # bulk_create skips auto_now_add overrides; spread the dates out afterwards.
    for i, answer in enumerate(answers):
        answer.created_at = now - timedelta(hours=i)
    Answer.objects.bulk_update(answers, ["created_at"])
    if with_findings:
        Finding.objects.bulk_create(
            Finding(answer=a, code="too-short", message="Too short.", mistake=pair)
            for a in answers
        )
    Answer.mistakes.through.objects.bulk_create(
        Answer.mistakes.through(answer_id=a.pk, mistakepair_id=pair.pk) for a in answers
    )
    return answers


def cards_bulk(user, count: int, *, overdue: bool = True) -> list[ReviewCard]:
    """`count` cards: one per bank question, then on the user's own questions."""
    questions = list(Question.objects.order_by("pk")[:count])
    own = UserQuestion.objects.bulk_create(
        UserQuestion(user=user, text=f"Own question {i}") for i in range(count - len(questions))
    )
    now = timezone.now()
    sign = -1 if overdue else 1
    targets = [{"question": q} for q in questions] + [{"user_question": q} for q in own]
    return ReviewCard.objects.bulk_create(
        ReviewCard(user=user, due=now + sign * timedelta(hours=i + 1), **target)
        for i, target in enumerate(targets)
    )

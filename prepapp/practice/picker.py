"""Which question to practise next ("Practise now"): the app picks, the user may skip.

In order: reviews that are due; with an interview date set, reviews that would come due
before the interview (so each gets one more pass before the day); then rounds that are
unpractised or weak (a low self-assessment), the first round of the loop first; then
questions never answered; last, the question answered longest ago.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from django.db.models import Avg, Count, Max
from django.utils import timezone

from prepapp.library.models import Question, Round
from prepapp.practice.models import Answer, ReviewCard, UserQuestion

# Below this mean self-assessment a round counts as weak (3 is "adequate").
WEAK_BELOW = 3.0


@dataclass(frozen=True)
class Pick:
    question: Question | None
    user_question: UserQuestion | None
    reason: str  # shown to the user: why this question now


def _card_pick(cards, reason: str) -> Pick | None:
    card = cards.first()
    if card is None:
        return None
    return Pick(card.question, card.user_question, reason)


def question_pick(
    user, *, round=None, exclude_questions=(), exclude_own=(), now=None
) -> Pick | None:
    """The next question for `user`, not one of the excluded; None when none is left."""
    now = now or timezone.now()
    cards = (
        ReviewCard.objects.for_user(user)
        .exclude(question__in=list(exclude_questions))
        .exclude(user_question__in=list(exclude_own))
        .select_related("question__round", "question__topic", "user_question__round")
        .order_by("due", "pk")
    )
    questions = Question.objects.select_related("round", "topic").exclude(
        pk__in=list(exclude_questions)
    )
    if round is not None:
        cards = cards.filter(question__round=round) | cards.filter(user_question__round=round)
        cards = cards.order_by("due", "pk")
        questions = questions.filter(round=round)

    if pick := _card_pick(cards.filter(due__lte=now), "Due for review"):
        return pick
    interview = getattr(user, "interview_date", None)
    if interview and interview >= timezone.localdate(now):
        before = timezone.make_aware(datetime.combine(interview, time.min))
        if pick := _card_pick(cards.filter(due__lt=before), "Due again before your interview"):
            return pick

    answered = dict(
        Answer.objects.for_user(user)
        .filter(question__isnull=False)
        .values("question")
        .annotate(last=Max("created_at"))
        .values_list("question", "last")
    )
    stats = {
        row["question__round"]: row
        for row in Answer.objects.for_user(user)
        .filter(question__isnull=False)
        .values("question__round")
        .annotate(count=Count("pk"), average=Avg("score_avg"))
    }
    candidates = list(questions.order_by("round__order", "topic__order", "slug"))
    rounds = {q.round_id: q.round for q in candidates}

    def round_need(round_: Round):
        row = stats.get(round_.pk)
        if row is None:
            return (0, 0.0, round_.order)  # unpractised
        average = row["average"]
        if average is not None and average < WEAK_BELOW:
            return (1, average, round_.order)  # weak, the weakest first
        return None

    needy = sorted(
        (need, round_id) for round_id, r in rounds.items() if (need := round_need(r)) is not None
    )
    for need, round_id in needy:
        in_round = [q for q in candidates if q.round_id == round_id]
        fresh = [q for q in in_round if q.pk not in answered]
        reason = "A round you have not practised" if need[0] == 0 else "A weak round"
        if fresh:
            return Pick(fresh[0], None, reason)
        oldest = min(in_round, key=lambda q: answered[q.pk])
        return Pick(oldest, None, reason)

    fresh = [q for q in candidates if q.pk not in answered]
    if fresh:
        return Pick(fresh[0], None, "A question you have not answered yet")
    if candidates:
        oldest = min(candidates, key=lambda q: answered[q.pk])
        return Pick(oldest, None, "The question you answered longest ago")
    return None

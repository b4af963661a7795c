"""Realistic demo accounts, for newcomers (`make demo`) and for benchmarks.

A demo account is written as an export file and imported through
portability, so it goes through the same validation and bulk path as
a real user's data and can never drift from what the app accepts.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from prepapp.library.models import ChecklistItem, MistakePair, Question, Round
from prepapp.library.rubric import round_dimensions
from prepapp.portability import FORMAT, VERSION, ImportSummary, data_import

# Paragraphs an answer is assembled from: some strong, some falling into a mistake to avoid.
OPENINGS = [
    "I would structure this in three steps: first clarify the goal, second size the problem, third decide.",
    "Let me use a simple framework: users, problem, solution, metrics, risks.",
    "I would start by understanding who the patient and the clinician are here.",
    "This is a great app idea and I think users will love it.",
]
BODIES = [
    "At my last company we launched a remote monitoring tool for heart-failure patients; "
    "I led the pilot with two cardiology clinics and we cut 30-day readmissions by 12%.",
    "The success metric is medication adherence (proportion of days covered) with a target of 80%, "
    "plus cost per member per month for the payer.",
    "Because it handles PHI, HIPAA applies from day one, and if the algorithm drives treatment "
    "decisions it may be SaMD, so we plan the FDA pathway early.",
    "I would align nurses, physicians and the payer's care-management team in a weekly review.",
    "We would track downloads and DAU to show growth.",
    "We would integrate with the EHR over FHIR APIs so the data lands where clinicians work.",
    "For example, when I ran discovery for a diabetes tool I spent six weeks shadowing clinic staff.",
]
CLOSINGS = [
    "Risks: alert fatigue for clinicians and bias in the model; I would validate on our own population.",
    "Next step: a 90-day pilot with a control group and a go/no-go on the outcome metric.",
    "That is how I would approach it.",
]
NOTES = [
    "Reread the FDA SaMD guidance summary.",
    "Practise this one out loud twice.",
    "Ask a clinician friend for a workflow walkthrough.",
]


def _answer_body(rng: random.Random) -> str:
    parts = [rng.choice(OPENINGS)]
    parts += rng.sample(BODIES, k=rng.randint(1, 4))
    parts.append(rng.choice(CLOSINGS))
    return "\n\n".join(parts)


def demo_payload(*, answers: int = 60, mocks: int = 8, seed: int = 7, now=None) -> dict:
    """An export-format dict for a user about halfway through their preparation."""
    rng = random.Random(seed)
    now = now or timezone.now()
    questions = list(Question.objects.select_related("round").order_by("pk"))
    rounds = list(Round.objects.order_by("order"))
    items = list(ChecklistItem.objects.order_by("pk").values_list("slug", flat=True))
    mistakes = list(MistakePair.objects.order_by("pk").values_list("slug", flat=True))

    states = [
        {
            "item": slug,
            "own_item": None,
            "ticked_at": (now - timedelta(days=rng.randint(1, 60))).isoformat()
            if rng.random() < 0.6
            else None,
            "note": rng.choice(NOTES) if rng.random() < 0.2 else "",
        }
        for slug in items
    ]
    own_items = [
        {
            "ref": "i1",
            "topic": "regulation-compliance",
            "text": "Summarise the 510(k) vs De Novo paths on one page",
        },
        {
            "ref": "i2",
            "topic": "metrics-outcomes",
            "text": "Prepare two outcome-metric stories with numbers",
        },
    ]
    states.append({"item": None, "own_item": "i1", "ticked_at": now.isoformat(), "note": ""})

    # Practised questions are a subset, so some rounds stay weak, as for a real candidate.
    practised = questions[: max(1, int(len(questions) * 0.7))]
    span_days = 84
    answer_rows = []
    for n in range(answers):
        question = practised[n % len(practised)] if n < len(practised) else rng.choice(practised)
        age = span_days * (answers - n) / max(answers, 1)
        written = now - timedelta(days=age, minutes=rng.randint(0, 600))
        progress = n / max(answers - 1, 1)
        scores = {
            d: max(1, min(5, round(2 + 2.5 * progress + rng.uniform(-1, 1))))
            for d in round_dimensions(question.round.slug)
        }
        answer_rows.append(
            {
                "ref": f"a{n}",
                "question": question.slug,
                "own_question": None,
                "body": _answer_body(rng),
                "seconds_spent": rng.randint(180, question.round.minutes_max * 60),
                "scores": scores,
                "mistakes": rng.sample(mistakes, k=rng.randint(0, 2)),
                "created_at": written.isoformat(),
            }
        )
    answered = list(dict.fromkeys(row["question"] for row in answer_rows))
    cards = [
        {
            "question": slug,
            "own_question": None,
            # A few overdue, a few today, most later: a queue worth looking at.
            "due": (now + timedelta(days=rng.randint(-5, 20))).isoformat(),
            "state": {},
            "last_reviewed_at": (now - timedelta(days=rng.randint(1, 10))).isoformat(),
            "review_count": rng.randint(1, 5),
            "logs": [],
        }
        for slug in answered
    ]
    mock_rows = []
    for n in range(mocks):
        round_ = rounds[n % len(rounds)] if n < len(rounds) else rng.choice(rounds)
        upcoming = n % 4 == 3
        when = (
            now + timedelta(days=rng.randint(1, 21))
            if upcoming
            else now - timedelta(days=rng.randint(1, 80))
        )
        # A distinct minute per mock: import treats (round, time) as the same mock.
        when = when.replace(minute=0, second=0, microsecond=0) + timedelta(minutes=n)
        mock_rows.append(
            {
                "round": round_.slug,
                "scheduled_at": when.isoformat(),
                "status": "scheduled" if upcoming else ("cancelled" if n % 9 == 8 else "done"),
                "format": rng.choice(["peer", "coach", "self_recorded"]),
                "interviewer": rng.choice(["", "Sam (peer)", "Coach Priya"]),
                "minutes": round_.minutes_max,
                "questions": [q.slug for q in questions if q.round_id == round_.pk][:2],
                "typed_questions": "",
                "answers": [],
                "overall_rating": None if upcoming else rng.randint(2, 5),
                "scores": {}
                if upcoming
                else {d: rng.randint(2, 5) for d in round_dimensions(round_.slug)},
                "strengths": "" if upcoming else "Clear structure; good use of outcome metrics.",
                "improvements": "" if upcoming else "Bring regulation in earlier.",
                "mistakes": [] if upcoming else rng.sample(mistakes, k=1),
            }
        )
    return {
        "format": FORMAT,
        "version": VERSION,
        "profile": {
            "display_name": "Demo",
            "interview_date": (now + timedelta(days=30)).date().isoformat(),
        },
        "checklist": {"own_items": own_items, "states": states},
        "practice": {"own_questions": [], "answers": answer_rows, "review_cards": cards},
        "mocks": mock_rows,
    }


def demo_seed(user, *, answers: int = 60, mocks: int = 8, seed: int = 7) -> ImportSummary:
    import json

    return data_import(user, json.dumps(demo_payload(answers=answers, mocks=mocks, seed=seed)))

"""How long the largest import the limits allow holds the database's write lock.

`python -m bench.import_largest` migrates a throwaway SQLite file database (WAL, as in
production), loads the content pack, builds the largest file the import accepts (every
row limit of portability.format reached, links at their limit, bodies padded
to just under the byte limit) and imports it into a new user. It prints the file's
size, the import's wall time and the time spent inside the write transaction, which
is how long every other writer waits at most. Measured, never asserted.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SENTENCES = [
    "I would structure this in three steps: first clarify the goal, then size it, then decide.",
    "At my last company we piloted remote monitoring with two cardiology clinics and cut "
    "30-day readmissions by 12%.",
    "Because it handles PHI, HIPAA applies from day one, and if it drives treatment it may "
    "be SaMD, so we plan the FDA pathway early.",
    "We would track downloads and DAU to show growth.",
    "We would integrate with the EHR over FHIR APIs so the data lands where clinicians work.",
    "We would train a deep-learning model on the claims data to predict who needs outreach.",
]


def largest_payload() -> dict:
    """The largest export file data_import accepts, as a dict (needs the content pack)."""
    import fsrs

    from prepapp.library.models import ChecklistItem, MistakePair, Question, Round, Topic
    from prepapp.portability.format import (
        FORMAT,
        MAX_FILE_BYTES,
        MAX_LINKS,
        MAX_REVIEW_LOGS,
        ROW_LIMITS,
        VERSION,
    )
    from prepapp.practice.scheduling import SCHEDULER, _new_state

    topics = list(Topic.objects.values_list("slug", flat=True))
    rounds = list(Round.objects.values_list("slug", flat=True))
    questions = list(Question.objects.values_list("slug", flat=True))
    mistakes = list(MistakePair.objects.values_list("slug", flat=True))
    items = list(ChecklistItem.objects.values_list("slug", flat=True))
    start = datetime(2026, 1, 1, 9, tzinfo=UTC)

    def uid(kind: int, n: int) -> str:
        return f"{kind:08x}-0000-4000-8000-{n:012x}"

    own_items = [
        {
            "ref": f"i{n}",
            "uid": uid(1, n),
            "topic": topics[n % len(topics)],
            "text": f"Own checklist item number {n}",
            "created_at": (start + timedelta(minutes=n)).isoformat(),
        }
        for n in range(ROW_LIMITS["checklist.own_items"])
    ]
    states = [
        {"item": slug, "own_item": None, "ticked_at": start.isoformat(), "note": "Done"}
        for slug in items
    ]
    states += [
        {"item": None, "own_item": row["ref"], "ticked_at": None, "note": "A note"}
        for row in own_items
    ][: ROW_LIMITS["checklist.states"] - len(states)]
    own_questions = [
        {
            "ref": f"q{n}",
            "uid": uid(2, n),
            "text": f"My own question number {n}: how would you launch a care app?",
            "round": rounds[n % len(rounds)],
            "topic": topics[n % len(topics)],
            "created_at": (start + timedelta(minutes=n)).isoformat(),
        }
        for n in range(ROW_LIMITS["practice.own_questions"])
    ]
    answer_count = ROW_LIMITS["practice.answers"]
    mock_count = ROW_LIMITS["mocks"]
    # Links: half on answers' tagged mistakes, half on mocks (questions, answers, mistakes).
    tags_per_answer = min(len(mistakes), MAX_LINKS // 2 // answer_count)
    links_per_mock = (MAX_LINKS - tags_per_answer * answer_count) // mock_count
    answers = []
    for n in range(answer_count):
        bank = n % 2 == 0
        answers.append(
            {
                "ref": f"a{n}",
                "uid": uid(3, n),
                "question": questions[n % len(questions)] if bank else None,
                "own_question": None if bank else f"q{n % len(own_questions)}",
                "body": "",
                "seconds_spent": 600,
                "scores": {"structure": 3, "data": 4},
                "mistakes": mistakes[:tags_per_answer],
                "created_at": (start + timedelta(minutes=n)).isoformat(),
            }
        )
    now = datetime.now(UTC)
    reviewed, _log = SCHEDULER.review_card(
        fsrs.Card.from_dict(_new_state(now)), fsrs.Rating.Good, review_datetime=now
    )
    targets = [(q, None) for q in questions] + [(None, q["ref"]) for q in own_questions]
    targets = targets[: ROW_LIMITS["practice.review_cards"]]
    logs_per_card, extra = divmod(MAX_REVIEW_LOGS, len(targets))
    cards = [
        {
            "question": q,
            "own_question": own,
            "due": now.isoformat(),
            "state": reviewed.to_dict(),
            "last_reviewed_at": now.isoformat(),
            "review_count": 3,
            "logs": [
                {
                    "rating": 3,
                    "reviewed_at": (start + timedelta(days=k)).isoformat(),
                    "due_after": (start + timedelta(days=k + 3)).isoformat(),
                    "answer": f"a{(n + k) % answer_count}",
                }
                for k in range(logs_per_card + (n < extra))
            ],
        }
        for n, (q, own) in enumerate(targets)
    ]
    mocks = []
    for n in range(mock_count):
        third = links_per_mock // 3
        mocks.append(
            {
                "uid": uid(4, n),
                "round": rounds[n % len(rounds)],
                # Every mock in one slot: the uid is what keeps them apart.
                "scheduled_at": start.isoformat(),
                "status": "cancelled" if n % 2 else "done",
                "format": "peer",
                "interviewer": f"Peer {n}",
                "minutes": 45,
                "questions": questions[n % 50 : n % 50 + third],
                "typed_questions": "What would you measure?",
                "answers": [f"a{(n * 5 + k) % answer_count}" for k in range(third)],
                "overall_rating": 4,
                "scores": {"structure": 4},
                "strengths": "Clear structure.",
                "improvements": "Bring regulation in earlier.",
                "mistakes": mistakes[: links_per_mock - 2 * third],
            }
        )
    payload = {
        "format": FORMAT,
        "version": VERSION,
        "profile": {"display_name": "Largest", "interview_date": "2026-06-01"},
        "checklist": {"own_items": own_items, "states": states},
        "practice": {"own_questions": own_questions, "answers": answers, "review_cards": cards},
        "mocks": mocks,
    }
    # Pad the bodies with real sentences until the file is just under the byte limit.
    room = MAX_FILE_BYTES - len(json.dumps(payload).encode()) - 1024
    per_answer = room // answer_count
    for n, answer in enumerate(answers):
        # One sentence repeated: an answer with several findings (vanity metrics only, AI
        # without limits, no stakeholders...), so Finding rows are written too.
        sentence = SENTENCES[n % len(SENTENCES)]
        answer["body"] = " ".join([sentence] * max(1, (per_answer - 100) // (len(sentence) + 1)))
    return payload


def main() -> None:
    var_dir = Path(tempfile.mkdtemp(prefix="prepapp-import-"))
    os.environ["PREPAPP_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prepapp.settings")
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from prepapp.accounts.models import User
    from prepapp.portability import data_import, importing

    call_command("migrate", verbosity=0)
    call_command("sync_content", verbosity=0)
    raw = json.dumps(largest_payload()).encode()
    user = User.objects.create_user("largest@example.org", "x" * 20)

    held: list[tuple[float, float]] = []
    write = importing._write

    def timed_write(*args, **kwargs):
        began, cpu = time.perf_counter(), time.process_time()
        try:
            return write(*args, **kwargs)
        finally:
            held.append((time.perf_counter() - began, time.process_time() - cpu))

    importing._write = timed_write
    began = time.perf_counter()
    summary = data_import(user, raw)
    wall = time.perf_counter() - began
    rows = sum(summary.added.values())
    from prepapp.practice.models import Finding

    findings = Finding.objects.filter(answer__user=user).count()
    print(f"file: {len(raw):,} bytes; added {rows:,} rows: {summary.added}; {findings:,} findings")
    print(f"import wall time: {wall:.2f} s")
    seconds, cpu = held[0]
    print(f"write lock held (inside the transaction): {seconds * 1000:.0f} ms")
    # On a busy machine the wall time above includes waiting for a core; this does not.
    print(f"  of which this process's CPU time: {cpu * 1000:.0f} ms")
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"load average while measuring: {load} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()

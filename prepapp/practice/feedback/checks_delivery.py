"""The checks on how an answer is told: its length, its structure, its numbers."""

from __future__ import annotations

from prepapp.practice.feedback.reading import Reading
from prepapp.practice.feedback.registry import Outcome, feedback_check, sentences_first

STRUCTURE_MIN_WORDS = 150


@feedback_check(
    "too-short",
    title="Far too short for the round",
    mistake="mistake-no-clear-framework",
    rule="A few lines where the round needs a worked answer: fewer than 40 words for a round of "
    "up to 30 minutes, 50 up to 45, 60 up to 60, 80 beyond (40 when the length is unknown).",
    kind="missing",
    # A few lines are judged on what they say (no regulation, no number), but they hold no
    # design whose shape could be generic or standalone: the length is that finding.
    covers=("generic-tech-design", "integration-missing"),
)
def too_short(r: Reading) -> Outcome | None:
    if not r.too_short:
        return None
    if r.words == 0:
        return Outcome(
            f"There is no answer text yet. Write at least {r.min_words} words: a structure, "
            "a specific example and a measurable result."
        )
    need = f"a {r.minutes}-minute round needs" if r.minutes else "an interview answer needs"
    plural = "word" if r.words == 1 else "words"
    return Outcome(
        f"Your answer has {r.words} {plural}; {need} at least {r.min_words} to set out a "
        "structure, a specific example and a measurable result."
    )


@feedback_check(
    "no-structure",
    title="No framework or structure",
    mistake="mistake-no-clear-framework",
    rule="An answer of 150 words or more with no discernible structure: no headings or lists, "
    "no sequencing ('first… then… finally', 'to begin with… next… after that'), no named "
    "framework and no paragraphs that each make one point.",
    kind="missing",
)
def no_structure(r: Reading) -> Outcome | None:
    if r.words < STRUCTURE_MIN_WORDS or r.structure:
        return None
    return Outcome(
        f"Your {r.words}-word answer runs as one block: no headings or lists, no sequencing "
        "('first… next… finally') and no paragraphs that each make one point. State your "
        "framework up front and follow it."
    )


@feedback_check(
    "not-quantified",
    title="Nothing quantified",
    mistake="mistake-failing-to-quantify-impact",
    rule="Where the question asks for impact, results or a business case: no measure anywhere "
    "(a percentage, money, a multiple, time saved, a rate, 'cut by a third', 'doubled'). Bare "
    "counts ('three layers'), versions, years and names like 510(k) do not count.",
    kind="missing",
    # "No baseline or target, percentage…": an answer with no number has no baseline either.
    covers=("metrics-no-baseline",),
)
def not_quantified(r: Reading) -> Outcome | None:
    # "99.9% uptime, p95 under 200 ms" measures the system, not the impact.
    plumbing = set(r.sentences("tech_sla"))
    if any(i not in plumbing for i, _ in r.quantities):
        return None
    return Outcome(
        "Nothing in your answer measures the impact: no baseline or target, percentage, cost, "
        "multiple or time saved. Put a number on it, e.g. a 15% cut in readmissions."
    )


@feedback_check(
    "vanity-metrics-only",
    title="Vanity metrics without an outcome",
    mistake="mistake-dau-mau-success-vision",
    rule="Success is measured with engagement or vanity metrics (DAU/MAU, downloads, installs, "
    "sign-ups, sessions, time in app, clicks, cost per install) and no clinical or financial "
    "outcome (readmissions, adherence, HEDIS, A1c, cost of care, revenue, no-shows, ...).",
    kind="present",
    # Baselines for downloads and sessions would be the wrong advice: the metrics are wrong.
    covers=("metrics-no-baseline",),
)
def vanity_metrics_only(r: Reading) -> Outcome | None:
    vanity = r.hits("vanity")
    if not vanity:
        return None
    outcomes = r.hits_outside("outcome", "vanity")
    # One outcome said once among a dashboard of vanity metrics ("outcomes matter but are
    # slow", "proof of ROI" for a cost per install) is not what success is measured by.
    kinds = len({m.term for m in vanity})
    passing = len({m.sentence for m in outcomes}) == 1 and len({m.term for m in outcomes}) == 1
    if outcomes and not (passing and kinds >= r.setting("vanity_dashboard_terms", 4)):
        return None
    # Measuring success with them: two of them, or one named as a measure ("track
    # downloads", "40% sign-up conversion"). One in passing ("a design with streaks", "rather
    # than optimising ad clicks") measures nothing.
    if len({m.term for m in vanity}) < 2:
        measured = set(r.sentences("kpi")) | {i for i, _ in r.quantities}
        if not any(m.sentence in measured for m in vanity):
            return None
    return Outcome(
        f"You measure success with {r.terms(vanity)} but name no clinical or financial "
        "outcome (readmissions, adherence, HEDIS scores, cost of care). Tie the metric to "
        "health or business impact.",
        sentences_first(m.sentence for m in vanity),
    )

"""Measuring the checks against a labelled corpus: per-check precision and recall.

The corpus (``fixtures/feedback_eval/*.toml``) holds answers to the pack's questions, each
labelled with the codes a fair hiring manager would raise. Which checks run on an answer is
the pack's own expectation for its question, read from the pack file, so the evaluation
measures exactly what a candidate would see.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from prepapp.practice.feedback import answer_feedback, checks_expected
from prepapp.practice.feedback.registry import REGISTRY
from prepapp.practice.feedback.vocabulary import Vocabulary

TARGET_RECALL = 0.90
TARGET_STRONG_FLAGGED = 0.10
TARGET_PRECISION = 0.80


@dataclass
class CheckScore:
    code: str
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def support(self) -> int:
        return self.true_positive + self.false_negative

    @property
    def precision(self) -> float | None:
        raised = self.true_positive + self.false_positive
        return self.true_positive / raised if raised else None

    @property
    def recall(self) -> float | None:
        return self.true_positive / self.support if self.support else None


@dataclass
class Evaluation:
    scores: dict[str, CheckScore]
    answers: int
    strong: int
    strong_flagged: int
    mistakes: list[tuple[str, str, str]] = field(
        default_factory=list
    )  # (id, "missed"/"wrong", code)

    @property
    def recall(self) -> float:
        tp = sum(s.true_positive for s in self.scores.values())
        support = sum(s.support for s in self.scores.values())
        return tp / support if support else 1.0

    @property
    def strong_flagged_share(self) -> float:
        return self.strong_flagged / self.strong if self.strong else 0.0

    def failures(self) -> list[str]:
        """What misses the target, in words; empty when the target is met."""
        out = []
        if self.recall < TARGET_RECALL:
            out.append(f"overall recall {self.recall:.1%} < {TARGET_RECALL:.0%}")
        if self.strong_flagged_share > TARGET_STRONG_FLAGGED:
            out.append(
                f"strong answers with a finding {self.strong_flagged_share:.1%} > "
                f"{TARGET_STRONG_FLAGGED:.0%}"
            )
        for s in self.scores.values():
            if s.precision is not None and s.precision < TARGET_PRECISION:
                out.append(f"{s.code} precision {s.precision:.1%} < {TARGET_PRECISION:.0%}")
        return out


def pack_question_checks(pack_path: Path, default: dict | None = None) -> dict[str, tuple]:
    """Question slug -> (check codes, minutes) as the pack file says."""
    objects = json.loads(pack_path.read_text(encoding="utf-8"))
    by_model: dict[str, dict[str, dict]] = {}
    for obj in objects:
        by_model.setdefault(obj["model"], {})[obj["fields"].get("slug")] = obj["fields"]
    rounds, topics = by_model.get("library.round", {}), by_model.get("library.topic", {})
    out = {}
    for slug, q in by_model.get("library.question", {}).items():
        round_ = rounds[q["round"][0]]
        topic = topics[q["topic"][0]]
        expected = checks_expected(
            round_checks=round_.get("feedback_checks", {}),
            topic_checks=topic.get("feedback_checks", {}),
            added=q.get("feedback_checks_added", {}),
            dropped=q.get("feedback_checks_dropped", {}),
            default=default,
        )
        out[slug] = ([e.code for e in expected], round_["minutes_max"])
    return out


def corpus_load(directory: Path) -> list[dict]:
    answers = []
    for path in sorted(directory.glob("*.toml")):
        with path.open("rb") as handle:
            answers += tomllib.load(handle).get("answer", [])
    return answers


def corpus_evaluate(
    answers: list[dict], questions: dict[str, tuple], vocabulary: Vocabulary
) -> Evaluation:
    scores = {code: CheckScore(code) for code in REGISTRY}
    strong = strong_flagged = 0
    mistakes = []
    for answer in answers:
        codes, minutes = questions[answer["question"]]
        found = {
            f.code
            for f in answer_feedback(
                answer["text"], checks=codes, vocabulary=vocabulary, minutes=minutes
            )
        }
        expected = set(answer["expected"])
        if not expected:
            strong += 1
            strong_flagged += bool(found)
        for code in expected | found:
            score = scores.setdefault(code, CheckScore(code))
            if code in expected and code in found:
                score.true_positive += 1
            elif code in found:
                score.false_positive += 1
                mistakes.append((answer["id"], "wrong", code))
            else:
                score.false_negative += 1
                mistakes.append((answer["id"], "missed", code))
    return Evaluation(scores, len(answers), strong, strong_flagged, mistakes)


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def evaluation_table(result: Evaluation) -> str:
    lines = [
        f"{'check':34} {'precision':>9} {'recall':>7} {'support':>7} {'raised':>6}",
    ]
    for s in result.scores.values():
        raised = s.true_positive + s.false_positive
        lines.append(
            f"{s.code:34} {_pct(s.precision):>9} {_pct(s.recall):>7} {s.support:>7} {raised:>6}"
        )
    lines += [
        "",
        f"answers: {result.answers}, strong (no finding expected): {result.strong}",
        f"overall recall: {result.recall:.1%} (target ≥ {TARGET_RECALL:.0%})",
        f"strong answers with any finding: {result.strong_flagged}/{result.strong} = "
        f"{result.strong_flagged_share:.1%} (target ≤ {TARGET_STRONG_FLAGGED:.0%})",
        f"per-check precision target: ≥ {TARGET_PRECISION:.0%}",
    ]
    return "\n".join(lines)

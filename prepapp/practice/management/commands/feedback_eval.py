from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from prepapp.library.content import PACK_PATH
from prepapp.practice.answers import feedback_vocabulary, own_question_checks
from prepapp.practice.feedback.evaluation import (
    corpus_evaluate,
    corpus_load,
    evaluation_table,
    pack_question_checks,
)


class Command(BaseCommand):
    help = (
        "Run the feedback checks over the labelled corpus and print per-check precision and "
        "recall. Exits non-zero below the target."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--corpus",
            default=str(Path(settings.BASE_DIR) / "fixtures" / "feedback_eval"),
            help="Directory of *.toml corpus files.",
        )
        parser.add_argument("--pack", default=str(PACK_PATH), help="The content pack file.")
        parser.add_argument(
            "--mistakes", action="store_true", help="List every missed and wrong finding."
        )

    def handle(self, *args, corpus: str, pack: str, mistakes: bool = False, **options):
        answers = corpus_load(Path(corpus))
        if not answers:
            raise CommandError(f"No labelled answers in {corpus}.")
        questions = pack_question_checks(Path(pack), default=own_question_checks())
        unknown = sorted({a["question"] for a in answers} - set(questions))
        if unknown:
            raise CommandError(f"Corpus answers to questions not in the pack: {unknown}")
        result = corpus_evaluate(answers, questions, feedback_vocabulary())
        self.stdout.write(evaluation_table(result))
        if mistakes:
            for answer_id, kind, code in sorted(result.mistakes):
                self.stdout.write(f"  {answer_id}: {kind} {code}")
        failures = result.failures()
        if failures:
            raise CommandError("Below target: " + "; ".join(failures))
        self.stdout.write("Target met.")

"""Extra library rows for tests that need more than the fixed pack.

The pack itself is preloaded for every database test (tests/conftest.py);
these add rows on top of it, in bulk, so query-count tests can grow the data.
"""

from __future__ import annotations

import factory

from prepapp.library.models import FaqEntry, LoopFact, MistakePair, Question, Round, Source, Topic


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"test-question-{n}")
    round = factory.LazyFunction(lambda: Round.objects.get(slug="technical"))
    topic = factory.LazyFunction(lambda: Topic.objects.get(slug="interoperability-data"))
    text = factory.Sequence(lambda n: f"Test question number {n}?")
    guidance = "Cover the basics."
    kind = Question.Kind.DERIVED


def question_admin_form(question: Question, **changes) -> dict:
    """The admin's change form for `question` as it stands, with `changes` typed in."""
    form = {
        "slug": question.slug,
        "round": question.round_id,
        "topic": question.topic_id,
        "text": question.text,
        "guidance": question.guidance,
        "kind": question.kind,
        "sources": [s.pk for s in question.sources.all()],
    }
    return form | changes


def _cite(model, rows, source_slug: str) -> None:
    source = Source.objects.get(slug=source_slug)
    through = model.sources.through
    field = f"{model._meta.model_name}_id"
    through.objects.bulk_create(
        [through(**{field: row.pk, "source_id": source.pk}) for row in rows]
    )


def questions_bulk_create(
    count: int,
    *,
    round_slug: str = "technical",
    topic_slug: str = "interoperability-data",
    text: str = "Bulk question {n} about data pipelines?",
    source_slug: str = "future-trends",
) -> list[Question]:
    """`count` questions in one round and topic, each citing one source."""
    round_ = Round.objects.get(slug=round_slug)
    topic = Topic.objects.get(slug=topic_slug)
    rows = Question.objects.bulk_create(
        Question(
            slug=f"bulk-{round_slug}-{n}",
            round=round_,
            topic=topic,
            text=text.format(n=n),
            guidance="Bulk guidance.",
        )
        for n in range(count)
    )
    _cite(Question, rows, source_slug)
    return rows


def mistakes_bulk_create(count: int, *, topic_slug: str = "ai-ethics") -> list[MistakePair]:
    topic = Topic.objects.get(slug=topic_slug)
    rows = MistakePair.objects.bulk_create(
        MistakePair(
            slug=f"bulk-mistake-{n}",
            topic=topic,
            title=f"Bulk mistake {n}",
            bad="Bad way.",
            good="Good way.",
            why="Because.",
        )
        for n in range(count)
    )
    _cite(MistakePair, rows, "future-trends")
    return rows


def faq_bulk_create(count: int, *, topic_slug: str = "ai-ethics") -> list[FaqEntry]:
    topic = Topic.objects.get(slug=topic_slug)
    rows = FaqEntry.objects.bulk_create(
        FaqEntry(slug=f"bulk-faq-{n}", topic=topic, question=f"Bulk FAQ {n}?", answer="Yes.")
        for n in range(count)
    )
    _cite(FaqEntry, rows, "future-trends")
    return rows


def loop_facts_bulk_create(count: int) -> list[LoopFact]:
    track = Round.objects.get(slug="technical").track
    rows = LoopFact.objects.bulk_create(
        LoopFact(slug=f"bulk-fact-{n}", track=track, label=f"Bulk fact {n}", detail="Detail.")
        for n in range(count)
    )
    _cite(LoopFact, rows, "future-trends")
    return rows


def rounds_bulk_create(count: int) -> list[Round]:
    track = Round.objects.get(slug="technical").track
    rows = Round.objects.bulk_create(
        Round(
            slug=f"bulk-round-{n}",
            track=track,
            name=f"Bulk round {n}",
            order=100 + n,
            minutes_min=30,
            minutes_max=45,
            assesses="Something.",
        )
        for n in range(count)
    )
    _cite(Round, rows, "future-trends")
    return rows

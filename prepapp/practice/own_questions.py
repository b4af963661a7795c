"""A user's own questions: typing the same one twice practises the same question."""

from __future__ import annotations

from prepapp.practice.models import UserQuestion, question_text_key


def own_question_get_or_create(user, text: str, *, round=None, topic=None) -> UserQuestion:
    """The user's own question with this text (whitespace and case aside), created if new.

    A question already there keeps its text and its history; a round or topic it lacks
    is filled in from this one, so nothing the user chose is dropped. Race-safe: the
    unique (user, text_key) constraint decides, and get_or_create re-reads after losing.
    """
    question, created = UserQuestion.objects.get_or_create(
        user=user,
        text_key=question_text_key(text),
        defaults={"text": text, "round": round, "topic": topic},
    )
    if not created:
        missing = {
            name: value
            for name, value in (("round", round), ("topic", topic))
            if value is not None and getattr(question, f"{name}_id") is None
        }
        if missing:
            for name, value in missing.items():
                setattr(question, name, value)
            question.save(update_fields=list(missing))
    return question

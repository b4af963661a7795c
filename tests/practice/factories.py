from __future__ import annotations

import factory
from django.utils import timezone

from prepapp.library.models import Question
from prepapp.practice.models import Answer, ReviewCard, UserQuestion
from tests.factories import UserFactory


def bank_question(slug: str | None = None) -> Question:
    queryset = Question.objects.select_related("round", "topic")
    return queryset.get(slug=slug) if slug else queryset.order_by("pk").first()


class UserQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UserQuestion

    user = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"How would you launch product {n} in a hospital?")


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    user = factory.SubFactory(UserFactory)
    question = factory.LazyFunction(bank_question)
    body = factory.Sequence(lambda n: f"My answer number {n}.")
    body_html = factory.LazyAttribute(lambda o: f"<p>{o.body}</p>")


class ReviewCardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewCard

    user = factory.SubFactory(UserFactory)
    question = factory.LazyFunction(bank_question)
    due = factory.LazyFunction(timezone.now)
    state = factory.LazyFunction(dict)

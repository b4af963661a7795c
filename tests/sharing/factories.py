from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from prepapp.sharing.models import Comment, ReadOnlyLink, Share, SharedAnswer
from prepapp.sharing.services import link_create
from tests.factories import UserFactory
from tests.practice.factories import AnswerFactory


class ShareFactory(factory.django.DjangoModelFactory):
    """An accepted, live share: `coach` may read `candidate`'s preparation."""

    class Meta:
        model = Share

    candidate = factory.SubFactory(UserFactory)
    coach = factory.SubFactory(UserFactory)
    invite_email = factory.LazyAttribute(lambda o: o.coach.email if o.coach else "c@example.org")
    scope = Share.Scope.MARKED
    accepted_at = factory.LazyFunction(timezone.now)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    author = factory.SubFactory(UserFactory)
    answer = factory.SubFactory(AnswerFactory)
    body = factory.Sequence(lambda n: f"Coach comment {n}.")
    body_html = factory.LazyAttribute(lambda o: f"<p>{o.body}</p>")


def shared_answer(candidate, **fields):
    answer = AnswerFactory(user=candidate, **fields)
    SharedAnswer.objects.create(answer=answer)
    return answer


def link_for(candidate, days: int = 7) -> tuple[ReadOnlyLink, str]:
    return link_create(candidate, days)


def link_expired(candidate) -> tuple[ReadOnlyLink, str]:
    link, token = link_create(candidate, 1)
    ReadOnlyLink.objects.filter(pk=link.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    return link, token

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from prepapp.accounts.data_version import data_version_bump
from prepapp.library.models import Round
from prepapp.mocks.models import CalendarFeed, MockInterview
from tests.factories import UserFactory


class MockInterviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MockInterview

    user = factory.SubFactory(UserFactory)
    round = factory.LazyFunction(lambda: Round.objects.get(slug="product-sense-case-study"))
    scheduled_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
    status = MockInterview.Status.SCHEDULED
    format = MockInterview.Format.PEER
    minutes = factory.LazyAttribute(lambda o: o.round.typical_minutes)


class CalendarFeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarFeed

    user = factory.SubFactory(UserFactory)


def mocks_bulk(user, count: int, **fields) -> list[MockInterview]:
    """`count` mocks for `user` spread over rounds, statuses and dates, in one insert; the
    user's data version moves, as after any write service (the cached list shows them)."""
    rounds = list(Round.objects.all())
    now = timezone.now()
    statuses = list(MockInterview.Status)
    rows = [
        MockInterview(
            **{
                "user": user,
                "round": rounds[i % len(rounds)],
                "scheduled_at": now + timedelta(days=i - count // 2, hours=1),
                "status": statuses[i % len(statuses)],
                "format": MockInterview.Format.PEER,
                "minutes": 45,
                "overall_rating": (i % 5) + 1,
                **fields,
            }
        )
        for i in range(count)
    ]
    created = MockInterview.objects.bulk_create(rows)
    data_version_bump(user)
    return created

from __future__ import annotations

import factory

from prepapp.reminders.models import ReminderSettings
from tests.factories import UserFactory


class ReminderSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReminderSettings

    user = factory.SubFactory(UserFactory)
    digest = ReminderSettings.Digest.DAILY
    send_hour = 8

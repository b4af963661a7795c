"""`manage.py reminders_enqueue`, as the Procfile's scheduler and a systemd timer run it."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from prepapp.reminders.models import ReminderSent
from tests.practice.factories import ReviewCardFactory
from tests.reminders.factories import ReminderSettingsFactory

# The worker and the scheduler check their connections between runs (close_old_connections),
# which closes one held in a test's transaction: these run with real commits, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


def test_once_queues_the_due_reminders_for_the_worker(task_queue, clock, user, pack):
    ReminderSettingsFactory(user=user)
    ReviewCardFactory(user=user, due=clock.now)
    out = StringIO()
    call_command("reminders_enqueue", stdout=out)
    assert out.getvalue() == "1 reminder(s) queued\n"
    (sent,) = ReminderSent.objects.all()
    (task,) = DBTaskResult.objects.all()
    assert task.task_path == "prepapp.reminders.tasks.reminder_deliver"
    assert task.args_kwargs["args"] == [sent.pk]
    call_command("reminders_enqueue", stdout=out)
    assert DBTaskResult.objects.count() == 1


def test_each_run_prunes_finished_tasks_after_a_day(task_queue, clock):
    from prepapp.accounts.mail import mail_send

    mail_send("Old", "Reset link inside", ["a@example.org"])
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    call_command("reminders_enqueue", verbosity=0)
    assert DBTaskResult.objects.count() == 1  # finished today: kept
    clock.set(clock.now + timedelta(days=1, minutes=1))
    call_command("reminders_enqueue", verbosity=0)
    assert DBTaskResult.objects.count() == 0

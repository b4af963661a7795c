"""The worker's side of reminders: send one decided reminder, at most once."""

from __future__ import annotations

import logging

from django.db.models import F
from django.tasks import task
from django.utils import timezone

from prepapp.accounts.mail import DELIVERY_ATTEMPTS, DELIVERY_ERRORS, delivery_retry_at
from prepapp.reminders.messages import reminder_message
from prepapp.reminders.models import ReminderSent

log = logging.getLogger(__name__)


@task
def reminder_deliver(sent_id: int) -> str:
    """Send the reminder `sent_id` unless it was sent, is being sent, or has nothing to say.

    The claim is one conditional UPDATE, so two workers handed the same row (a duplicate
    enqueue) cannot both send it. A refusal by the mail server releases the claim and
    queues a later try; the mail server's answer is the only thing that marks it sent.
    """
    now = timezone.now()
    claimed = ReminderSent.objects.filter(
        pk=sent_id, sent_at__isnull=True, sending_since__isnull=True
    ).update(sending_since=now, attempts=F("attempts") + 1)
    if not claimed:
        return "already sent or being sent"
    sent = ReminderSent.objects.select_related("user__reminder_settings").get(pk=sent_id)
    message = reminder_message(sent, now)
    if message is None:
        # Nothing due any more (reviewed, mock cancelled): the period is done, quietly.
        ReminderSent.objects.filter(pk=sent_id).update(sending_since=None, sent_at=now)
        return "nothing to say"
    try:
        message.send()
    except DELIVERY_ERRORS:
        ReminderSent.objects.filter(pk=sent_id).update(sending_since=None)
        if sent.attempts < DELIVERY_ATTEMPTS and reminder_deliver.get_backend().supports_defer:
            reminder_deliver.using(run_after=delivery_retry_at(sent.attempts)).enqueue(sent_id)
        else:
            log.error(
                "reminder %s not retried after attempt %d", sent.idempotency_key, sent.attempts
            )
        raise
    ReminderSent.objects.filter(pk=sent_id).update(sending_since=None, sent_at=timezone.now())
    return "sent"

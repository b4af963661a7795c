"""What the mocks page lists, and marking a mock done: the page's logic, out of its views."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from prepapp.accounts.data_version import data_version_bump
from prepapp.mocks.models import MockInterview


def mock_lists(
    user, *, round_slug: str = "", status: str = "", now=None
) -> tuple[list[MockInterview], QuerySet]:
    """(upcoming, past) of the user's mocks with their round, narrowed by the list's filters.

    Upcoming: scheduled and still to come, soonest first, all of them (one query). Past:
    everything else, newest first, left unevaluated for the caller to page.
    """
    mocks = MockInterview.objects.for_user(user).select_related("round")
    if round_slug:
        mocks = mocks.filter(round__slug=round_slug)
    if status:
        mocks = mocks.filter(status=status)
    is_upcoming = Q(status=MockInterview.Status.SCHEDULED, scheduled_at__gte=now or timezone.now())
    upcoming = list(mocks.filter(is_upcoming).order_by("scheduled_at", "id"))
    return upcoming, mocks.exclude(is_upcoming).order_by("-scheduled_at", "-id")


def mock_mark_done(mock: MockInterview) -> bool:
    """Mark a mock done; False, changing nothing, for one still to come.

    A mock still to come has no feedback yet: marking it done would move it to "Past" and
    raise readiness for an interview that has not happened.
    """
    if not mock.has_started:
        return False
    mock.status = MockInterview.Status.DONE
    mock.save(update_fields=["status", "updated_at"])
    data_version_bump(mock.user_id)
    return True

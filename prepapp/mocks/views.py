from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject
from django.utils.http import http_date
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from prepapp.accounts.data_version import data_version_bump
from prepapp.htmx import partial_or_full, render_partial_or_page
from prepapp.library.models import Round
from prepapp.library.rubric import scores_given
from prepapp.library.selectors import rounds_in_order
from prepapp.mocks.calendar import (
    CONTENT_TYPE,
    calendar_build,
    feed_mocks,
    feed_validators,
    uid_host,
)
from prepapp.mocks.coverage import coverage_compute
from prepapp.mocks.feeds import feed_rotate
from prepapp.mocks.forms import MockFilterForm, MockInterviewForm
from prepapp.mocks.listing import mock_lists, mock_mark_done
from prepapp.mocks.models import CalendarFeed, MockInterview
from prepapp.navigation import next_url_safe
from prepapp.owned import owned_or_404
from prepapp.page_cache import page_cache_context
from prepapp.pagination import paginate
from prepapp.practice.models import Answer
from prepapp.zoned import ambiguous_note

# As many as a page of the answers list: the history is read newest first, and a page
# of 50 (all of them once) made the list the heaviest page of the site to render.
PAST_PER_PAGE = 20


def _feed_context(request) -> dict:
    feed = CalendarFeed.objects.for_user(request.user).first()
    url = request.build_absolute_uri(feed.get_absolute_url()) if feed else ""
    # webcal: opens the calendar app's "subscribe" dialog; same address otherwise.
    webcal = "webcal:" + url.split(":", 1)[1] if url else ""
    return {"feed": feed, "feed_url": url, "feed_webcal_url": webcal}


def _rows_build(request, filters: dict) -> dict:
    upcoming, past = mock_lists(
        request.user, round_slug=filters["round"], status=filters["status"]
    )
    # Uncounted: no COUNT query, whatever the length of the history.
    past = paginate(request, past, PAST_PER_PAGE, count=False)
    return {
        "past": past,
        "sections": [("upcoming", "Upcoming", upcoming), ("past", "Past", past)],
    }


@require_safe
def index(request):
    rounds = rounds_in_order()
    filter_form = MockFilterForm(request.GET, rounds=rounds)
    filters = filter_form.filters()
    context = {
        "filter_form": filter_form,
        "filtered": bool(filters["round"] or filters["status"]),
        # Read only inside the template's cached blocks: a hit runs none of their queries
        # (prepapp/page_cache.py; "Mark done" is a form, so the key has the CSRF secret).
        "rows": SimpleLazyObject(lambda: _rows_build(request, filters)),
        **page_cache_context(request, forms=True),
    }
    return render_partial_or_page(
        request,
        "mocks/list.html",
        "mocks",
        context,
        page_context=lambda: {
            "coverage": SimpleLazyObject(lambda: coverage_compute(request.user, rounds=rounds)),
            # Cached too: feed_rotate moves the data version.
            "calendar": SimpleLazyObject(lambda: _feed_context(request)),
        },
    )


def _form_context(form: MockInterviewForm) -> dict:
    primary, other = form.rubric_fields()
    return {"form": form, "rubric_primary": primary, "rubric_other": other}


def _saved_message(request, mock: MockInterview) -> None:
    messages.success(request, "Mock interview saved.")
    if note := ambiguous_note(mock.scheduled_at):
        messages.info(request, note)


@require_http_methods(["GET", "HEAD", "POST"])
def create(request):
    if request.method == "POST":
        form = MockInterviewForm(request.POST, user=request.user)
        if form.is_valid():
            mock = form.save()
            data_version_bump(request.user)
            _saved_message(request, mock)
            return redirect(mock)
    else:
        initial = {}
        slug = request.GET.get("round", "")
        if slug and (round_ := Round.objects.filter(slug=slug).first()):
            initial["round"] = round_
        form = MockInterviewForm(initial=initial, user=request.user)
    return render(request, "mocks/form.html", {**_form_context(form), "mock": None})


@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, pk):
    mock = owned_or_404(
        MockInterview.objects.select_related("round").prefetch_related(
            Prefetch("answers", Answer.objects.select_related("question", "user_question")),
            "questions",
            "mistakes",
        ),
        request.user,
        pk=pk,
    )
    if request.method == "POST":
        form = MockInterviewForm(request.POST, instance=mock, user=request.user)
        if form.is_valid():
            form.save()
            data_version_bump(request.user)
            _saved_message(request, mock)
            return redirect(mock)
    else:
        form = MockInterviewForm(instance=mock, user=request.user)
    return render(request, "mocks/form.html", {**_form_context(form), "mock": mock})


def _detail_prefetch(mock: MockInterview) -> MockInterview:
    prefetch_related_objects(
        [mock], "questions", "answers__question", "answers__user_question", "mistakes"
    )
    return mock


@require_safe
def detail(request, pk):
    # The mock itself always (a 404 is a 404); what only the cached block shows, lazily,
    # so a hit skips its queries (prepapp/page_cache.py; "Mark done" is a form). The
    # coaches' comments are another user's writes: outside the block, read every time.
    mock = owned_or_404(MockInterview.objects.select_related("round"), request.user, pk=pk)
    context = {
        "mock": mock,
        "full": SimpleLazyObject(lambda: _detail_prefetch(mock)),
        "scores": scores_given(mock),
        **page_cache_context(request, forms=True),
    }
    return render(request, "mocks/detail.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def delete(request, pk):
    mock = owned_or_404(MockInterview.objects.select_related("round"), request.user, pk=pk)
    if request.method == "POST":
        mock.delete()
        data_version_bump(request.user)
        messages.success(request, "Mock interview deleted.")
        return redirect("mocks:list")
    return render(request, "mocks/delete.html", {"mock": mock})


@require_POST
def mark_done(request, pk):
    mock = owned_or_404(MockInterview, request.user, pk=pk)
    if not mock_mark_done(mock):
        when = date_format(timezone.localtime(mock.scheduled_at), "j M Y, H:i")
        messages.error(
            request,
            f"This mock is on {when}, still to come: mark it done once it has started. "
            "If it happened earlier, edit its date and time first.",
        )
        return redirect(mock)
    messages.success(request, "Marked as done. Add your feedback below.")
    return redirect(reverse("mocks:edit", args=[mock.pk]) + "#feedback")


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def ics(request, pk):
    mock = owned_or_404(
        MockInterview.objects.select_related("round").prefetch_related("questions"),
        request.user,
        pk=pk,
    )
    content = calendar_build([mock], zone=request.user.zone, host=uid_host(request.get_host()))
    return _ics_response(content, f"mock-interview-{mock.pk}.ics")


@login_not_required
@require_safe
def feed(request, token):
    # Looked up by the unique token: an unknown or replaced token matches no row.
    feed = (
        CalendarFeed.objects.filter(token=token)
        .select_related("user")
        .only("user_id", "user__time_zone", "etag", "changed_at")
        .first()
    )
    if feed is None:
        raise Http404("No such calendar feed")
    content = calendar_build(
        feed_mocks(feed.user_id, timezone.now()),
        zone=feed.user.zone,
        host=uid_host(request.get_host()),
    )
    etag, last_modified = feed_validators(feed, content)
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = HttpResponse(content, content_type=CONTENT_TYPE)
        response["Content-Disposition"] = 'inline; filename="prepapp-mocks.ics"'
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # Calendars may keep a copy but must ask again (a 304 when nothing changed).
    response["Cache-Control"] = "private, no-cache"
    return response


@require_POST
def feed_reset(request):
    """Create the feed, or replace its secret so the old URL stops working."""
    _feed, created = feed_rotate(request.user)

    def full():
        messages.success(
            request,
            "Calendar feed created."
            if created
            else "Calendar feed reset: the old address is gone.",
        )
        return redirect(next_url_safe(request, reverse("mocks:list") + "#calendar"))

    return partial_or_full(
        request, lambda: render(request, "mocks/list.html#feed", _feed_context(request)), full
    )

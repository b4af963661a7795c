from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.formats import date_format
from django.utils.http import http_date
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from prepapp.accounts.data_version import data_version_bump
from prepapp.fields import id_parse
from prepapp.htmx import render_partial_or_page
from prepapp.library.models import Round
from prepapp.mocks.calendar import (
    CONTENT_TYPE,
    calendar_build,
    feed_mocks,
    feed_validators,
    uid_host,
)
from prepapp.mocks.coverage import coverage_compute
from prepapp.mocks.forms import MockFilterForm, MockInterviewForm
from prepapp.mocks.models import CalendarFeed, MockInterview, token_new
from prepapp.navigation import next_url_safe
from prepapp.practice import rubric
from prepapp.practice.models import Answer
from prepapp.zoned import ambiguous_note

PAST_PER_PAGE = 50
MAX_PAGE = 1000


def _page_number(raw: str | None) -> int:
    return min(id_parse(raw) or 1, MAX_PAGE)


def _feed_context(request) -> dict:
    feed = CalendarFeed.objects.filter(user=request.user).first()
    url = request.build_absolute_uri(feed.get_absolute_url()) if feed else ""
    # webcal: opens the calendar app's "subscribe" dialog; same address otherwise.
    webcal = "webcal:" + url.split(":", 1)[1] if url else ""
    return {"feed": feed, "feed_url": url, "feed_webcal_url": webcal}


@require_safe
def index(request):
    rounds = [*Round.objects.all()]
    filter_form = MockFilterForm(request.GET, rounds=rounds)
    filters = filter_form.filters()
    mocks = MockInterview.objects.for_user(request.user).select_related("round")
    if filters["round"]:
        mocks = mocks.filter(round__slug=filters["round"])
    if filters["status"]:
        mocks = mocks.filter(status=filters["status"])
    now = timezone.now()
    is_upcoming = Q(status=MockInterview.Status.SCHEDULED, scheduled_at__gte=now)
    upcoming = [*mocks.filter(is_upcoming).order_by("scheduled_at", "id")]
    # Pages by offset and one row more than shown: no COUNT query, whatever the data.
    page = _page_number(request.GET.get("page"))
    offset = (page - 1) * PAST_PER_PAGE
    past = [
        *mocks.exclude(is_upcoming).order_by("-scheduled_at", "-id")[
            offset : offset + PAST_PER_PAGE + 1
        ]
    ]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter_form": filter_form,
        "filtered": bool(filters["round"] or filters["status"]),
        "upcoming": upcoming,
        "past": past[:PAST_PER_PAGE],
        "page": page,
        "has_next": len(past) > PAST_PER_PAGE,
        "filter_query": query.urlencode(),
    }
    return render_partial_or_page(
        request,
        "mocks/list.html",
        "mocks",
        context,
        page_context=lambda: {
            "coverage": coverage_compute(request.user, rounds=rounds),
            **_feed_context(request),
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
    mock = get_object_or_404(
        MockInterview.objects.select_related("round").prefetch_related(
            Prefetch("answers", Answer.objects.select_related("question", "user_question")),
            "questions",
            "mistakes",
        ),
        pk=pk,
        user=request.user,
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


@require_safe
def detail(request, pk):
    mock = get_object_or_404(
        MockInterview.objects.select_related("round").prefetch_related(
            "questions",
            "answers__question",
            "answers__user_question",
            "mistakes",
        ),
        pk=pk,
        user=request.user,
    )
    scores = [
        (rubric.Dimension(d).label, value)
        for d in rubric.ALL_DIMENSIONS
        if (value := getattr(mock, rubric.score_field(d))) is not None
    ]
    return render(request, "mocks/detail.html", {"mock": mock, "scores": scores})


@require_http_methods(["GET", "HEAD", "POST"])
def delete(request, pk):
    mock = get_object_or_404(
        MockInterview.objects.select_related("round"), pk=pk, user=request.user
    )
    if request.method == "POST":
        mock.delete()
        data_version_bump(request.user)
        messages.success(request, "Mock interview deleted.")
        return redirect("mocks:list")
    return render(request, "mocks/delete.html", {"mock": mock})


@require_POST
def mark_done(request, pk):
    mock = get_object_or_404(MockInterview, pk=pk, user=request.user)
    if not mock.has_started:
        # A mock still to come has no feedback yet: marking it done would move it to
        # "Past" and raise readiness for an interview that has not happened.
        when = date_format(timezone.localtime(mock.scheduled_at), "j M Y, H:i")
        messages.error(
            request,
            f"This mock is on {when}, still to come: mark it done once it has started. "
            "If it happened earlier, edit its date and time first.",
        )
        return redirect(mock)
    mock.status = MockInterview.Status.DONE
    mock.save(update_fields=["status", "updated_at"])
    data_version_bump(request.user)
    messages.success(request, "Marked as done. Add your feedback below.")
    return redirect(reverse("mocks:edit", args=[mock.pk]) + "#feedback")


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def ics(request, pk):
    mock = get_object_or_404(
        MockInterview.objects.select_related("round").prefetch_related("questions"),
        pk=pk,
        user=request.user,
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
    feed, created = CalendarFeed.objects.get_or_create(user=request.user)
    if not created:
        feed.token = token_new()
        feed.created_at = timezone.now()
        feed.save(update_fields=["token", "created_at"])
    if request.htmx:
        return render(request, "mocks/list.html#feed", _feed_context(request))
    messages.success(
        request,
        "Calendar feed created." if created else "Calendar feed reset: the old address is gone.",
    )
    return redirect(next_url_safe(request, reverse("mocks:list") + "#calendar"))

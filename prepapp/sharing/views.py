"""Sharing pages: the candidate's Sharing settings, the coach's pages, the read-only link.

A coach's pages read the candidate's rows through prepapp.sharing.selectors, which start
from the share the coach holds; request.user is always the coach, never swapped.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from prepapp.dashboard.overview import overview_build
from prepapp.mocks.models import MockInterview
from prepapp.practice.models import Answer
from prepapp.sharing import selectors, services
from prepapp.sharing.forms import CommentForm, InviteForm, LinkForm, MarkForm, ScopeForm
from prepapp.sharing.models import ReadOnlyLink, Share
from prepapp.throttle import post_throttled

# Per signed-in client address, and per invited address: a coach gets at most a few
# mails an hour however many candidates (or one candidate, many times) invite them.
INVITE_PER_IP = "20/h"
INVITE_PER_EMAIL = "3/h"
# A coach writes into someone else's account: a runaway script is stopped here, a real
# coach never gets near it. (No email field, so only the address counts.)
COMMENT_PER_IP = "60/h"
NOINDEX = "noindex, nofollow, noarchive"


def _sharing_context(request, **forms) -> dict:
    shares, links = selectors.access_list(request.user)
    return {
        "shares": shares,
        "links": links,
        "invite_form": forms.get("invite_form") or InviteForm(request.user),
        "link_form": forms.get("link_form") or LinkForm(),
        "scope_choices": Share.Scope.choices,
    }


@require_http_methods(["GET", "HEAD", "POST"])
@post_throttled("share_invite", per_ip=INVITE_PER_IP, per_email=INVITE_PER_EMAIL)
def sharing_settings(request):
    """Settings → Sharing: who has access, the invite form and read-only links."""
    posted = request.method == "POST"
    form = InviteForm(request.user, request.POST if posted else None)
    if posted and form.is_valid():
        services.share_invite(
            request.user,
            form.cleaned_data["email"],
            form.cleaned_data["scope"],
            request.build_absolute_uri,
        )
        messages.success(request, f"Invitation sent to {form.cleaned_data['email']}.")
        return redirect("sharing:settings")
    return render(request, "sharing/settings.html", _sharing_context(request, invite_form=form))


def _own_share(request, pk: int) -> Share:
    return get_object_or_404(Share.objects.for_user(request.user), pk=pk)


@require_POST
def share_scope(request, pk):
    share = _own_share(request, pk)
    form = ScopeForm(request.POST)
    if form.is_valid():
        services.share_scope_set(share, form.cleaned_data["scope"])
        messages.success(request, "What this coach sees is changed.")
    else:
        messages.error(request, "Choose which answers this coach sees.")
    return redirect("sharing:settings")


@require_POST
def share_revoke(request, pk):
    share = _own_share(request, pk)
    services.share_revoke(share)
    messages.success(request, f"{share.invite_email} no longer has access.")
    return redirect("sharing:settings")


@require_POST
def link_create(request):
    form = LinkForm(request.POST)
    if not form.is_valid():
        return render(request, "sharing/settings.html", _sharing_context(request, link_form=form))
    link, token = services.link_create(
        request.user, form.cleaned_data["days"], form.cleaned_data["label"]
    )
    # Shown once, in this response: only its hash is kept, so no later page can show it.
    url = request.build_absolute_uri(reverse("sharing:link_view", args=[token]))
    return render(request, "sharing/link_created.html", {"link": link, "url": url})


@require_POST
def link_revoke(request, pk):
    link = get_object_or_404(ReadOnlyLink.objects.for_user(request.user), pk=pk)
    services.link_revoke(link)
    messages.success(request, "The link is revoked: it no longer opens anything.")
    return redirect("sharing:settings")


@require_POST
def answer_mark(request, pk):
    answer = get_object_or_404(Answer.objects.for_user(request.user), pk=pk)
    form = MarkForm(request.POST)
    shared = form.is_valid() and form.cleaned_data["shared"]
    services.answer_mark(answer, shared)
    messages.success(request, "Marked as shared." if shared else "No longer marked as shared.")
    return redirect("practice:answer", pk=answer.pk)


@require_POST
def comment_resolve(request, pk):
    comment = selectors.comment_for_candidate(request.user, pk)
    services.comment_resolve(comment, resolved=request.POST.get("reopen") != "1")
    if comment.answer_id:
        return redirect("practice:answer", pk=comment.answer_id)
    return redirect("mocks:detail", pk=comment.mock_id)


def _invitation(token: str) -> Share:
    share_id = services.invite_share_id(token)
    share = (
        Share.objects.filter(pk=share_id, accepted_at__isnull=True, revoked_at__isnull=True)
        .select_related("candidate")
        .first()
        if share_id
        else None
    )
    # Forged, too old, used or withdrawn: the same 404, so the link says nothing more.
    if share is None:
        raise Http404("No such invitation")
    return share


@require_http_methods(["GET", "HEAD", "POST"])
def accept(request, token):
    share = _invitation(token)
    own = share.candidate_id == request.user.pk
    if request.method == "POST" and not own:
        try:
            services.share_accept(share, request.user)
        except services.ShareRefused as refused:
            messages.error(request, str(refused))
            return redirect("sharing:coaching")
        messages.success(request, f"You can now see {share.candidate.email}'s preparation.")
        return redirect("sharing:coach_view", pk=share.pk)
    return render(request, "sharing/accept.html", {"share": share, "own": own, "token": token})


@require_safe
def coaching(request):
    """Shared with me: the candidates whose preparation the user may read."""
    return render(
        request, "sharing/coaching.html", {"shares": selectors.coaching_shares(request.user)}
    )


def _coach_share(request, pk: int) -> Share:
    share = selectors.share_for_coach(request.user, pk)
    services.seen_mark(Share, share.pk)
    return share


@require_safe
def coach_view(request, pk):
    share = _coach_share(request, pk)
    candidate = share.candidate
    overview = overview_build(candidate)
    context = {
        "share": share,
        "candidate": candidate,
        "o": overview,
        "answers": list(
            selectors.shared_answers(candidate, share.scope)[: selectors.ANSWERS_SHOWN]
        ),
        "mocks": list(selectors.shared_mocks(candidate)[: selectors.ANSWERS_SHOWN]),
    }
    return render(request, "sharing/coach_view.html", context)


def _comment_page(request, share, template, target: dict, context: dict):
    posted = request.method == "POST"
    form = CommentForm(request.POST if posted else None)
    if posted and form.is_valid():
        services.comment_add(request.user, form.cleaned_data["body"], **target)
        messages.success(request, "Comment added.")
        return redirect(request.path)
    comments = [c for c in selectors.comments_on(**target) if c.author_id == request.user.pk]
    context = {**context, "share": share, "form": form, "comments": comments}
    return render(request, template, context)


@require_http_methods(["GET", "HEAD", "POST"])
@post_throttled("comment", per_ip=COMMENT_PER_IP, per_email=COMMENT_PER_IP)
def coach_answer(request, pk, answer_pk):
    share = _coach_share(request, pk)
    answer = selectors.shared_answer(share, answer_pk)
    return _comment_page(
        request, share, "sharing/coach_answer.html", {"answer": answer}, {"answer": answer}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@post_throttled("comment", per_ip=COMMENT_PER_IP, per_email=COMMENT_PER_IP)
def coach_mock(request, pk, mock_pk):
    share = _coach_share(request, pk)
    mock: MockInterview = selectors.shared_mock(share, mock_pk)
    return _comment_page(request, share, "sharing/coach_mock.html", {"mock": mock}, {"mock": mock})


@login_not_required
@require_safe
def link_view(request, token):
    link = selectors.link_for_token(token)
    services.seen_mark(ReadOnlyLink, link.pk)
    candidate = link.candidate
    overview = overview_build(candidate)
    context = {
        "link": link,
        "candidate": candidate,
        "o": overview,
        "answers": list(
            selectors.shared_answers(candidate, Share.Scope.MARKED)[: selectors.ANSWERS_SHOWN]
        ),
    }
    response = render(request, "sharing/link_view.html", context)
    response["X-Robots-Tag"] = NOINDEX
    # Someone else's data: no shared cache keeps it, whoever opens it.
    patch_cache_control(response, private=True, no_store=True)
    return response

"""Practise now: a session of a few picked questions, one step at a time.

Each step: the question → write (timer) → save → feedback first → self-assessment and
recall grade → the next question; then a summary. Plain forms and redirects, so it works
without JavaScript; htmx boosts the forms so the page swaps without a reload.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from prepapp.library.rubric import round_dimensions
from prepapp.owned import owned_or_404
from prepapp.practice.answers import answer_assess, answer_create
from prepapp.practice.drafts import draft_body, draft_save
from prepapp.practice.forms import AnswerWriteForm, SelfAssessmentForm, SessionStartForm
from prepapp.practice.models import Answer, PracticeSession, ReviewCard
from prepapp.practice.selectors import (
    ANSWER_RELATED,
    answer_findings_shown,
    grades_shown,
    mistake_pairs,
    question_context,
)
from prepapp.practice.sessions import (
    session_answered,
    session_answered_count,
    session_assessed,
    session_current,
    session_finish,
    session_skip,
    session_start,
    session_summary,
    step_target,
)
from prepapp.practice.views.review import review_grade
from prepapp.practice.views.writing import draft_query, preview_of


def _user_session(request, pk) -> PracticeSession:
    return owned_or_404(PracticeSession.objects.select_related("round"), request.user, pk=pk)


@require_http_methods(["GET", "HEAD", "POST"])
def session_new(request):
    """Start a session: one click with the defaults, or a round and a length chosen."""
    form = SessionStartForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        session = session_start(
            request.user, round=form.cleaned_data["round"], length=form.cleaned_data["length"]
        )
        return redirect(session)
    unfinished = (
        PracticeSession.objects.for_user(request.user).filter(finished_at__isnull=True).first()
    )
    return render(request, "practice/session_new.html", {"form": form, "unfinished": unfinished})


def _write_step(request, session, step, question, user_question):
    context = question_context(question, user_question)
    data = request.POST if request.method == "POST" else None
    previewing = preview_of(request)
    restored = ""
    if data is None:
        restored = draft_body(request.user, question=question, user_question=user_question)
    form = AnswerWriteForm(data, initial={"body": restored} if restored else None)
    if data is not None and previewing is None and form.is_valid():
        answer = answer_create(
            Answer(
                user=request.user,
                question=question,
                user_question=user_question,
                **form.cleaned_data,
            )
        )
        session_answered(session, answer)
        return redirect(session)
    if previewing is not None:
        draft_save(
            request.user, data.get("body", ""), question=question, user_question=user_question
        )
    context |= {
        "session": session,
        "step": step,
        "stage": "write",
        "form": form,
        "preview_html": previewing,
        "draft_url": draft_query(question, user_question),
        "draft_restored": bool(restored),
    }
    return render(request, "practice/session.html", context)


def _assess_step(request, session, step, question, user_question):
    answer = owned_or_404(
        Answer.objects.select_related(*ANSWER_RELATED), request.user, pk=step["answer"]
    )
    context = question_context(question, user_question)
    round_ = context["round"]
    target = {"question": question} if question else {"user_question": user_question}
    card = ReviewCard.objects.for_user(request.user).filter(**target).first()
    form = SelfAssessmentForm(
        request.POST if request.method == "POST" else None,
        instance=answer,
        dimensions=round_dimensions(round_.slug if round_ else None),
        mistake_pairs=mistake_pairs(),
    )
    if request.method == "POST" and form.is_valid():
        answer_assess(answer, form.scores(), form.cleaned_data["mistakes"])
        rating = form.cleaned_data["rating"]
        if rating and card is not None and card.is_due:
            card, message, level = review_grade(request, card, rating, answer)
            messages.add_message(request, level, message)
        session_assessed(session)
        return redirect(session)
    shown = answer_findings_shown(answer, request.user)
    likely = {*shown["found_mistakes"]}
    likely |= {
        p.pk for p in form.mistake_pairs if context["topic"] and p.topic_id == context["topic"].pk
    }
    context |= {
        "session": session,
        "step": step,
        "stage": "assess",
        "answer": answer,
        "form": form,
        **shown,
        "mistakes": form.mistake_groups(likely=likely),
        "card": card,
        "grades": grades_shown(card) if card and card.is_due else [],
        "guidance_open": True,
    }
    return render(request, "practice/session.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def session(request, pk):
    session = _user_session(request, pk)
    if request.method == "POST" and request.POST.get("finish"):
        session_finish(session)
        return redirect("practice:session_summary", pk=session.pk)
    step = session_current(session)
    if step is None:
        return redirect("practice:session_summary", pk=session.pk)
    if request.method == "POST" and request.POST.get("skip") and not step.get("answer"):
        session_skip(session)
        messages.info(request, "Skipped: here is another question.")
        return redirect(session)
    question, user_question = step_target(step, request.user)
    if question is None and user_question is None:
        # The question went away (an own question deleted): move on without it.
        step["answer"] = None
        session_skip(session)
        return redirect(session)
    stage = "assess" if step.get("answer") else "write"
    if request.method == "POST" and request.POST.get("stage", stage) != stage:
        # A form from an earlier step (a second tab, Back then resubmit): it must not count
        # as this step's answer or grade. Nothing changes; the current step is shown.
        messages.info(request, "That step is done already: here is where the session is.")
        return redirect(session)
    if stage == "assess":
        return _assess_step(request, session, step, question, user_question)
    return _write_step(request, session, step, question, user_question)


@require_safe
def session_summary_page(request, pk):
    session = _user_session(request, pk)
    summary = session_summary(session)
    context = {
        "session": session,
        "summary": summary,
        "answered": session_answered_count(session),
        "due_url": reverse("practice:due"),
    }
    return render(request, "practice/session_summary.html", context)

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_http_methods, require_safe

from prepapp.accounts.data_version import data_version_bump
from prepapp.htmx import render_partial_or_page
from prepapp.library.models import Question
from prepapp.library.rubric import Dimension, round_dimensions, scores_shown
from prepapp.owned import owned_or_404
from prepapp.page_cache import page_cache_context
from prepapp.pagination import paginate
from prepapp.practice.answer_list import answers_listed, listed_rows
from prepapp.practice.answers import answer_save
from prepapp.practice.attempts import attempts_compare
from prepapp.practice.filters import AnswerFilterForm, answers_filter
from prepapp.practice.forms import AnswerForm, ReviewForm
from prepapp.practice.models import Answer, Finding, ReviewCard, UserQuestion
from prepapp.practice.selectors import (
    ANSWER_RELATED,
    answer_findings_shown,
    grades_shown,
    mistake_pairs,
    question_context,
    self_checks,
)

PAGE_SIZE = 20


def _user_answer(request, pk: int) -> Answer:
    return owned_or_404(Answer.objects.select_related(*ANSWER_RELATED), request.user, pk=pk)


def _answers_page(request, filters: dict):
    queryset = answers_filter(
        Answer.objects.for_user(request.user).select_related(*ANSWER_RELATED), filters
    )
    page = paginate(request, answers_listed(queryset), PAGE_SIZE)
    page.object_list = list(page.object_list)
    listed_rows(page.object_list)
    return page


@require_safe
def answers(request):
    if request.GET:
        filter_form = AnswerFilterForm(request.GET)
        filters = filter_form.filters()
    else:
        # Unbound, the form is rendered only when its cached copy is missing.
        filter_form, filters = SimpleLazyObject(lambda: AnswerFilterForm(None)), {}
    context = {
        "filter_form": filter_form,
        "filter_bound": bool(request.GET),
        # Built (its count and rows read) only when the cached rows are missing.
        "page": SimpleLazyObject(lambda: _answers_page(request, filters)),
        "filtered": bool(filters),
        **page_cache_context(request),
    }
    return render_partial_or_page(request, "practice/answers.html", "results", context)


def _answer_shown(request, pk: int) -> dict:
    """What the answer page's cached block shows (answer.html names each with {% with %})."""
    answer = _user_answer(request, pk)
    target = (
        {"question": answer.question}
        if answer.question_id
        else {"user_question": answer.user_question}
    )
    card = ReviewCard.objects.for_user(request.user).filter(**target).first()
    round_ = answer.round
    return {
        "answer": answer,
        "round": round_,
        "topic": (answer.question or answer.user_question).topic,
        "suggested_seconds": (
            answer.question.suggested_seconds
            if answer.question_id
            else (round_.typical_minutes * 60 if round_ else None)
        ),
        "scores": scores_shown(answer, round_dimensions(round_.slug if round_ else None)),
        **answer_findings_shown(answer, request.user),
        "tagged": answer.mistakes.select_related("topic"),
        "card": card,
        "grades": grades_shown(card) if card and card.is_due else [],
    }


@require_safe
def answer(request, pk):
    # Only whether the answer is the user's is read on every visit: the rest of the page
    # is a cached block (prepapp/page_cache.py), read when it is missing. It holds the
    # review form, so its key has the CSRF secret. The sharing tag, outside the block,
    # reads the share mark and the coaches' comments each time: a coach's comment does
    # not move this user's data version.
    owned = owned_or_404(Answer.objects.only("pk"), request.user, pk=pk)
    context = {
        "answer": owned,
        "shown": SimpleLazyObject(lambda: _answer_shown(request, owned.pk)),
        "review_form": SimpleLazyObject(ReviewForm),
        "answer_id": owned.pk,
        "next": request.get_full_path(),
        # After the attempt, what a strong answer covers is shown open.
        "guidance_open": True,
        **page_cache_context(request, forms=True),
    }
    return render(request, "practice/answer.html", context)


def _history(request, *, question=None, user_question=None):
    target = {"question": question} if question else {"user_question": user_question}

    def attempts():
        return attempts_compare(
            Answer.objects.for_user(request.user)
            .filter(**target)
            # The table shows no text: bodies run to 20,000 characters and their HTML as
            # much again, and reading 50 attempts' was most of the page's time (make bench).
            .defer("body", "body_html")
            .prefetch_related(
                Prefetch("findings", queryset=Finding.objects.only("answer", "code"))
            )
            .order_by("created_at", "pk"),
            dimensions,
        )

    round_ = (question or user_question).round
    dimensions = round_dimensions(round_.slug if round_ else None)
    context = {
        "question": question,
        "user_question": user_question,
        "round": round_,
        "topic": (question or user_question).topic,
        "dimensions": [Dimension(d).label for d in dimensions],
        # Both read only when the cached history is missing.
        "attempts": SimpleLazyObject(attempts),
        "card": SimpleLazyObject(
            lambda: ReviewCard.objects.for_user(request.user).filter(**target).first()
        ),
        "practise_url": (
            f"{reverse('practice:new')}?question={question.slug}"
            if question
            else f"{reverse('practice:new')}?own={user_question.pk}"
        ),
        **page_cache_context(request),
    }
    return render(request, "practice/history.html", context)


@require_safe
def history(request, slug):
    question = get_object_or_404(Question.objects.select_related("round", "topic"), slug=slug)
    return _history(request, question=question)


@require_safe
def own_history(request, pk):
    user_question = owned_or_404(
        UserQuestion.objects.select_related("round", "topic"), request.user, pk=pk
    )
    return _history(request, user_question=user_question)


@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, pk):
    answer = _user_answer(request, pk)
    context = question_context(answer.question, answer.user_question)
    round_ = context["round"]
    form = AnswerForm(
        request.POST if request.method == "POST" else None,
        instance=answer,
        dimensions=round_dimensions(round_.slug if round_ else None),
        mistake_pairs=mistake_pairs(),
    )
    if request.method == "POST" and form.is_valid():
        answer = form.save(commit=False)
        answer_save(answer, mistakes=form.cleaned_data["mistakes"])
        messages.success(request, "Answer updated.")
        return redirect(answer)
    context |= {
        "form": form,
        "answer": answer,
        "mistakes": form.mistake_groups(first_topic=context["topic"]),
        "self_checks": self_checks(form.mistake_pairs),
        "action": reverse("practice:edit", args=[pk]),
    }
    return render(request, "practice/edit.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def delete(request, pk):
    answer = _user_answer(request, pk)
    if request.method == "POST":
        answer.delete()
        data_version_bump(request.user)
        messages.success(request, "Answer deleted.")
        return redirect("practice:answers")
    return render(request, "practice/delete.html", {"answer": answer})

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from prepapp.accounts.data_version import data_version_bump
from prepapp.htmx import render_partial_or_page
from prepapp.library.models import Question
from prepapp.library.rubric import Dimension, round_dimensions, scores_shown
from prepapp.owned import owned_or_404
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


@require_safe
def answers(request):
    filter_form = AnswerFilterForm(request.GET or None)
    filters = filter_form.filters() if request.GET else {}
    queryset = answers_filter(
        Answer.objects.for_user(request.user).select_related(*ANSWER_RELATED), filters
    )
    page = paginate(request, answers_listed(queryset), PAGE_SIZE)
    page.object_list = list(page.object_list)
    listed_rows(page.object_list)
    context = {"filter_form": filter_form, "page": page, "filtered": bool(filters)}
    return render_partial_or_page(request, "practice/answers.html", "results", context)


@require_safe
def answer(request, pk):
    answer = _user_answer(request, pk)
    target = (
        {"question": answer.question}
        if answer.question_id
        else {"user_question": answer.user_question}
    )
    card = ReviewCard.objects.for_user(request.user).filter(**target).first()
    round_ = answer.round
    context = {
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
        "review_form": ReviewForm(),
        "answer_id": answer.pk,
        "next": request.get_full_path(),
        # After the attempt, what a strong answer covers is shown open.
        "guidance_open": True,
    }
    return render(request, "practice/answer.html", context)


def _history(request, *, question=None, user_question=None):
    target = {"question": question} if question else {"user_question": user_question}
    attempts = (
        Answer.objects.for_user(request.user)
        .filter(**target)
        # The table shows no text: bodies run to 20,000 characters and their HTML as much
        # again, and reading 50 attempts' was most of the page's time (make bench).
        .defer("body", "body_html")
        .prefetch_related(Prefetch("findings", queryset=Finding.objects.only("answer", "code")))
        .order_by("created_at", "pk")
    )
    round_ = (question or user_question).round
    dimensions = round_dimensions(round_.slug if round_ else None)
    context = {
        "question": question,
        "user_question": user_question,
        "round": round_,
        "topic": (question or user_question).topic,
        "dimensions": [Dimension(d).label for d in dimensions],
        "attempts": attempts_compare(attempts, dimensions),
        "card": ReviewCard.objects.for_user(request.user).filter(**target).first(),
        "practise_url": (
            f"{reverse('practice:new')}?question={question.slug}"
            if question
            else f"{reverse('practice:new')}?own={user_question.pk}"
        ),
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

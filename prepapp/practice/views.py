from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from prepapp.accounts.data_version import data_version_bump
from prepapp.fields import id_parse
from prepapp.htmx import render_partial_or_page
from prepapp.library.models import MistakePair, Question
from prepapp.library.rubric import LEVELS, Dimension, round_dimensions, score_field
from prepapp.navigation import next_url_safe
from prepapp.practice.answer_list import answers_listed, listed_rows
from prepapp.practice.answers import answer_expectations, answer_save
from prepapp.practice.attempts import attempts_compare
from prepapp.practice.feedback import CHECKS
from prepapp.practice.filters import AnswerFilterForm, answers_filter
from prepapp.practice.forms import AnswerForm, ReviewForm, UserQuestionForm
from prepapp.practice.highlight import evidence_marks
from prepapp.practice.models import Answer, Finding, ReviewCard, UserQuestion
from prepapp.practice.own_questions import own_question_get_or_create
from prepapp.practice.scheduling import ReviewNotDue, card_review, cards_due

PAGE_SIZE = 20
ANSWER_RELATED = (
    "question__round",
    "question__topic",
    "user_question__round",
    "user_question__topic",
)


def _user_answer(request, pk: int) -> Answer:
    return get_object_or_404(
        Answer.objects.select_related(*ANSWER_RELATED), pk=pk, user=request.user
    )


def _mistake_pairs():
    return MistakePair.objects.select_related("topic").order_by("topic__order", "title")


def _question_context(question=None, user_question=None) -> dict:
    """What the practise and edit pages show about the question being answered."""
    target = question or user_question
    round_ = target.round if target else None
    return {
        "question": question,
        "user_question": user_question,
        "round": round_,
        "topic": target.topic if target else None,
        "suggested_seconds": round_.typical_minutes * 60 if round_ else None,
        # "This answer will be checked for…".
        "expectations": answer_expectations(question, user_question),
    }


def _self_checks(pairs) -> list:
    """The mistakes no automatic check reads: the form lists them to check yourself."""
    covered = {check.mistake_slug for check in CHECKS}
    return [pair for pair in pairs if pair.slug not in covered]


def _findings_shown(answer: Answer, user) -> dict:
    """Findings with their evidence marked in the answer, and how they compare with the
    previous attempt at the same question."""
    findings = list(answer.findings.select_related("mistake"))
    target = (
        {"question_id": answer.question_id}
        if answer.question_id
        else {"user_question_id": answer.user_question_id}
    )
    previous = (
        Answer.objects.for_user(user)
        .filter(**target)
        .filter(
            Q(created_at__lt=answer.created_at) | Q(created_at=answer.created_at, pk__lt=answer.pk)
        )
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    # Always one query, so the page's query count does not depend on the history.
    previous_codes = set(
        Finding.objects.filter(answer_id=previous or 0).values_list("code", flat=True)
    )
    expected = {
        e.code: e.reason
        for e in answer_expectations(
            answer.question if answer.question_id else None,
            answer.user_question if answer.user_question_id else None,
        )
    }
    titles = {check.code: check.title for check in CHECKS}
    shown, evidence = [], []
    for finding in findings:
        anchor = f"evidence-{finding.code}"
        quotes = [q for q in finding.evidence if isinstance(q, str)]
        evidence += [(anchor, q) for q in quotes]
        status = None
        if previous:
            status = "still there" if finding.code in previous_codes else "new"
        shown.append(
            {
                "finding": finding,
                "title": finding.title,
                "quotes": quotes,
                "anchor": anchor,
                "expected": expected.get(finding.code, ""),
                "status": status,
            }
        )
    current = {f.code for f in findings}
    body, anchors = evidence_marks(answer.body_html, evidence)
    for item in shown:
        # The link goes to the mark on the page, or nowhere when the quote is not found.
        item["anchor"] = anchors.get(item["anchor"], "")
    return {
        "findings_shown": shown,
        "previous_answer_id": previous,
        "fixed": [titles.get(c, c) for c in titles if c in previous_codes - current],
        "body_marked": body,
    }


@require_safe
def answers(request):
    filter_form = AnswerFilterForm(request.GET or None)
    filters = filter_form.filters() if request.GET else {}
    queryset = answers_filter(
        Answer.objects.for_user(request.user).select_related(*ANSWER_RELATED), filters
    )
    page = Paginator(answers_listed(queryset), PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    listed_rows(page.object_list)
    context = {"filter_form": filter_form, "page": page, "filtered": bool(filters)}
    return render_partial_or_page(request, "practice/answers.html", "results", context)


@require_http_methods(["GET", "HEAD", "POST"])
def new(request):
    question = user_question = None
    if slug := request.GET.get("question"):
        question = get_object_or_404(
            Question.objects.select_related("round", "topic"), slug=slug[:80]
        )
    elif own := request.GET.get("own"):
        if (own_id := id_parse(own)) is None:
            raise Http404("No such question.")
        user_question = get_object_or_404(
            UserQuestion.objects.select_related("round", "topic"),
            pk=own_id,
            user=request.user,
        )
    context = _question_context(question, user_question)
    round_ = context["round"]
    data = request.POST if request.method == "POST" else None
    answer = Answer(user=request.user, question=question, user_question=user_question)
    form = AnswerForm(
        data,
        instance=answer,
        dimensions=round_dimensions(round_.slug if round_ else None),
        mistake_pairs=_mistake_pairs(),
    )
    question_form = None
    if question is None and user_question is None:
        question_form = UserQuestionForm(data, prefix="own")
    if data is not None:
        valid = [form.is_valid(), question_form.is_valid() if question_form else True]
        if all(valid):
            with transaction.atomic():
                if question_form:
                    # The same question typed again (any case or spacing) is the same one.
                    user_question = own_question_get_or_create(
                        request.user,
                        question_form.cleaned_data["text"],
                        round=question_form.cleaned_data["round"],
                        topic=question_form.cleaned_data["topic"],
                    )
                answer = form.save(commit=False)
                answer.user_question = user_question
                answer_save(answer, mistakes=form.cleaned_data["mistakes"])
            messages.success(request, "Answer saved.")
            return redirect(answer)
    context |= {
        "form": form,
        "question_form": question_form,
        "mistakes": form.mistake_groups(first_topic=context["topic"]),
        "self_checks": _self_checks(form.mistake_pairs),
        "action": request.get_full_path(),
    }
    return render(request, "practice/new.html", context, status=200)


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
    scores = []
    for dimension in round_dimensions(round_.slug if round_ else None):
        value = getattr(answer, score_field(dimension))
        scores.append((Dimension(dimension).label, value, LEVELS.get(value, "")))
    context = {
        "answer": answer,
        "round": round_,
        "topic": (answer.question or answer.user_question).topic,
        "suggested_seconds": round_.typical_minutes * 60 if round_ else None,
        "scores": scores,
        **_findings_shown(answer, request.user),
        "tagged": answer.mistakes.select_related("topic"),
        "card": card,
        "review_form": ReviewForm(),
        "answer_id": answer.pk,
        "next": request.get_full_path(),
    }
    return render(request, "practice/answer.html", context)


def _history(request, *, question=None, user_question=None):
    target = {"question": question} if question else {"user_question": user_question}
    attempts = (
        Answer.objects.for_user(request.user)
        .filter(**target)
        .prefetch_related("findings")
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
    user_question = get_object_or_404(
        UserQuestion.objects.select_related("round", "topic"), pk=pk, user=request.user
    )
    return _history(request, user_question=user_question)


@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, pk):
    answer = _user_answer(request, pk)
    context = _question_context(answer.question, answer.user_question)
    round_ = context["round"]
    form = AnswerForm(
        request.POST if request.method == "POST" else None,
        instance=answer,
        dimensions=round_dimensions(round_.slug if round_ else None),
        mistake_pairs=_mistake_pairs(),
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
        "self_checks": _self_checks(form.mistake_pairs),
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


@require_safe
def due(request):
    # The newest answer to each card's question, so the queue can link to it.
    last_answer = Answer.objects.filter(user=OuterRef("user")).order_by("-created_at", "-pk")
    cards = cards_due(request.user).annotate(
        last_answer_id=Coalesce(
            Subquery(last_answer.filter(question=OuterRef("question")).values("pk")[:1]),
            Subquery(last_answer.filter(user_question=OuterRef("user_question")).values("pk")[:1]),
        )
    )
    page = Paginator(cards, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "practice/due.html", {"page": page})


@require_POST
def review(request, pk):
    card = get_object_or_404(
        ReviewCard.objects.select_related("question", "user_question"), pk=pk, user=request.user
    )
    form = ReviewForm(request.POST)
    next_url = next_url_safe(request, default=reverse("practice:due"))
    answer = None
    if form.is_valid():
        if answer_id := form.cleaned_data["answer"]:
            # Only an answer to this card's question is linked to the log.
            answer = (
                Answer.objects.for_user(request.user)
                .filter(
                    pk=answer_id,
                    question_id=card.question_id,
                    user_question_id=card.user_question_id,
                )
                .first()
            )
        level = messages.SUCCESS
        try:
            card_review(card, form.cleaned_data["rating"], answer=answer)
        except ReviewNotDue as refused:
            # A second grade of the same review (double click, another tab): the first
            # one stands, and the user is told when the card is due instead of a 500.
            card, level = refused.card, messages.INFO
            next_due = date_format(timezone.localtime(card.due), "j M Y, H:i")
            message = f"Already graded: this question is not due again until {next_due}."
        else:
            next_due = date_format(timezone.localtime(card.due), "j M Y, H:i")
            message = f"Next review: {next_due}."
        if request.htmx:
            context = {
                "card": card,
                "answer_id": answer.pk if answer else None,
                "review_form": ReviewForm(),
                "next": next_url,
                "reviewed": message,
            }
            return render(request, "practice/answer.html#review", context)
        messages.add_message(request, level, message)
        return redirect(next_url)
    if request.htmx:
        context = {
            "card": card,
            "answer_id": id_parse(form.data.get("answer")),
            "review_form": form,
            "next": next_url,
        }
        return render(request, "practice/answer.html#review", context, status=422)
    messages.error(request, "Pick Again, Hard, Good or Easy to grade your recall.")
    return redirect(next_url)

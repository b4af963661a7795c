"""Writing an answer: the practise page, its live preview and its draft kept as you type."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from prepapp.fields import id_parse
from prepapp.library.models import Question
from prepapp.library.rubric import round_dimensions
from prepapp.owned import owned_or_404
from prepapp.practice.answers import answer_create
from prepapp.practice.drafts import draft_body, draft_save
from prepapp.practice.forms import AnswerForm, UserQuestionForm
from prepapp.practice.markdown import markdown_render
from prepapp.practice.models import BODY_MAX_LENGTH, Answer, UserQuestion
from prepapp.practice.selectors import mistake_pairs, question_context, self_checks


def question_from_query(request):
    """(bank question, own question) named by ?question=<slug> or ?own=<id>; 404 if unknown."""
    question = user_question = None
    if slug := request.GET.get("question"):
        question = get_object_or_404(
            Question.objects.select_related("round", "topic"), slug=slug[:80]
        )
    elif own := request.GET.get("own"):
        if (own_id := id_parse(own)) is None:
            raise Http404("No such question.")
        user_question = owned_or_404(
            UserQuestion.objects.select_related("round", "topic"), request.user, pk=own_id
        )
    return question, user_question


def draft_query(question, user_question) -> str:
    if question is not None:
        return f"{reverse('practice:draft')}?question={question.slug}"
    return f"{reverse('practice:draft')}?own={user_question.pk}"


def preview_of(request) -> str | None:
    """The preview asked for by a "Preview" submit: the body rendered as it will be saved."""
    if request.method != "POST" or not request.POST.get("preview"):
        return None
    return markdown_render(request.POST.get("body", "")[:BODY_MAX_LENGTH])


@require_http_methods(["GET", "HEAD", "POST"])
def new(request):
    question, user_question = question_from_query(request)
    context = question_context(question, user_question)
    round_ = context["round"]
    previewing = preview_of(request)
    data = request.POST if request.method == "POST" else None
    restored = ""
    if data is None and (question or user_question):
        restored = draft_body(request.user, question=question, user_question=user_question)
    form = AnswerForm(
        data,
        instance=Answer(user=request.user, question=question, user_question=user_question),
        initial={"body": restored} if restored else None,
        dimensions=round_dimensions(round_.slug if round_ else None),
        mistake_pairs=mistake_pairs(),
    )
    question_form = None
    if question is None and user_question is None:
        question_form = UserQuestionForm(data, prefix="own")
    if data is not None and previewing is None:
        valid = [form.is_valid(), question_form.is_valid() if question_form else True]
        if all(valid):
            answer = answer_create(
                form.save(commit=False),
                mistakes=form.cleaned_data["mistakes"],
                own_question=question_form.cleaned_data if question_form else None,
            )
            messages.success(request, "Answer saved.")
            return redirect(answer)
    if previewing is not None and (question or user_question):
        # Without JavaScript the preview is a round trip: keep the text server side too.
        draft_save(
            request.user, data.get("body", ""), question=question, user_question=user_question
        )
    context |= {
        "form": form,
        "question_form": question_form,
        "mistakes": form.mistake_groups(first_topic=context["topic"]),
        "self_checks": self_checks(form.mistake_pairs),
        "action": request.get_full_path(),
        "preview_html": previewing,
        "draft_url": draft_query(question, user_question) if question or user_question else "",
        "draft_restored": bool(restored),
        "assessment_open": bool(
            form.errors and any(f in form.errors for f in form.fields if f.startswith("score_"))
        ),
    }
    return render(request, "practice/new.html", context)


@require_POST
def preview(request):
    """The preview pane for htmx: the same markdown_render the saved answer goes through."""
    body = request.POST.get("body", "")[:BODY_MAX_LENGTH]
    return render(request, "practice/_preview.html", {"preview_html": markdown_render(body)})


@require_POST
def draft(request):
    """Keep the text typed so far for this question (htmx, as the user types)."""
    question, user_question = question_from_query(request)
    if question is None and user_question is None:
        raise Http404("No such question.")
    saved = draft_save(
        request.user, request.POST.get("body", ""), question=question, user_question=user_question
    )
    return HttpResponse("Draft saved." if saved else "", content_type="text/plain; charset=utf-8")

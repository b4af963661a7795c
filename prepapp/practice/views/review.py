from __future__ import annotations

from django.contrib import messages
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_POST, require_safe

from prepapp.fields import id_parse
from prepapp.htmx import partial_or_full
from prepapp.navigation import next_url_safe
from prepapp.owned import owned_or_404
from prepapp.page_cache import page_cache_context
from prepapp.pagination import paginate
from prepapp.practice.forms import ReviewForm
from prepapp.practice.models import Answer, ReviewCard
from prepapp.practice.scheduling import ReviewCardGone, ReviewNotDue, card_review, cards_due
from prepapp.practice.selectors import grades_shown

PAGE_SIZE = 20


def _due_page(request):
    # The newest answer to each card's question, so the queue can link to it.
    last_answer = Answer.objects.filter(user_id=OuterRef("user_id")).order_by("-created_at", "-pk")
    cards = cards_due(request.user).annotate(
        last_answer_id=Coalesce(
            Subquery(last_answer.filter(question=OuterRef("question")).values("pk")[:1]),
            Subquery(last_answer.filter(user_question=OuterRef("user_question")).values("pk")[:1]),
        )
    )
    return paginate(request, cards, PAGE_SIZE)


@require_safe
def due(request):
    context = {
        # Built (its count and cards read) only when the cached list is missing.
        "page": SimpleLazyObject(lambda: _due_page(request)),
        **page_cache_context(request),
    }
    return render(request, "practice/due.html", context)


def review_grade(
    request, card: ReviewCard, rating: int, answer=None
) -> tuple[ReviewCard, str, int]:
    """Grade the card; (card as it is now, the message to show, its level). A card deleted
    meanwhile (its question removed in another tab) is a 404, not a 500."""
    try:
        card = card_review(card, rating, answer=answer)
    except ReviewNotDue as refused:
        # A second grade of the same review (double click, another tab): the first
        # one stands, and the user is told when the card is due instead of a 500.
        card = refused.card
        next_due = date_format(timezone.localtime(card.due), "j M Y, H:i")
        return (
            card,
            f"Already graded: this question is not due again until {next_due}.",
            messages.INFO,
        )
    except ReviewCardGone:
        raise Http404("This question's review schedule was deleted.") from None
    next_due = date_format(timezone.localtime(card.due), "j M Y, H:i")
    return card, f"Next review: {next_due}.", messages.SUCCESS


@require_POST
def review(request, pk):
    card = owned_or_404(
        ReviewCard.objects.select_related("question", "user_question"), request.user, pk=pk
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
        card, message, level = review_grade(request, card, form.cleaned_data["rating"], answer)

        def graded():
            context = {
                "card": card,
                "answer_id": answer.pk if answer else None,
                "review_form": ReviewForm(),
                "next": next_url,
                "reviewed": message,
            }
            return render(request, "practice/answer.html#review", context)

        def graded_back():
            messages.add_message(request, level, message)
            return redirect(next_url)

        return partial_or_full(request, graded, graded_back)

    def refused():
        context = {
            "card": card,
            "grades": grades_shown(card) if card.is_due else [],
            "answer_id": id_parse(form.data.get("answer")),
            "review_form": form,
            "next": next_url,
        }
        return render(request, "practice/answer.html#review", context, status=422)

    def refused_back():
        messages.error(request, "Pick Again, Hard, Good or Easy to grade your recall.")
        return redirect(next_url)

    return partial_or_full(request, refused, refused_back)

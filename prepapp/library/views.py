"""The content pack's pages: read-only, the same for every signed-in user.

Each page runs a fixed number of queries whatever the pack's size: rows are
joined with select_related and their sources prefetched in one query per list.
"""

from __future__ import annotations

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from prepapp.htmx import render_partial_or_page
from prepapp.library.forms import QuestionFilterForm, TopicFilterForm
from prepapp.library.models import (
    FaqEntry,
    Figure,
    LoopFact,
    MistakePair,
    Question,
    Round,
    Topic,
    Track,
)
from prepapp.library.search import question_search
from prepapp.library.selectors import question_filter_rows
from prepapp.page_cache import page_cache_context


def figures_prefetch() -> Prefetch:
    """Each source's figure, with the source it cites, for a loop fact or an FAQ answer.

    A new Prefetch each time: Django prefixes a nested one in place.
    """
    return Prefetch("figures", queryset=Figure.objects.select_related("source"))


@require_safe
def questions(request):
    rounds, topics = question_filter_rows()
    form = QuestionFilterForm(request.GET, rounds=rounds, topics=topics)
    filters = form.filters()
    context = {
        "form": form,
        # Unevaluated: the template's cached rows (page_cache.py) query it only on a miss.
        "questions": question_search(Question.objects.select_related("round", "topic"), **filters),
        "selected_round": next((r for r in rounds if r.slug == filters["round_slug"]), None),
        "selected_topic": next((t for t in topics if t.slug == filters["topic_slug"]), None),
        "search_text": filters["text"],
        "filtered": any(filters.values()),
        **page_cache_context(request),
    }
    return render_partial_or_page(request, "library/questions.html", "results", context)


@require_safe
def question(request, slug):
    question = get_object_or_404(
        Question.objects.select_related("round__length_source", "topic").prefetch_related(
            "sources"
        ),
        slug=slug,
    )
    mistakes = MistakePair.objects.filter(topic_id=question.topic_id).prefetch_related("sources")
    return render(request, "library/question.html", {"question": question, "mistakes": mistakes})


@require_safe
def mistakes(request):
    topics = list(Topic.objects.all())
    form = TopicFilterForm(request.GET, topics=topics)
    topic_slug = form.topic_slug()
    pairs = MistakePair.objects.select_related("topic").prefetch_related("sources")
    if topic_slug:
        pairs = pairs.filter(topic__slug=topic_slug)
    context = {
        "form": form,
        "pairs": list(pairs),
        "selected_topic": next((t for t in topics if t.slug == topic_slug), None),
    }
    return render_partial_or_page(request, "library/mistakes.html", "results", context)


@require_safe
def process(request):
    tracks = Track.objects.order_by("name").prefetch_related(
        "sources",
        Prefetch(
            "loop_facts", queryset=LoopFact.objects.prefetch_related("sources", figures_prefetch())
        ),
        Prefetch(
            "rounds",
            queryset=Round.objects.annotate(question_count=Count("questions"))
            .select_related("length_source")
            .prefetch_related("sources"),
        ),
    )
    return render(request, "library/process.html", {"tracks": tracks})


@require_safe
def faq(request):
    entries = (
        FaqEntry.objects.select_related("topic")
        .prefetch_related("sources", figures_prefetch())
        .order_by("topic__order", "topic__name", "order", "slug")
    )
    return render(request, "library/faq.html", {"entries": entries})

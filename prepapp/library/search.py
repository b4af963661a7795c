"""Filtering and searching the question bank.

Kept out of the view so the practice pages (or a future API) can offer the
same filters without copying the query.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

SEARCH_MAX_LENGTH = 200
# More words than this add nothing but SQL; the extra ones are dropped.
SEARCH_MAX_TERMS = 8


def search_terms(text: str) -> list[str]:
    """The distinct words of a search, in the order typed."""
    terms: list[str] = []
    for word in text[:SEARCH_MAX_LENGTH].split():
        if word.casefold() not in (t.casefold() for t in terms):
            terms.append(word)
    return terms[:SEARCH_MAX_TERMS]


def question_search(
    queryset: QuerySet, *, round_slug: str = "", topic_slug: str = "", text: str = ""
) -> QuerySet:
    """Questions in a round and topic (both optional) whose text or guidance holds every word.

    Matching every word rather than the exact phrase lets "FDA clearance AI"
    find a question that says "AI ... FDA clearance pathways".
    """
    if round_slug:
        queryset = queryset.filter(round__slug=round_slug)
    if topic_slug:
        queryset = queryset.filter(topic__slug=topic_slug)
    for term in search_terms(text):
        queryset = queryset.filter(Q(text__icontains=term) | Q(guidance__icontains=term))
    return queryset

"""One way to page a list: `paginate`, and templates/_pagination.html to move between pages.

A counted page is Django's Page (one COUNT query, "Page 2 of 7", a number past the end
shows the last page). An uncounted one (`count=False`) runs no COUNT: it fetches one row
more than it shows to know whether there is a next page, so a long history costs the same
as a short one; it says "Page 2" and a number past the end shows an empty page.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.core.paginator import Page, Paginator

from prepapp.fields import id_parse

# An uncounted page's number is capped, so the OFFSET a URL can ask for stays bounded.
MAX_PAGE = 1000


@dataclass(frozen=True)
class UncountedPage:
    """The part of Django's Page interface the templates use, without a paginator."""

    object_list: Sequence
    number: int
    more: bool  # a row past this page exists
    paginator = None  # no count: the template says "Page N", not "of M"

    def __iter__(self) -> Iterator:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_next(self) -> bool:
        return self.more

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def paginate(request, items, per_page: int, *, count: bool = True) -> Page | UncountedPage:
    """The page of `items` that `?page=` asks for; a bad number is the first page."""
    raw = request.GET.get("page")
    if count:
        return Paginator(items, per_page).get_page(raw)
    number = min(id_parse(raw) or 1, MAX_PAGE)
    offset = (number - 1) * per_page
    rows = list(items[offset : offset + per_page + 1])
    return UncountedPage(rows[:per_page], number, more=len(rows) > per_page)

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from prepapp.accounts.data_version import data_version_bump
from prepapp.checklist.forms import NoteForm, OwnItemForm, TickForm
from prepapp.checklist.models import OwnItem
from prepapp.checklist.progress import progress_compute
from prepapp.checklist.rows import Show, dom_id, own_rows, pack_rows, sections_build
from prepapp.checklist.ticking import note_set, tick_set
from prepapp.htmx import partial_or_full, partial_wanted
from prepapp.library.models import ChecklistItem
from prepapp.navigation import next_url_safe
from prepapp.owned import owned_or_404
from prepapp.page_cache import page_cache_context

PAGE = "checklist/index.html"
# The own item just added, so the page says "Added" beside it rather than at the top,
# a long scroll away from the item the redirect lands on.
ADDED_KEY = "checklist_added"


def _index_url(show: str = Show.ALL, anchor: str = "") -> str:
    url = reverse("checklist:index")
    if show != Show.ALL:
        url += f"?show={show}"
    return f"{url}#{anchor}" if anchor else url


def _back(request, anchor: str = "") -> HttpResponseRedirect:
    """Post/Redirect/Get back to where the user was: a safe `next`, else the list."""
    default = _index_url(Show.clean(request.POST.get("show")), anchor)
    return HttpResponseRedirect(next_url_safe(request, default))


def _target(request, kind: str, pk: int):
    if kind == "own":
        return owned_or_404(OwnItem, request.user, pk=pk)
    # Pack items are shared; the user's tick is found by the user, never by an id.
    return get_object_or_404(ChecklistItem, pk=pk)


def _row(request, kind: str, pk: int):
    rows = (own_rows if kind == "own" else pack_rows)(request.user, pk=pk)
    return rows[0]


def _row_response(request, row, *, note_form=None, with_progress=False, status=200, show=None):
    """The htmx answer: the item's <li>, and the progress bars as out-of-band swaps."""
    show = show or Show.clean(request.POST.get("show"))
    parts = [
        render_to_string(
            f"{PAGE}#row", {"row": row, "show": show, "note_form": note_form}, request
        )
    ]
    if with_progress:
        progress = progress_compute(request.user)
        parts.append(
            render_to_string(
                f"{PAGE}#progress_overall", {"progress": progress, "oob": True}, request
            )
        )
        if topic_progress := progress.for_topic(row.topic_id):
            parts.append(
                render_to_string(
                    f"{PAGE}#progress_topic", {"tp": topic_progress, "oob": True}, request
                )
            )
    return HttpResponse("".join(parts), status=status)


def _page_build(user, show: str) -> dict:
    progress = progress_compute(user)
    return {"progress": progress, "sections": sections_build(user, show, progress)}


@require_safe
def index(request):
    show = Show.clean(request.GET.get("show"))
    added = request.session.pop(ADDED_KEY, None)
    return render(
        request,
        PAGE,
        {
            # Read only inside the template's cached block: a hit runs none of its queries
            # (prepapp/page_cache.py; the rows hold tick forms, so the key has the CSRF
            # secret: another browser of the same user gets its own copy).
            "page": SimpleLazyObject(lambda: _page_build(request.user, show)),
            "show": show,
            "filters": [(Show.ALL, "All"), (Show.TODO, "To do"), (Show.DONE, "Done")],
            "own_form": OwnItemForm(auto_id="add_%s"),
            "added": dom_id("own", added) if added else "",
            **page_cache_context(request, forms=True),
        },
    )


@require_POST
def tick(request, pk: int, kind: str):
    target = _target(request, kind, pk)
    form = TickForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Say whether the item is done: done=1 or done=0.")
    tick_set(request.user, target, form.cleaned_data["done"])
    return partial_or_full(
        request,
        lambda: _row_response(request, _row(request, kind, pk), with_progress=True),
        lambda: _back(request, dom_id(kind, pk)),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def note(request, pk: int, kind: str):
    """The note editor: the checklist shows a link per row and loads this on demand."""
    target = _target(request, kind, pk)
    if request.method != "POST":
        row = _row(request, kind, pk)
        show = Show.clean(request.GET.get("show"))
        if partial_wanted(request):
            response = _row_response(request, row, note_form=NoteForm(), show=show)
        else:
            form = NoteForm(initial={"note": row.note})
            context = {"row": row, "form": form, "show": show}
            response = render(request, "checklist/note.html", context)
        # One URL, two answers (prepapp/htmx.py): caches must tell them apart.
        patch_vary_headers(response, ("HX-Request",))
        return response
    form = NoteForm(request.POST)
    if form.is_valid():
        note_set(request.user, target, form.cleaned_data["note"])
        return partial_or_full(
            request,
            lambda: _row_response(request, _row(request, kind, pk)),
            lambda: _back(request, dom_id(kind, pk)),
        )
    row = _row(request, kind, pk)
    return partial_or_full(
        request,
        lambda: _row_response(request, row, note_form=form, status=422),
        lambda: render(
            request,
            "checklist/note.html",
            {"row": row, "form": form, "show": Show.clean(request.POST.get("show"))},
        ),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def own_add(request):
    form = OwnItemForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.user = request.user
        item.save()
        data_version_bump(request.user)
        request.session[ADDED_KEY] = item.pk
        return HttpResponseRedirect(_index_url(anchor=dom_id("own", item.pk)))
    return render(request, "checklist/own_form.html", {"form": form, "item": None})


@require_http_methods(["GET", "HEAD", "POST"])
def own_edit(request, pk: int):
    item = owned_or_404(OwnItem, request.user, pk=pk)
    form = OwnItemForm(request.POST if request.method == "POST" else None, instance=item)
    if request.method == "POST" and form.is_valid():
        form.save()
        data_version_bump(request.user)
        messages.success(request, "Item saved.")
        return HttpResponseRedirect(_index_url(anchor=dom_id("own", item.pk)))
    return render(request, "checklist/own_form.html", {"form": form, "item": item})


@require_http_methods(["GET", "HEAD", "POST"])
def own_delete(request, pk: int):
    item = owned_or_404(OwnItem, request.user, pk=pk)
    if request.method == "POST":
        item.delete()
        data_version_bump(request.user)
        messages.success(request, "Item deleted.")
        return HttpResponseRedirect(_index_url())
    return render(request, "checklist/own_delete.html", {"item": item})

"""Settings' "Your data" downloads and the import page; the work is in the package."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from prepapp.portability import (
    MAX_FILE_BYTES,
    ImportRefused,
    answers_markdown,
    data_export,
    data_import,
)
from prepapp.portability.forms import ImportForm


def _download(content: str, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def export_json(request):
    stamp = timezone.localdate().isoformat()
    content = json.dumps(data_export(request.user), indent=1, ensure_ascii=False)
    return _download(content, f"prepapp-export-{stamp}.json", "application/json")


@require_safe
def export_markdown(request):
    stamp = timezone.localdate().isoformat()
    return _download(
        answers_markdown(request.user),
        f"prepapp-answers-{stamp}.md",
        "text/markdown; charset=utf-8",
    )


@require_http_methods(["GET", "HEAD", "POST"])
def import_data(request):
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_FILE_BYTES:
                raise ImportRefused(["The file is larger than 10 MB."])
            summary = data_import(request.user, upload.read())
        except ImportRefused as refused:
            errors = refused.errors
        else:
            added = ", ".join(f"{n} {kind}" for kind, n in summary.added.items()) or "nothing new"
            skipped = sum(summary.skipped.values())
            note = f" ({skipped} already here, skipped)" if skipped else ""
            messages.success(request, f"Imported: {added}{note}.")
            return redirect("accounts:settings")
    status = 400 if errors else 200
    return render(
        request, "portability/import.html", {"form": form, "errors": errors}, status=status
    )

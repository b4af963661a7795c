from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def answers(request):
    return render(request, "placeholder.html", {"title": "Answers"})


@require_GET
def new(request):
    return render(request, "placeholder.html", {"title": "Practise"})


@require_GET
def history(request, slug):
    return render(request, "placeholder.html", {"title": "Attempts"})

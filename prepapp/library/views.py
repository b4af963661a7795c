from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def questions(request):
    return render(request, "placeholder.html", {"title": "Questions"})


@require_GET
def mistakes(request):
    return render(request, "placeholder.html", {"title": "Mistakes to avoid"})


@require_GET
def process(request):
    return render(request, "placeholder.html", {"title": "Interview process"})

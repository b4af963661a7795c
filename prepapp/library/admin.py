"""Staff curate the content pack here.

A re-sync of the pack file overwrites the fields of the objects it contains
(matched by slug) and leaves objects staff added themselves alone.
"""

from __future__ import annotations

from django.contrib import admin
from django.core.cache import cache

from prepapp.library.models import (
    ChecklistItem,
    FaqEntry,
    Figure,
    LoopFact,
    MistakePair,
    PackVersion,
    Question,
    Round,
    Source,
    Topic,
    Track,
)


class ContentAdmin(admin.ModelAdmin):
    """A change to the pack empties the cache, as sync_content does (prepapp/page_cache.py).

    Cached pages show the pack's text (the question bank's rows, its filter's rounds and
    topics): the edit shows on this worker's next page at once, on the others' within the
    two minutes their entries live.
    """

    def save_related(self, request, form, formsets, change):
        # After the row and its many-to-many links are saved: the last write of a save.
        super().save_related(request, form, formsets, change)
        cache.clear()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        cache.clear()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        cache.clear()


class SourcedAdmin(ContentAdmin):
    """Content that cites the articles it came from."""

    filter_horizontal = ("sources",)
    list_per_page = 50


@admin.register(Source)
class SourceAdmin(ContentAdmin):
    list_display = ("title", "slug", "filename")
    search_fields = ("title", "slug", "filename")
    ordering = ("slug",)
    prepopulated_fields = {"slug": ("title",)}


@admin.register(Track)
class TrackAdmin(ContentAdmin):
    filter_horizontal = ("sources",)
    list_display = ("name", "slug")
    search_fields = ("name", "slug", "summary")
    ordering = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Topic)
class TopicAdmin(ContentAdmin):
    list_display = ("name", "slug", "track", "order")
    list_editable = ("order",)
    list_filter = ("track",)
    list_select_related = ("track",)
    search_fields = ("name", "slug", "description")
    ordering = ("track", "order", "name")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(LoopFact)
class LoopFactAdmin(SourcedAdmin):
    list_display = ("label", "order", "weeks_min", "weeks_max", "rounds_min", "rounds_max")
    list_filter = ("track", "sources")
    search_fields = ("label", "slug", "detail")
    ordering = ("track", "order", "slug")
    prepopulated_fields = {"slug": ("label",)}


@admin.register(Round)
class RoundAdmin(SourcedAdmin):
    list_display = ("name", "order", "minutes_min", "minutes_max", "length_source", "track")
    list_filter = ("track", "sources", "length_source")
    list_select_related = ("track", "length_source")
    search_fields = ("name", "slug", "assesses", "description", "app_guidance")
    ordering = ("track", "order", "name")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Question)
class QuestionAdmin(SourcedAdmin):
    list_display = ("text_short", "round", "topic", "kind")
    list_filter = ("round", "topic", "kind", "sources")
    list_select_related = ("round", "topic")
    search_fields = ("text", "guidance", "app_guidance", "excerpt", "slug")
    ordering = ("round__order", "topic__order", "slug")
    prepopulated_fields = {"slug": ("text",)}
    autocomplete_fields = ("round", "topic")

    @admin.display(description="Question", ordering="text")
    def text_short(self, obj: Question) -> str:
        return str(obj)


@admin.register(MistakePair)
class MistakePairAdmin(SourcedAdmin):
    list_display = ("title", "topic", "slug")
    list_filter = ("topic", "sources")
    list_select_related = ("topic",)
    search_fields = ("title", "bad", "good", "why", "example", "slug")
    ordering = ("topic__order", "title")
    prepopulated_fields = {"slug": ("title",)}


@admin.register(ChecklistItem)
class ChecklistItemAdmin(SourcedAdmin):
    list_display = ("text", "topic", "order")
    list_filter = ("topic", "sources")
    list_select_related = ("topic",)
    search_fields = ("text", "detail", "slug")
    ordering = ("topic__order", "order", "slug")
    prepopulated_fields = {"slug": ("text",)}


@admin.register(FaqEntry)
class FaqEntryAdmin(SourcedAdmin):
    list_display = ("question", "topic", "order")
    list_filter = ("topic", "sources")
    list_select_related = ("topic",)
    search_fields = ("question", "answer", "slug")
    ordering = ("topic__order", "order", "slug")
    prepopulated_fields = {"slug": ("question",)}


@admin.register(Figure)
class FigureAdmin(ContentAdmin):
    """One source's figure where the sources differ; its quote must be the article's words."""

    list_display = ("value", "source", "loop_fact", "faq_entry", "order")
    list_filter = ("source",)
    list_select_related = ("source", "loop_fact", "faq_entry")
    search_fields = ("value", "context", "quote", "slug")
    ordering = ("loop_fact", "faq_entry", "order", "slug")
    autocomplete_fields = ("loop_fact", "faq_entry")
    prepopulated_fields = {"slug": ("value",)}


@admin.register(PackVersion)
class PackVersionAdmin(ContentAdmin):
    """Written only by `sync_content`; editing it by hand would skip or force loads silently."""

    list_display = ("name", "fingerprint", "loaded_at")
    search_fields = ("name", "fingerprint")
    ordering = ("name",)
    readonly_fields = ("name", "fingerprint", "loaded_at")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

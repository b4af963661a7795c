from __future__ import annotations

from django.contrib import admin

from prepapp.checklist.models import ItemState, OwnItem


@admin.register(OwnItem)
class OwnItemAdmin(admin.ModelAdmin):
    list_display = ["text", "topic", "user", "created_at"]
    list_filter = ["topic"]
    list_select_related = ["topic", "user"]
    raw_id_fields = ["user"]
    search_fields = ["text", "user__email"]


@admin.register(ItemState)
class ItemStateAdmin(admin.ModelAdmin):
    list_display = ["__str__", "user", "ticked_at", "updated_at"]
    list_select_related = ["user"]
    raw_id_fields = ["user", "item", "own_item"]
    search_fields = ["user__email"]

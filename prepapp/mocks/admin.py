from __future__ import annotations

from django.contrib import admin

from prepapp.mocks.models import CalendarFeed, MockInterview


@admin.register(MockInterview)
class MockInterviewAdmin(admin.ModelAdmin):
    list_display = ["user", "round", "scheduled_at", "status", "format", "overall_rating"]
    list_filter = ["status", "format", "round"]
    list_select_related = ["user", "round"]
    search_fields = ["user__email", "interviewer"]
    raw_id_fields = ["user", "answers"]
    filter_horizontal = ["questions", "mistakes"]
    date_hierarchy = "scheduled_at"


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    # The secret stays out of the admin's lists and forms.
    exclude = ["token"]

from __future__ import annotations

from django.contrib import admin

from prepapp.practice.models import Answer, Finding, ReviewCard, ReviewLog, UserQuestion


class FindingInline(admin.TabularInline):
    model = Finding
    extra = 0
    autocomplete_fields = ["mistake"]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = [
        "pk",
        "user",
        "question",
        "user_question",
        "score_avg",
        "finding_count",
        "created_at",
    ]
    list_filter = ["question__round"]
    list_select_related = ["user", "question", "user_question"]
    raw_id_fields = ["user", "question", "user_question"]
    readonly_fields = ["body_html", "score_avg", "finding_count", "created_at", "updated_at"]
    filter_horizontal = ["mistakes"]
    search_fields = ["body", "user__email"]
    inlines = [FindingInline]


@admin.register(UserQuestion)
class UserQuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "user", "round", "topic", "created_at"]
    list_select_related = ["user", "round", "topic"]
    raw_id_fields = ["user"]
    search_fields = ["text", "user__email"]


class ReviewLogInline(admin.TabularInline):
    model = ReviewLog
    extra = 0
    raw_id_fields = ["answer"]
    readonly_fields = ["reviewed_at"]


@admin.register(ReviewCard)
class ReviewCardAdmin(admin.ModelAdmin):
    list_display = ["pk", "user", "question", "user_question", "due", "review_count"]
    list_select_related = ["user", "question", "user_question"]
    raw_id_fields = ["user", "question", "user_question"]
    inlines = [ReviewLogInline]

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

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
from tests.factories import UserFactory
from tests.library.factories import question_admin_form

pytestmark = pytest.mark.django_db

CURATED = (Source, Track, Topic, LoopFact, Round, Question, MistakePair, ChecklistItem, FaqEntry)
CURATED += (Figure,)
CITING = (LoopFact, Round, Question, MistakePair, ChecklistItem, FaqEntry)


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def changelist(model) -> str:
    return reverse(f"admin:library_{model._meta.model_name}_changelist")


def test_every_library_model_is_registered_for_curation():
    for model in (*CURATED, PackVersion):
        model_admin = admin.site._registry[model]
        assert model_admin.search_fields, model
        assert model_admin.ordering, model
        assert len(model_admin.list_display) >= 2, model
    for model in CURATED:
        assert admin.site._registry[model].prepopulated_fields.get("slug"), model
    for model in CITING:
        model_admin = admin.site._registry[model]
        assert model_admin.filter_horizontal == ("sources",)
        assert "sources" in model_admin.list_filter


def test_question_admin_filters_by_round_topic_kind_and_source():
    assert set(admin.site._registry[Question].list_filter) == {"round", "topic", "kind", "sources"}


@pytest.mark.parametrize("model", CURATED + (PackVersion,), ids=lambda m: m.__name__)
def test_changelists_with_search_open(staff_client, pack, model):
    assert staff_client.get(changelist(model)).status_code == 200
    assert staff_client.get(changelist(model), {"q": "health"}).status_code == 200


def test_question_search_and_filters(staff_client, pack):
    response = staff_client.get(changelist(Question), {"q": "FHIR"})
    assert response.status_code == 200
    shown = response.context["cl"].result_count
    assert 0 < shown < Question.objects.count()
    technical = Round.objects.get(slug="technical")
    response = staff_client.get(changelist(Question), {"round__id__exact": technical.pk})
    assert response.context["cl"].result_count == technical.questions.count()
    response = staff_client.get(changelist(Question), {"kind__exact": "quoted"})
    assert response.context["cl"].result_count == Question.objects.filter(kind="quoted").count()


def test_change_and_add_pages_open(staff_client, pack):
    question = Question.objects.first()
    url = reverse("admin:library_question_change", args=[question.pk])
    body = staff_client.get(url).content.decode()
    assert "selectfilter" in body  # filter_horizontal widget for sources
    assert staff_client.get(reverse("admin:library_question_add")).status_code == 200


def test_staff_can_edit_a_question(staff_client, pack):
    question = Question.objects.prefetch_related("sources").first()
    url = reverse("admin:library_question_change", args=[question.pk])
    response = staff_client.post(url, question_admin_form(question, text="Edited in the admin?"))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text == "Edited in the admin?"


def test_pack_version_is_read_only(staff_client, pack):
    version = PackVersion.objects.get()
    assert staff_client.get(reverse("admin:library_packversion_add")).status_code == 403
    change = reverse("admin:library_packversion_change", args=[version.pk])
    response = staff_client.get(change)
    assert response.status_code == 200
    assert 'name="fingerprint"' not in response.content.decode()
    staff_client.post(change, {"name": "x", "fingerprint": "y"})
    delete = reverse("admin:library_packversion_delete", args=[version.pk])
    assert staff_client.post(delete, {"post": "yes"}).status_code == 403
    version.refresh_from_db()
    assert version.name == "healthcare_pm.json"


def test_signed_in_non_staff_cannot_open_admin(auth_client):
    response = auth_client.get(changelist(Question))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]

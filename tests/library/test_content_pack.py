"""The content pack: loaded once, re-synced in place, complete against the articles."""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import models

from prepapp.library.content import PACK_PATH, content_sync, pack_fingerprint
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
from prepapp.practice.models import Answer

pytestmark = pytest.mark.django_db

# Pinned: an item that goes missing from the pack fails here.
EXPECTED_COUNTS = {
    Source: 5,
    Track: 1,
    Topic: 11,
    LoopFact: 12,
    Round: 11,
    Question: 68,
    MistakePair: 30,
    ChecklistItem: 19,
    FaqEntry: 14,
    Figure: 12,
}
CITING_MODELS = (LoopFact, Round, Question, MistakePair, ChecklistItem, FaqEntry)
PROMOTIONAL = (
    "playbook",
    "kindle",
    "pm interview prep system",
    "salary",
    "amazon",
    "author_block",
    "johnny mai",
)
SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"


def counts() -> dict:
    return {model: model.objects.count() for model in EXPECTED_COUNTS}


def through_counts() -> dict:
    return {model: model.sources.through.objects.count() for model in CITING_MODELS}


def test_pack_has_the_pinned_number_of_each_kind(pack):
    assert {m.__name__: n for m, n in counts().items()} == {
        m.__name__: n for m, n in EXPECTED_COUNTS.items()
    }


def test_loading_twice_adds_nothing(pack):
    before, links_before = counts(), through_counts()
    assert content_sync(force=True) is True
    assert content_sync(force=True) is True
    assert counts() == before == EXPECTED_COUNTS
    assert through_counts() == links_before
    for model in EXPECTED_COUNTS:
        slugs = Counter(model.objects.values_list("slug", flat=True))
        assert [slug for slug, n in slugs.items() if n > 1] == []
    assert PackVersion.objects.count() == 1


def test_command_twice_adds_nothing_and_reports(pack):
    before, links_before = counts(), through_counts()
    out = io.StringIO()
    call_command("sync_content", "--force", stdout=out)
    call_command("sync_content", "--force", stdout=out)
    assert out.getvalue().count("healthcare_pm.json: loaded.") == 2
    assert counts() == before
    assert through_counts() == links_before


def test_second_sync_without_force_is_up_to_date(pack):
    call_command("sync_content", "--force", stdout=io.StringIO())
    out = io.StringIO()
    call_command("sync_content", stdout=out)
    assert "already up to date" in out.getvalue()
    assert content_sync() is False
    assert PackVersion.objects.get().fingerprint == pack_fingerprint(PACK_PATH)


def test_changed_fingerprint_loads_again(pack):
    PackVersion.objects.update(fingerprint="0" * 64)
    assert content_sync() is True
    assert PackVersion.objects.get().fingerprint == pack_fingerprint(PACK_PATH)


def test_resync_restores_changed_content_in_place_and_keeps_users_rows(pack, user):
    question = Question.objects.get(slug="q-background-why-healthcare-pm")
    original_text = question.text
    answer = Answer.objects.create(user=user, question=question, body="My answer, kept as is.")
    answer.mistakes.add(MistakePair.objects.get(slug="mistake-vanity-metrics"))
    Question.objects.filter(pk=question.pk).update(text="Edited by hand")
    Round.objects.filter(slug="technical").update(minutes_max=99)

    call_command("sync_content", "--force", stdout=io.StringIO())

    question.refresh_from_db()
    assert question.text == original_text
    assert Round.objects.get(slug="technical").minutes_max == 45
    assert Question.objects.filter(slug=question.slug).count() == 1
    answer.refresh_from_db()
    assert answer.question_id == question.pk
    assert answer.body == "My answer, kept as is."
    assert answer.user_id == user.pk
    assert list(answer.mistakes.values_list("slug", flat=True)) == ["mistake-vanity-metrics"]
    assert Answer.objects.count() == 1


def test_resync_keeps_content_staff_added(pack):
    extra = Question.objects.create(
        slug="staff-added",
        round=Round.objects.get(slug="technical"),
        topic=Topic.objects.get(slug="ai-ethics"),
        text="A question staff wrote.",
        guidance="What they expect.",
    )
    content_sync(force=True)
    assert Question.objects.filter(pk=extra.pk, text="A question staff wrote.").exists()
    assert Question.objects.count() == EXPECTED_COUNTS[Question] + 1


def test_resync_restores_a_deleted_item(pack):
    FaqEntry.objects.filter(slug="faq-are-mbas-preferred").delete()
    content_sync(force=True)
    assert FaqEntry.objects.filter(slug="faq-are-mbas-preferred").exists()
    assert FaqEntry.objects.count() == EXPECTED_COUNTS[FaqEntry]


def test_every_round_has_at_least_four_questions(pack):
    thin = {
        r.slug: r.n
        for r in Round.objects.annotate(n=models.Count("questions"))
        if r.n < 4  # a round with fewer could not fill a practice session
    }
    assert thin == {}


def test_every_topic_has_questions_and_other_content(pack):
    topics = Topic.objects.annotate(
        n_questions=models.Count("questions", distinct=True),
        n_mistakes=models.Count("mistakes", distinct=True),
        n_checklist=models.Count("checklist_items", distinct=True),
        n_faq=models.Count("faq_entries", distinct=True),
    )
    for topic in topics:
        assert topic.n_questions >= 1, topic.slug
        assert topic.n_mistakes + topic.n_checklist + topic.n_faq >= 1, topic.slug


def test_every_item_cites_a_source(pack):
    for model in CITING_MODELS:
        uncited = list(model.objects.filter(sources__isnull=True).values_list("slug", flat=True))
        assert uncited == [], f"{model.__name__} without a source: {uncited}"


def test_every_source_is_cited(pack):
    for source in Source.objects.all():
        cited = sum(
            getattr(source, related).count()
            for related in (
                "loop_facts",
                "rounds",
                "questions",
                "mistakes",
                "checklist_items",
                "faq_entries",
            )
        )
        assert cited > 0, source.slug
    assert sorted(Source.objects.values_list("filename", flat=True)) == [
        f"00{n}_{h}.txt"
        for n, h in enumerate(
            [
                "d2a5d8cd9a8c11a3",
                "447509acd6c4d222",
                "cbc37aa3884baf01",
                "be7ce849db0714de",
                "8dae8a1251969e98",
            ]
        )
    ]


def test_no_promotional_text(pack):
    found = []
    for model in (*EXPECTED_COUNTS, PackVersion):
        text_fields = [
            f.name
            for f in model._meta.get_fields()
            if isinstance(f, (models.CharField, models.TextField))
        ]
        for row in model.objects.values("pk", *text_fields):
            for name in text_fields:
                value = (row[name] or "").lower()
                found += [
                    f"{model.__name__}.{name}#{row['pk']}: {word}"
                    for word in PROMOTIONAL
                    if word in value
                ]
    assert found == []


# --- Completeness against the articles themselves -------------------------------------------

# Words of under three letters are dropped anyway.
# fmt: off
STOPWORDS = {
    "and", "the", "for", "with", "are", "its", "this", "that", "these", "those", "your", "you",
    "their", "them", "from", "into", "how", "what", "which", "who", "will", "can", "not",
    "just", "also", "more", "most", "such", "like", "about", "other", "any", "all",
}
# fmt: on
PROMO_MARKERS = ("playbook", "structured preparation system")


def _words(text: str) -> set[str]:
    return {
        w
        for w in re.findall(r"[a-z0-9][a-z0-9()\-]*", text.lower())
        if len(w) >= 3 and w not in STOPWORDS
    }


def _section(lines: list[str], heading: str, next_headings: tuple[str, ...]) -> list[str]:
    """The lines after the first line starting with `heading`, up to the next heading."""
    out: list[str] | None = None
    for line in lines:
        text = line.strip()
        if out is None:
            if text.startswith(heading):
                out = []
        elif text.startswith(next_headings):
            break
        else:
            out.append(text)
    return out or []


def _unbulleted(line: str) -> str:
    return line.strip().lstrip("•-").strip()


def _without_promotion(bullet: str) -> str:
    """A checklist bullet minus its sentences that advertise; "" when nothing else is left."""
    sentences = re.split(r"(?<=\.)\s+", bullet)
    kept = [s for s in sentences if not any(m in s.lower() for m in PROMO_MARKERS)]
    return " ".join(kept).strip()


def _seed_files() -> list[tuple[Path, Source]]:
    if not SEEDS.is_dir():
        pytest.skip(f"no seeds folder at {SEEDS} (CI checks it out beside the clone)")
    by_file = {s.filename: s for s in Source.objects.all()}
    files = sorted(SEEDS.glob("*.txt"))
    assert {f.name for f in files} == set(by_file), "every seed article is a Source"
    return [(f, by_file[f.name]) for f in files]


def bad_lines_over_pairs() -> dict[str, tuple[int, int]]:
    """Articles with more BAD lines in "Mistakes to Avoid" than pairs citing them."""
    short = {}
    for path, source in _seed_files():
        section = _section(path.read_text().splitlines(), "Mistakes to Avoid", ("FAQ",))
        bad = sum(1 for line in section if _unbulleted(line).startswith("BAD:"))
        pairs = source.mistakes.count()
        if bad > pairs:
            short[path.name] = (bad, pairs)
    return short


# A bullet is covered by an item when most of its significant words are in the item; the
# closest wrong item of the pack shares under 30% of them, the weakest right one 57%.
MATCH_SHARE = 0.5


def unmatched_checklist_bullets() -> list[str]:
    missing = []
    for path, source in _seed_files():
        section = _section(
            path.read_text().splitlines(), "Preparation Checklist", ("Mistakes to Avoid",)
        )
        items = [_words(f"{i.text} {i.detail}") for i in source.checklist_items.all()]
        for line in section:
            if not line.startswith(("•", "-")):
                continue  # an introduction such as "To prepare for PM metrics interviews:"
            bullet = _without_promotion(_unbulleted(line))
            words = _words(bullet)
            if not words:
                continue
            best = max((len(words & item) / len(words) for item in items), default=0)
            if best < MATCH_SHARE:
                missing.append(f"{path.name}: {bullet}")
    return missing


def test_seed_sections_are_found():
    files = _seed_files()
    with_checklists = [
        p for p, _ in files if _section(p.read_text().splitlines(), "Preparation Checklist", ())
    ]
    assert len(with_checklists) == 4  # the future-trends article has none


def test_every_bad_line_in_the_articles_has_a_pair(pack):
    assert bad_lines_over_pairs() == {}


def test_every_checklist_bullet_in_the_articles_has_an_item(pack):
    assert unmatched_checklist_bullets() == []


def test_the_seed_checks_notice_a_missing_item(pack):
    """The checks above can fail: remove content and they report it."""
    _seed_files()
    ChecklistItem.objects.filter(slug="checklist-mock-interviews-ethical-dilemmas").delete()
    assert any("ethical dilemmas" in b for b in unmatched_checklist_bullets())
    MistakePair.objects.filter(
        slug__in=[
            "mistake-failing-to-quantify-impact",
            "mistake-overemphasizing-technical-skills",
            "mistake-underestimating-regulatory-complexity",
        ]
    ).delete()
    assert "004_8dae8a1251969e98.txt" in bad_lines_over_pairs()

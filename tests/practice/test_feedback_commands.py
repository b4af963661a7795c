"""feedback_refresh re-runs stale findings; feedback_eval measures the checks on the corpus."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from prepapp.library.models import Question
from prepapp.practice.answers import answer_save, feedback_version
from prepapp.practice.highlight import evidence_highlight, evidence_marks
from prepapp.practice.models import Answer, Finding

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_refresh_reruns_answers_from_an_older_version(user):
    question = Question.objects.get(slug="q-dau-mau-vs-health-outcomes")
    answer = answer_save(Answer(user=user, question=question, body="Success is DAU."))
    assert answer.feedback_version == feedback_version()
    # An answer saved by older checks: a stale finding and an old version.
    Finding.objects.filter(answer=answer).delete()
    Finding.objects.create(answer=answer, code="old-check", message="Old.")
    Answer.objects.filter(pk=answer.pk).update(feedback_version="old", finding_count=1)
    out = StringIO()
    call_command("feedback_refresh", stdout=out)
    assert "1 answer(s) re-checked" in out.getvalue()
    answer.refresh_from_db()
    codes = set(answer.findings.values_list("code", flat=True))
    assert "old-check" not in codes and "vanity-metrics-only" in codes
    assert answer.finding_count == len(codes)
    assert answer.feedback_version == feedback_version()
    assert answer.findings.get(code="vanity-metrics-only").evidence == ["Success is DAU."]
    out = StringIO()
    call_command("feedback_refresh", stdout=out)
    assert "0 answer(s) re-checked" in out.getvalue()


def test_setup_runs_the_refresh():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    setup = makefile.split("\nsetup:")[1].split("\n\n")[0]
    assert "manage.py feedback_refresh" in setup


class TestHighlight:
    def test_marks_a_sentence_across_inline_markup(self):
        html = "<p>We track <strong>DAU</strong> only. Then more.</p>"
        out = evidence_highlight(html, [("evidence-x", "We track DAU only.")])
        assert out == (
            '<p><mark class="evidence" id="evidence-x">We track </mark><strong>'
            '<mark class="evidence">DAU</mark></strong><mark class="evidence"> only</mark>.'
            " Then more.</p>"
        )

    def test_unknown_sentences_and_markup_in_quotes_change_nothing(self):
        html = "<p>Plain &amp; simple &lt;b&gt;</p>"
        assert evidence_highlight(html, [("e", "Not there")]) == html
        marked = evidence_highlight(html, [("e", "<b>")])
        assert "<b>" not in marked
        assert '&lt;<mark class="evidence" id="e">b</mark>&gt;' in marked

    def test_two_findings_quoting_one_sentence_share_its_mark(self):
        html = "<p>We track DAU only.</p>"
        out, anchors = evidence_marks(
            html, [("a", "We track DAU only."), ("b", "We track DAU only.")]
        )
        assert out.count("<mark") == 1 and 'id="a"' in out
        assert anchors == {"a": "a", "b": "a"}
        assert evidence_marks(html, [("c", "Not in it")])[1] == {}

    def test_ids_are_attributes_nh3_keeps_only_on_mark(self):
        out = evidence_highlight('<p><a href="https://x.org">link</a> text</p>', [("e1", "link")])
        assert '<mark class="evidence" id="e1">link</mark>' in out
        assert 'rel="noopener noreferrer nofollow"' in out


def test_feedback_eval_meets_its_target():
    """The evaluation over fixtures/feedback_eval: fails below the issue's target."""
    out = StringIO()
    try:
        call_command("feedback_eval", stdout=out)
    except CommandError as error:
        pytest.fail(f"{error}\n{out.getvalue()}")
    assert "Target met." in out.getvalue()


def test_feedback_eval_fails_below_target(tmp_path):
    (tmp_path / "one.toml").write_text(
        '[[answer]]\nid = "x-01"\nquestion = "q-dau-mau-vs-health-outcomes"\n'
        'expected = ["not-quantified"]\nnote = "n"\ntext = "Success is DAU."\n',
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="Below target"):
        call_command("feedback_eval", corpus=str(tmp_path), stdout=StringIO())


@pytest.mark.django_db
def test_refresh_shows_on_the_cached_pages_next_visit(auth_client, user, other_user):
    """The practice pages cache their rows per data version (prepapp/page_cache.py): the
    refresh moves the version of each user whose findings it rewrote, and only theirs."""
    question = Question.objects.get(slug="q-dau-mau-vs-health-outcomes")
    answer = answer_save(Answer(user=user, question=question, body="Success is DAU."))
    Finding.objects.filter(answer=answer).delete()
    Finding.objects.create(answer=answer, code="old-check", message="Old.")
    Answer.objects.filter(pk=answer.pk).update(feedback_version="old", finding_count=1)
    pages = [
        reverse("practice:answers"),
        reverse("practice:history", args=[question.slug]),
        reverse("practice:answer", args=[answer.pk]),
    ]
    for url in pages:
        assert "old-check" in auth_client.get(url).content.decode()
    other_version = other_user.data_version
    call_command("feedback_refresh", stdout=StringIO())
    for url in pages:
        assert "old-check" not in auth_client.get(url).content.decode(), url
    other_user.refresh_from_db()
    assert other_user.data_version == other_version

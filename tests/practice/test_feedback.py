"""The automatic feedback checks: strong answers pass, each weak answer fails exactly one check."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from prepapp.practice import feedback
from prepapp.practice.feedback import (
    CHECKS,
    REGULATORY_ROUNDS,
    REGULATORY_TOPICS,
    ROUND_MINUTES,
    FeedbackFinding,
    answer_feedback,
    answer_min_words,
)
from tests.practice.feedback_examples import STRONG, WEAK

PACK = Path(__file__).resolve().parents[2] / "fixtures" / "healthcare_pm.json"
CODES = [c.code for c in CHECKS]


def pack_objects(model: str) -> dict[str, dict]:
    return {
        o["fields"]["slug"]: o["fields"]
        for o in json.loads(PACK.read_text(encoding="utf-8"))
        if o["model"] == model
    }


def codes(text: str, round_slug: str | None = None, topic_slug: str | None = None, **kw):
    return [
        f.code for f in answer_feedback(text, round_slug=round_slug, topic_slug=topic_slug, **kw)
    ]


# A long, structured answer with people, regulation and a story, but no number: the base for
# probing the quantity and vanity recognisers one phrase at a time.
NUMBERLESS = """## Plan

- **Who:** patients after discharge and the nurses who call them.
- **What:** a reminder flow built into the discharge teaching, HIPAA compliant from the start.
- **Why:** missed follow-up visits lead to avoidable returns to hospital.

At my last company I led a similar launch with the clinical team, and the nurses kept using it
because it replaced a phone list instead of adding a screen. We reviewed every message with a
physician before go-live and agreed the success measure with the medical director in advance.
The team wrote down what would count as failure, and the nurses could stop the rollout at any
point if patients were confused by the messages.
{extra}
"""


class TestChecksDescriptor:
    def test_codes_are_unique_and_complete(self):
        assert len(set(CODES)) == len(CODES) == 9
        assert CODES[:7] == [
            "too-short",
            "no-structure",
            "not-quantified",
            "vanity-metrics-only",
            "no-regulation",
            "no-stakeholders",
            "no-specific-example",
        ]

    def test_every_check_has_a_title_and_a_rule(self):
        for check in CHECKS:
            assert check.title and check.rule
            assert check.code.replace("-", "").isalpha()

    def test_every_mistake_slug_exists_in_the_pack(self):
        pairs = pack_objects("library.mistakepair")
        missing = [c.mistake_slug for c in CHECKS if c.mistake_slug not in pairs]
        assert missing == []

    def test_round_minutes_follow_the_pack(self):
        rounds = pack_objects("library.round")
        assert {slug: r["minutes_max"] for slug, r in rounds.items()} == ROUND_MINUTES

    def test_regulatory_round_and_topic_names_follow_the_pack(self):
        rounds = pack_objects("library.round")
        topics = pack_objects("library.topic")
        assert {s: rounds[s]["name"] for s in REGULATORY_ROUNDS} == REGULATORY_ROUNDS
        assert {s: topics[s]["name"] for s in REGULATORY_TOPICS} == REGULATORY_TOPICS

    def test_findings_are_frozen(self):
        finding = FeedbackFinding("too-short", "m", "mistake-no-clear-framework")
        with pytest.raises(dataclasses.FrozenInstanceError):
            finding.code = "other"  # type: ignore[misc]


@pytest.mark.parametrize("name", list(STRONG))
def test_strong_answer_has_no_findings(name):
    round_slug, topic_slug, text = STRONG[name]
    assert answer_feedback(text, round_slug=round_slug, topic_slug=topic_slug) == []


def test_strong_answers_cover_every_round():
    rounds = {r for r, _, _ in STRONG.values()}
    assert rounds == set(ROUND_MINUTES)


@pytest.mark.parametrize("name", list(WEAK))
def test_weak_answer_fails_exactly_its_check(name):
    round_slug, topic_slug, expected, text = WEAK[name]
    findings = answer_feedback(text, round_slug=round_slug, topic_slug=topic_slug)
    assert [f.code for f in findings] == [expected]
    (finding,) = findings
    check = next(c for c in CHECKS if c.code == expected)
    assert finding.mistake_slug == check.mistake_slug
    assert len(finding.message) > 40


def test_weak_answers_cover_every_check():
    assert {code for _, _, code, _ in WEAK.values()} == set(CODES)


class TestTooShort:
    @pytest.mark.parametrize(
        ("minutes", "expected"),
        [(None, 60), (20, 60), (30, 60), (31, 75), (45, 75), (60, 90), (90, 120), (240, 120)],
    )
    def test_threshold_scales_with_minutes(self, minutes, expected):
        assert answer_min_words(minutes) == expected

    @pytest.mark.parametrize(
        ("round_slug", "words", "fires"),
        [
            ("recruiter-screen", 59, True),
            ("recruiter-screen", 60, False),
            ("technical", 74, True),
            ("technical", 75, False),
            ("final-round-onsite", 119, True),
            ("final-round-onsite", 120, False),
            (None, 59, True),
            ("no-such-round", 60, False),
        ],
    )
    def test_boundary_per_round(self, round_slug, words, fires):
        text = " ".join(["word"] * words)
        assert ("too-short" in codes(text, round_slug)) is fires

    def test_explicit_minutes_override_the_round(self):
        text = " ".join(["word"] * 80)
        assert "too-short" not in codes(text, "final-round-onsite", minutes=30)
        assert "too-short" in codes(text, "recruiter-screen", minutes=90)

    @pytest.mark.parametrize("minutes", [0, -5])
    def test_nonsense_minutes_fall_back_to_the_round(self, minutes):
        (finding,) = [
            f
            for f in answer_feedback(
                "too few words", round_slug="technical", topic_slug=None, minutes=minutes
            )
            if f.code == "too-short"
        ]
        assert "45-minute round" in finding.message and "at least 75" in finding.message

    def test_message_gives_counts(self):
        (finding,) = answer_feedback(
            "I am a PM who loves healthcare.", round_slug="recruiter-screen", topic_slug=None
        )
        assert finding.message.startswith("Your answer has 7 words; a 30-minute round")
        assert "at least 60" in finding.message

    def test_absence_checks_wait_for_a_long_enough_answer(self):
        # Nothing quantified, no regulation, no people, no example: only the length is reported.
        assert codes("We should make it better for everyone.", "regulatory-strategy") == [
            "too-short"
        ]

    def test_presence_checks_run_on_short_answers(self):
        assert codes("Success is DAU and downloads.", "execution-metrics") == [
            "too-short",
            "vanity-metrics-only",
        ]


class TestEdgeCases:
    @pytest.mark.parametrize(
        "text", ["", "   ", "\n\t\n", "# \n- \n**", "***\n---\n> \n1. \n", "``` ```"]
    )
    def test_empty_or_markdown_only_gives_only_too_short(self, text):
        findings = answer_feedback(text, round_slug=None, topic_slug=None)
        assert [f.code for f in findings] == ["too-short"]
        assert findings[0].message.startswith("There is no answer text yet")

    def test_none_text_does_not_crash(self):
        assert codes(None) == ["too-short"]  # type: ignore[arg-type]

    @pytest.mark.parametrize("name", list(STRONG)[:3])
    def test_none_round_and_topic(self, name):
        _, _, text = STRONG[name]
        assert codes(text, None, None) == []

    def test_very_long_answer(self):
        _, _, text = STRONG["product-sense-heart-failure"]
        long_text = (text + "\n\n") * (200_000 // len(text) + 1)
        assert len(long_text) > 200_000
        assert codes(long_text, "product-sense-case-study", "product-sense-design") == []

    def test_very_long_pathological_line(self):
        # One 200k-character line of repeated fragments regexes might backtrack on.
        text = ("I we ed at A " + "a" * 50 + " 1.1.1.1 [x](" + "#" * 20 + " ") * 2500
        assert "too-short" not in codes(text, "technical", "ai-ethics")

    def test_spanish_answer(self):
        text = """## Propuesta

- **Problema:** el 20% de los pacientes con insuficiencia cardiaca reingresa en 30 días.
- **Solución:** una báscula conectada y un equipo de enfermería que revisa cada alerta.
- **Métricas:** reducir los reingresos un 15% y el coste por paciente.

En mi empresa anterior lancé un programa similar con 3 hospitales y los médicos lo adoptaron
porque no añadía trabajo. Cumplimos con la normativa de privacidad desde el primer día y
obtuvimos el consentimiento de cada paciente antes de compartir sus datos. Los médicos y las
enfermeras revisaron cada mensaje antes del lanzamiento, y medimos el resultado cada semana."""
        # Words, numbers and markdown structure are language-neutral, and "consentimiento" is
        # read as consent; but the people keywords are English, so "pacientes" and "médicos"
        # are missed. A behavioural round also misses the Spanish story ("lancé").
        assert codes(text, "product-sense-case-study") == ["no-stakeholders"]
        assert codes(text, "hiring-manager") == ["no-stakeholders", "no-specific-example"]

    def test_chinese_answer(self):
        text = (
            "我会先了解心力衰竭患者出院后的需求，然后设计一个远程监测产品。"
            "护士每天查看体重变化，医生在复诊前看到摘要。"
            "目标是在六个月内把三十天再入院率降低百分之十五。"
        ) * 3
        findings = answer_feedback(text, round_slug="technical", topic_slug=None)
        # CJK characters count as about two per word, so this is long enough for the round.
        assert [f.code for f in findings] == [
            "not-quantified",
            "no-regulation",
            "no-stakeholders",
            "no-specific-example",
        ]

    def test_chinese_digits_still_count_as_numbers(self):
        text = "目标是把三十天再入院率降低15%，" * 20
        assert "not-quantified" not in codes(text, "execution-metrics")

    def test_markdown_links_and_html_are_read_as_their_text(self):
        text = NUMBERLESS.format(
            extra="See [the FDA 510(k) guidance](https://fda.gov/x) <b>15%</b>."
        )
        assert codes(text, "regulatory-strategy") == []


class TestQuantities:
    @pytest.mark.parametrize(
        "phrase",
        [
            "Readmissions fell 15%.",
            "It saved $2M a year.",
            "It was 3x faster.",
            "We cut it to 4 minutes.",
            "About 2,000 members enrolled.",
            "A 30-day window.",
            "It took two weeks.",
            "Costs were halved.",
            "Adherence rose ten percent.",
            "A 1.5 point drop in HbA1c.",
            "Each visit cost 1.50 more.",
            "A fee of 2,00 per claim.",
        ],
    )
    def test_counts_as_quantified(self, phrase):
        assert "not-quantified" not in codes(NUMBERLESS.format(extra=phrase), "execution-metrics")

    @pytest.mark.parametrize(
        "phrase",
        [
            "We filed a 510(k).",
            "It used HL7 and FHIR R4 with ICD-10 codes.",
            "Under the 21st Century Cures Act.",
            "That was in 2021, in Q3.",
            "We measured HbA1c.",
            "One of the nurses agreed.",
        ],
    )
    def test_does_not_count_as_quantified(self, phrase):
        assert "not-quantified" in codes(NUMBERLESS.format(extra=phrase), "execution-metrics")


class TestVanityMetrics:
    def test_quotes_the_metrics_found(self):
        text = NUMBERLESS.format(extra="Success means DAU/MAU above 40% and more Sign-ups.")
        (finding,) = [
            f
            for f in answer_feedback(text, round_slug="execution-metrics", topic_slug=None)
            if f.code == "vanity-metrics-only"
        ]
        assert "“DAU/MAU”" in finding.message and "“Sign-ups”" in finding.message

    def test_quotes_keep_the_answer_spelling_when_lowercasing_changes_length(self):
        # "İ" lower-cases to two code points, so positions in the lower-cased text shift.
        text = "İstanbul clinic: DAU and Downloads went up. " * 20
        (finding,) = [
            f
            for f in answer_feedback(text, round_slug=None, topic_slug=None)
            if f.code == "vanity-metrics-only"
        ]
        assert "“dau”, “downloads”" in finding.message

    def test_quotes_at_most_three_distinct_metrics(self):
        text = "downloads DAU downloads MAU page views installs " * 30
        (finding,) = [
            f
            for f in answer_feedback(text, round_slug=None, topic_slug=None)
            if f.code == "vanity-metrics-only"
        ]
        assert finding.message.count("“") == 3

    @pytest.mark.parametrize(
        "outcome",
        ["30-day readmissions", "medication adherence", "HEDIS scores", "cost of care", "A1c"],
    )
    def test_an_outcome_metric_clears_it(self, outcome):
        text = NUMBERLESS.format(extra=f"We track DAU and downloads of 5,000, and {outcome}.")
        assert "vanity-metrics-only" not in codes(text, "execution-metrics")

    def test_clicks_in_a_clinical_workflow_are_not_vanity(self):
        text = NUMBERLESS.format(extra="It removed 2 clicks from every medication check.")
        assert codes(text, "execution-metrics") == []


class TestStructure:
    PROSE = (
        "I would look at patients in the clinic and the doctors who treat them and the costs "
        "of 20 visits a year under HIPAA, and at my last company I led this work. "
    ) * 6

    def test_prose_without_structure_fires(self):
        assert codes(self.PROSE, "execution-metrics") == ["no-structure"]

    @pytest.mark.parametrize(
        "marker",
        [
            "## Users\nText.\n## Metrics\nText.",
            "- users\n- metrics",
            "1. users\n2) metrics",
            "Goal: fewer readmissions\nRisk: alert fatigue",
            "**Users**\n**Metrics**",
            "First, the users. Second, the metrics.",
            "I would use the CIRCLES method.",
            "My framework is simple.",
            "I would answer in three parts.",
            "The situation, the task, the action and the result.",
        ],
    )
    def test_structure_markers_clear_it(self, marker):
        assert codes(marker + "\n\n" + self.PROSE, "execution-metrics") == []

    @pytest.mark.parametrize(
        "not_marker",
        [
            "- only one bullet",
            "We ate rice and looked at the stars.",
            "We followed the regulatory framework.",
            "First we listened.",
        ],
    )
    def test_non_markers_do_not_clear_it(self, not_marker):
        assert codes(not_marker + "\n\n" + self.PROSE, "execution-metrics") == ["no-structure"]

    def test_short_answers_need_no_structure(self):
        text = " ".join(self.PROSE.split()[:140])
        assert "no-structure" not in codes(text, "execution-metrics")


class TestGating:
    def test_regulation_not_expected_in_culture_fit(self):
        _, _, _, text = WEAK["no-regulation-product-design"]
        assert codes(text, "culture-fit", "interview-approach") == []

    @pytest.mark.parametrize("topic", sorted(REGULATORY_TOPICS))
    def test_regulation_expected_by_topic_alone(self, topic):
        _, _, _, text = WEAK["no-regulation-product-design"]
        assert codes(text, None, topic) == ["no-regulation"]

    @pytest.mark.parametrize("round_slug", ["recruiter-screen", "culture-fit"])
    def test_stakeholders_not_required_in_screens_and_culture_fit(self, round_slug):
        _, _, _, text = WEAK["no-stakeholders-technical-pipeline"]
        assert "no-stakeholders" not in codes(text, round_slug)

    def test_hypothetical_answer_is_fine_outside_behavioural_rounds(self):
        _, _, _, text = WEAK["no-specific-example-hypothetical"]
        assert codes(text, "execution-metrics", "prioritisation-execution") == []

    def test_behavioural_topic_asks_for_a_story_in_any_round(self):
        _, _, _, text = WEAK["no-specific-example-hypothetical"]
        assert codes(text, "execution-metrics", "career-transition") == ["no-specific-example"]

    @pytest.mark.parametrize(
        ("sentence", "fires"),
        [
            ("We need to listen to patients and we should share the plan.", True),
            ("At first the team should listen.", True),
            ("I led the pilot with the nurses.", False),
            ("We quickly shipped a fix.", False),
            ("I've managed clinical partnerships.", False),
            ("In my previous role the team did this.", False),
            ("The team at Oscar Health did this.", False),
            ("For example, a nurse could share it.", False),
        ],
    )
    def test_story_markers(self, sentence, fires):
        base = (
            "## Approach\n- listen to clinicians\n- share the trade-off with 3 leads\n\n"
            + "I would keep patients first and explain every decision to the care team. " * 8
        )
        result = codes(base + sentence, "hiring-manager")
        assert ("no-specific-example" in result) is fires


class TestAiAndInteroperability:
    BASE = NUMBERLESS.format(extra="Readmissions fell 15% for 300 patients. {extra}")

    @pytest.mark.parametrize(
        ("sentence", "quoted"),
        [
            ("An AI model reads every message.", "“AI”"),
            ("We add machine learning to rank the list.", "“machine learning”"),
            ("An LLM drafts the reply.", "“LLM”"),
        ],
    )
    def test_ai_without_limits_quotes_the_term(self, sentence, quoted):
        text = self.BASE.format(extra=sentence)
        (finding,) = answer_feedback(text, round_slug="technical", topic_slug=None)
        assert finding.code == "ai-without-limits" and quoted in finding.message

    @pytest.mark.parametrize(
        "limit",
        ["We check it for bias.", "It is validated on 3 sites.", "A clinician has oversight."],
    )
    def test_ai_with_its_limits_is_fine(self, limit):
        text = self.BASE.format(extra="An AI model reads every message. " + limit)
        assert codes(text, "technical") == []

    def test_lowercase_ai_inside_words_is_not_ai(self):
        text = self.BASE.format(extra="We said it again and maintained the email list.")
        assert codes(text, "technical") == []

    # No clinician or workflow in it: those already take interoperability beyond plumbing.
    PLUMBING = (
        "## Plan\n- connect 8 hospitals under HIPAA\n- send patients' readings in 5 minutes\n\n"
        + "At my last company we shipped this for 300 patients of a regional hospital group. " * 8
        + "{extra}"
    )

    @pytest.mark.parametrize(
        ("sentence", "quoted"),
        [
            ("Data flows over HL7 v2 feeds.", "“HL7”"),
            ("We expose a FHIR API.", "“FHIR”, “API”"),
            ("Interoperability is the goal.", "“Interoperability”"),
        ],
    )
    def test_interoperability_plumbing_quotes_the_term(self, sentence, quoted):
        text = self.PLUMBING.format(extra=sentence)
        (finding,) = answer_feedback(text, round_slug="technical", topic_slug=None)
        assert finding.code == "interoperability-technical-only" and quoted in finding.message

    @pytest.mark.parametrize(
        "beyond",
        [
            "Codes are mapped to LOINC.",
            "It fits the nurses' workflow.",
            "We track data quality per site.",
            "Physicians see it in the chart.",
        ],
    )
    def test_interoperability_beyond_plumbing_is_fine(self, beyond):
        text = self.PLUMBING.format(extra="We expose a FHIR API. " + beyond)
        assert codes(text, "technical") == []


def test_every_check_fires_in_catalogue_order():
    text = (
        "The product would grow DAU and app downloads and the AI would rank items and the FHIR "
        "API would sync data and the team would ship it and the users would like it and the "
        "company would win in the market and we should move fast and learn from the users. "
    ) * 5
    findings = answer_feedback(text, round_slug="technical", topic_slug="interoperability-data")
    assert [f.code for f in findings] == CODES[1:]
    for f in findings:
        assert f.mistake_slug == next(c.mistake_slug for c in CHECKS if c.code == f.code)


@pytest.mark.parametrize("name", [*STRONG, *WEAK])
def test_deterministic(name):
    example = STRONG.get(name) or WEAK[name]
    round_slug, topic_slug, text = example[0], example[1], example[-1]
    first = answer_feedback(text, round_slug=round_slug, topic_slug=topic_slug)
    second = answer_feedback(text, round_slug=round_slug, topic_slug=topic_slug)
    assert first == second
    assert [f.code for f in first] == [c for c in CODES if c in {f.code for f in first}]


def test_module_is_pure():
    # Feedback runs on every save; it must not reach for the database or the network.
    source = Path(feedback.__file__).read_text(encoding="utf-8")
    for forbidden in ("django", "requests", "urllib", "socket", "open("):
        assert forbidden not in source

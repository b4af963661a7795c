"""Automatic feedback on a practice answer: deterministic text checks, one per mistake pair.

Each check looks for something the answer's text can reveal (too short, no structure, nothing
quantified, vanity metrics only, ...) and names the library.MistakePair it matches, so the page
can show that pair's BAD and GOOD beside the finding. Pure functions: no database, no network.

The checks read English keywords. An answer in another language still gets a word count
(CJK characters are counted as roughly two per word) and its numbers and markdown structure
are recognised, but the keyword checks will mostly fire on it.

Checks that report something *missing* (no structure, no numbers, no stakeholders, ...) are
skipped while the answer is too short: in three sentences everything is missing, and the one
useful finding is the length. Checks that report something *present* (vanity metrics, AI
without its limits, interoperability without semantics) run at any length.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from itertools import islice


@dataclass(frozen=True)
class FeedbackFinding:
    code: str
    message: str
    mistake_slug: str


@dataclass(frozen=True)
class FeedbackCheck:
    code: str
    title: str
    mistake_slug: str
    rule: str


CHECKS: tuple[FeedbackCheck, ...] = (
    FeedbackCheck(
        "too-short",
        "Far too short for the round",
        "mistake-no-clear-framework",
        "Fewer words than the round needs: 60 for a round of up to 30 minutes, 75 up to 45, "
        "90 up to 60, 120 beyond (60 when the round is unknown).",
    ),
    FeedbackCheck(
        "no-structure",
        "No framework or structure",
        "mistake-no-clear-framework",
        "An answer of 150 words or more with no headings, lists, labelled parts, "
        "'first… second…' signposts or named framework (STAR, CIRCLES, RICE, HEART, ...).",
    ),
    FeedbackCheck(
        "not-quantified",
        "Nothing quantified",
        "mistake-failing-to-quantify-impact",
        "No number, percentage, amount of money, multiple or counted time span anywhere "
        "(years, ordinals and names like 510(k) or HL7 do not count).",
    ),
    FeedbackCheck(
        "vanity-metrics-only",
        "Vanity metrics without an outcome",
        "mistake-dau-mau-success-vision",
        "Names an engagement or vanity metric (DAU/MAU, downloads, installs, sign-ups, page "
        "views, clicks, time in app, ...) and no clinical or financial outcome (readmissions, "
        "adherence, HEDIS, cost, A1c, mortality, length of stay, no-shows, revenue, ...).",
    ),
    FeedbackCheck(
        "no-regulation",
        "Regulation never considered",
        "mistake-ignoring-regulatory-ethical-constraints",
        "In a regulatory, domain, technical, case-study or take-home round, or a regulation, AI "
        "ethics, interoperability, clinical or product-design topic: no mention of HIPAA, FDA, "
        "SaMD, 510(k), GDPR, MDR, CMS, ONC, consent, privacy, security or compliance.",
    ),
    FeedbackCheck(
        "no-stakeholders",
        "No clinicians, patients or payers",
        "mistake-no-clinical-context",
        "Never mentions a patient, caregiver, clinician, doctor, nurse, care team, payer, "
        "insurer, health plan, provider or hospital (not checked in recruiter-screen and "
        "culture-fit rounds).",
    ),
    FeedbackCheck(
        "no-specific-example",
        "Generic, with no specific example",
        "mistake-generic-behavioral-responses",
        "Behavioural rounds and topics: no story from your own work ('I led…', 'we launched…', "
        "'in my previous role', 'at Acme') and no 'for example'. Other rounds: no example, "
        "story or number at all.",
    ),
    FeedbackCheck(
        "ai-without-limits",
        "AI without its limits",
        "mistake-applying-ai-without-understanding-limits",
        "Mentions AI, ML, LLMs or algorithms but nothing on bias, fairness, validation, "
        "explainability, clinician oversight, limitations, errors or safety.",
    ),
    FeedbackCheck(
        "interoperability-technical-only",
        "Interoperability as plumbing only",
        "mistake-technical-interoperability-only",
        "Mentions FHIR, HL7, APIs, EHR integration or interoperability but nothing on data "
        "semantics (terminologies, mapping, data quality) or clinical workflow and adoption.",
    ),
)

# minutes_max of each round in fixtures/healthcare_pm.json, used when the caller passes no
# minutes; a test keeps the two in step.
ROUND_MINUTES: dict[str, int] = {
    "recruiter-screen": 30,
    "hiring-manager": 60,
    "technical": 45,
    "product-sense-case-study": 60,
    "execution-metrics": 60,
    "domain-expertise": 60,
    "regulatory-strategy": 60,
    "take-home-presentation": 60,
    "final-round-onsite": 90,
    "leadership-collaboration": 60,
    "culture-fit": 45,
}

DEFAULT_MIN_WORDS = 60
# Below this an answer can be a crisp paragraph; above it the listener needs signposts.
STRUCTURE_MIN_WORDS = 150

# Rounds and topics where regulation belongs in the answer, with their names in the pack (a
# test keeps them in step) so the finding can say which one expected it.
REGULATORY_ROUNDS: dict[str, str] = {
    "regulatory-strategy": "Regulatory Strategy",
    "domain-expertise": "Healthcare Domain Expertise (Clinical Experts)",
    "technical": "Technical Interview",
    "product-sense-case-study": "Product Sense / Case Study / Product Design",
    "take-home-presentation": "Take-home Exercise / Presentation",
}
REGULATORY_TOPICS: dict[str, str] = {
    "regulation-compliance": "Regulation & Compliance",
    "ai-ethics": "AI & Ethics",
    "interoperability-data": "Interoperability & Data",
    "clinical-domain": "Clinical & Domain Knowledge",
    "product-sense-design": "Product Sense & Design",
}
BEHAVIOURAL_ROUNDS = frozenset(
    {
        "hiring-manager",
        "leadership-collaboration",
        "culture-fit",
        "recruiter-screen",
        "final-round-onsite",
    }
)
BEHAVIOURAL_TOPICS = frozenset({"leadership-collaboration", "career-transition"})
# "Tell me about yourself" and values questions can fairly skip the care ecosystem.
NO_STAKEHOLDER_ROUNDS = frozenset({"recruiter-screen", "culture-fit"})

_M = re.MULTILINE


def _lower(pattern: str) -> re.Pattern[str]:
    """A keyword pattern run on lower-cased text: several times faster than IGNORECASE."""
    assert not re.search(r"\\[WSDBAZ]", pattern), "lower-casing would change this escape"
    return re.compile(pattern.lower())


def _words(*alternatives: str) -> str:
    return r"\b(?:" + "|".join(alternatives) + r")\b"


# Markdown syntax, removed before words are counted and keywords read.
_MD_LINK = re.compile(r"!?\[([^\]\n]{0,500})\]\([^)\n]{0,500}\)")
_MD_HTML = re.compile(r"<[^<>\n]{0,200}>")
_MD_LINE_PREFIX = re.compile(
    r"^[ \t]*(?:#{1,6}(?=\s|$)|>+|[-*+•](?=\s)|\d{1,3}[.)](?=\s)|\(\d{1,3}\)(?=\s))", _M
)
_MD_FENCE_OR_RULE = re.compile(r"^[ \t]*(?:`{3,}|~{3,}|[-*_=]{3,})[^\n]*$", _M)
_MD_EMPHASIS = re.compile(r"[*_~`|]+")

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")

# Structure, read on the raw text (markdown is structure).
_STRUCT_LINE = re.compile(
    r"^[ \t]*(?:"
    r"#{1,6}[ \t]+\S"  # heading
    r"|[-*+•][ \t]+\S"  # bullet
    r"|(?:\d{1,2}|[a-hA-H])[.)][ \t]+\S"  # 1. / 1) / a)
    r"|\(\d{1,2}\)[ \t]+\S"  # (1)
    r"|(?:\*\*|__)[^*_\n]{1,60}(?:\*\*|__)"  # **Bold label**
    r"|[A-Z][A-Za-z/&'-]*(?: [A-Za-z/&'-]+){0,3}:[ \t]+\S"  # Label: text, up to 4 words
    r")",
    _M,
)
_SIGNPOST_START = _lower(_words("first(?:ly)?", "to (?:start|begin) with"))
_SIGNPOST_NEXT = _lower(_words("second(?:ly)?", "third(?:ly)?", "finally", "lastly"))
# Framework acronyms are case-sensitive so "rice" and "star" in prose do not count.
_FRAMEWORK_ACRONYM = re.compile(
    _words("STAR", "CIRCLES", "RICE", "HEART", "AARRR", "SWOT", "JTBD", "MoSCoW", "ICE")
)
_FRAMEWORK_PHRASE = _lower(
    _words(
        "(?<!regulatory )(?<!ethical )(?<!legal )(?<!compliance )frameworks?",
        "jobs[ -]to[ -]be[ -]done",
        "kano",
        "steps? (?:\\d+|one|two|three)",
        "phase (?:\\d+|one|two)",
        "(?:\\d|two|three|four|five|six|seven)[ -](?:steps|parts|phases|stages|pillars|areas|"
        "buckets|dimensions|priorities|questions|principles|workstreams)",
        "structure (?:my|the|this) answer",
    )
)
_STAR_WORDS = tuple(_lower(_words(w)) for w in ("situation", "task", "action", "result"))

# Quantities: a standalone number (with optional currency and unit), or a number word.
_REGULATORY_NUMBERED = _lower(r"\b510\s*\(k\)|\b21st century cures")
# Neighbours are checked against ASCII only, so "HL7" and "A1c" are names but the digits in
# Chinese text ("降低15%") still count.
_NUMBER = _lower(
    r"(?<![A-Za-z0-9_\-./])[$£€]?(\d+(?:[.,]\d+)*)"
    r"(?:[ \t]?(%|x|k|m|bn|mm|pp)(?![A-Za-z])|(?![A-Za-z0-9_(]))"
)
_NUMBER_WORD = _lower(
    _words(
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "fifteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundreds?",
        "thousands?",
        "millions?",
        "billions?",
        "dozens?",
        "half",
        "halved",
        "doubled",
        "tripled",
        "twice",
        "percent",
        "per cent",
        "percentage points?",
    )
)

_VANITY = _lower(
    _words(
        "DAU/MAU",
        "DAUs?",
        "MAUs?",
        "WAUs?",
        "(?:daily|weekly|monthly) active users?",
        "downloads?",
        "installs?",
        "page ?views?",
        "sign-?ups?",
        "registrations?",
        "followers?",
        "likes",
        # Bare "clicks" is left out: clicks added to a clinician's workflow are a burden, not vanity.
        "(?:ad|link|email|banner) clicks?",
        "click-through(?: rates?)?",
        "CTR",
        "time (?:spent )?in (?:the )?app",
        "session (?:length|count|duration)s?",
        "app opens?",
        "impressions?",
        "user growth",
    )
)
_OUTCOME = _lower(
    _words(
        "readmissions?",
        "re-admissions?",
        "adherence",
        "HEDIS",
        "costs?",
        "cost savings?",
        "savings",
        "mortality",
        "morbidity",
        "outcomes?",
        "(?:Hb)?A1c",
        "blood pressure",
        "length of stay",
        "no-?shows?",
        "revenue",
        "ROI",
        "complications?",
        "ED visits?",
        "(?:emergency|ER) visits?",
        "hospitali[sz]ations?",
        "admissions?",
        "time to (?:diagnosis|treatment|care)",
        "infection rates?",
        "falls",
        "PROMs?",
        "quality measures?",
        "star ratings?",
        "MIPS",
        "denials?",
        "documentation time",
        "burnout",
        "remission",
        "medication errors?",
        "sepsis",
    )
)

_REGULATION = _lower(
    _words(
        "HIPAA",
        "HITECH",
        "FDA",
        "SaMD",
        "510\\(k\\)",
        "510k",
        "de novo",
        "premarket",
        "pre-market",
        "GDPR",
        "CE[ -]mark(?:ed|ing)?",
        "21st century cures",
        "information blocking",
        "regulat\\w*",
        "complian\\w*",
        "consent\\w*",
        "privacy",
        "IRB",
        "PHI",
        "protected health information",
        "de-?identif\\w*",
        "(?:data )?security",
        "encrypt\\w*",
        "business associate agreements?",
        "audit trails?",
        "legal",
        "liabilit\\w*",
    )
)
# Short acronyms that are ordinary words or fragments in lower case.
_REGULATION_ACRONYM = re.compile(_words("PMA", "EMA", "MDR", "CMS", "ONC", "BAA", "MHRA", "TGA"))

_STAKEHOLDER = _lower(
    _words(
        "patients?",
        "caregivers?",
        "carers?",
        "clinicians?",
        "clinical (?:staff|teams?|users?|leads?|partners?|advisors?|champions?)",
        "doctors?",
        "physicians?",
        "nurses?",
        "nursing",
        "surgeons?",
        "pharmacists?",
        "therapists?",
        "radiologists?",
        "cardiologists?",
        "specialists?",
        "care (?:teams?|managers?|coordinators?)",
        "medical (?:staff|directors?)",
        "primary care",
        "PCPs?",
        "GPs?",
        "payers?",
        "payors?",
        "insurers?",
        "health ?plans?",
        "plan members?",
        "providers?",
        "hospitals?",
        "health systems?",
        "clinics?",
        "employers?",
    )
)

_PAST_VERB = (
    r"(?:(?!(?:need|feed|proceed|succeed|exceed|seed|speed|breed|embed|shed|bleed|weed|indeed)\b)"
    r"[a-z]+ed"
    r"|led|ran|built|made|took|saw|found|drove|grew|cut|wrote|spent|met|got|gave|won|lost"
    r"|brought|began|chose|did|had|was|were|sold|taught|told|set|put|held|kept|left|paid"
    r"|said|sent|spoke|stood|shipped|launched|learnt|sat|went|came|knew|thought|felt|heard)"
)
_STORY = _lower(
    r"\b(?:I|we|my team|our team)"
    r"(?:['’]ve|['’]d|\s+(?:have|had|then|also|first|later|eventually|finally|once|together|[a-z]+ly))?"
    r"\s+" + _PAST_VERB + r"\b"
    r"|\b(?:in|at|during) my (?:previous|last|current|prior|former|first) "
    r"(?:role|job|position|company|team|startup|employer)"
    r"|\bwhen I was\b|\byears? ago\b|\blast (?:year|quarter|month|spring|summer|autumn|fall|winter)"
)
# "at Acme" names a place; lower-case "at" so a sentence opening "At first" does not count.
_AT_COMPANY = re.compile(r"\bat (?!First\b|Least\b)[A-Z][a-z][\w&.-]*")
_EXAMPLE = _lower(
    _words("for example", "for instance", "e\\.g", "to give an example", "one example")
)

_AI = _lower(
    _words(
        "artificial intelligence",
        "machine[ -]learning",
        "deep learning",
        "large language models?",
        "neural networks?",
        "algorithms?",
        "algorithmic",
        "predictive models?",
        "risk models?",
        "chatbots?",
        "GPT(?:-\\d)?",
        "generative",
    )
)
_AI_ACRONYM = re.compile(_words("AI", "ML", "LLMs?", "NLP", "A\\.I\\."))
_AI_LIMITS = _lower(
    _words(
        "bias\\w*",
        "fair\\w*",
        "equit\\w*",
        "validat\\w*",
        "explainab\\w*",
        "interpretab\\w*",
        "transparen\\w*",
        "oversight",
        "human[ -]in[ -]the[ -]loop",
        "clinician review",
        "review(?:ed)? by (?:a )?clinicians?",
        "limitations?",
        "limits?",
        "false (?:positives?|negatives?)",
        "sensitivity",
        "specificity",
        "accuracy",
        "precision",
        "calibrat\\w*",
        "AUC",
        "drift",
        "hallucinat\\w*",
        "errors?",
        "safe(?:ty|ly|guards?)?",
        "guardrails?",
        "(?:model|performance) monitoring",
        "monitor(?:ing)? (?:the )?(?:model|performance|drift)",
        "liabilit\\w*",
        "audit\\w*",
    )
)

_INTEROP = _lower(
    _words(
        "FHIR",
        "HL7",
        "interoperab\\w*",
        "C-?CDA",
        "TEFCA",
        "HIE",
        "APIs?",
        "(?:EHR|EMR) integrations?",
        "integrat\\w* (?:with|into) (?:the |an |their )?(?:EHRs?|EMRs?|Epic|Cerner)",
        "data exchange",
    )
)
_INTEROP_BEYOND_PLUMBING = _lower(
    _words(
        "semantic\\w*",
        "terminolog\\w*",
        "vocabular\\w*",
        "code systems?",
        "coding",
        "SNOMED(?: CT)?",
        "LOINC",
        "ICD-?10",
        "RxNorm",
        "CPT",
        "mapp\\w*",
        "normali[sz]\\w*",
        "data quality",
        "consisten\\w*",
        "reconcil\\w*",
        "harmoni[sz]\\w*",
        "provenance",
        "workflows?",
        "adoption",
        "clinicians?",
        "physicians?",
        "doctors?",
        "nurses?",
        "care teams?",
        "usability",
        "(?:clinician|staff|user) training",
        "alert fatigue",
        "in-?basket",
    )
)


@dataclass(frozen=True)
class _Answer:
    """An answer read once: raw text for structure, plain text for words and keywords."""

    raw: str
    plain: str
    words: int
    round_slug: str | None
    topic_slug: str | None
    minutes: int | None
    min_words: int

    @property
    def too_short(self) -> bool:
        return self.words < self.min_words

    @cached_property
    def low(self) -> str:
        return self.plain.lower()

    @cached_property
    def quantified(self) -> bool:
        return _has_quantity(self.low)

    def quote(self, start: int, end: int) -> str:
        """The answer's own spelling of a match found in `low` (same length in almost all text)."""
        return self.plain[start:end] if len(self.low) == len(self.plain) else self.low[start:end]


def _plain(text: str) -> str:
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HTML.sub(" ", text)
    text = _MD_FENCE_OR_RULE.sub(" ", text)
    text = _MD_LINE_PREFIX.sub(" ", text)
    return _MD_EMPHASIS.sub(" ", text)


def _word_count(plain: str) -> int:
    cjk = len(_CJK.findall(plain))
    rest = _CJK.sub(" ", plain) if cjk else plain
    return sum(1 for _ in _WORD.finditer(rest)) + (cjk + 1) // 2


def _quoted(matches: list[str], limit: int = 3) -> str:
    """Distinct matches in order of appearance, each quoted, at most `limit`."""
    seen: dict[str, str] = {}
    for m in matches:
        key = " ".join(m.lower().split())
        if key not in seen:
            seen[key] = " ".join(m.split())
        if len(seen) == limit:
            break
    return ", ".join(f"“{v}”" for v in seen.values())


def _first_matches(
    a: _Answer, lowered: re.Pattern[str], cased: re.Pattern[str] | None = None
) -> list[str]:
    """The first few matches, in order of appearance, spelt as in the answer, to quote back."""
    found = [(m.start(), a.quote(*m.span())) for m in islice(lowered.finditer(a.low), 20)]
    if cased is not None:
        found += [(m.start(), m.group(0)) for m in islice(cased.finditer(a.plain), 20)]
    return [text for _, text in sorted(found)]


def _has_quantity(low: str) -> bool:
    text = _REGULATORY_NUMBERED.sub(" ", low)
    for m in _NUMBER.finditer(text):
        digits, unit = m.group(1), m.group(2)
        # A bare year dates a story; it does not measure anything.
        if not unit and len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2099:
            continue
        return True
    return bool(_NUMBER_WORD.search(text))


def _has_structure(a: _Answer) -> bool:
    if len(list(islice(_STRUCT_LINE.finditer(a.raw), 2))) == 2:
        return True
    if _SIGNPOST_START.search(a.low) and _SIGNPOST_NEXT.search(a.low):
        return True
    if _FRAMEWORK_ACRONYM.search(a.plain) or _FRAMEWORK_PHRASE.search(a.low):
        return True
    return all(p.search(a.low) for p in _STAR_WORDS)


def _check_too_short(a: _Answer) -> str | None:
    if not a.too_short:
        return None
    if a.words == 0:
        return (
            f"There is no answer text yet. Write at least {a.min_words} words: a structure, "
            "a specific example and a measurable result."
        )
    plural = "word" if a.words == 1 else "words"
    need = f"a {a.minutes}-minute round needs" if a.minutes else "an interview answer needs"
    return (
        f"Your answer has {a.words} {plural}; {need} at least {a.min_words} to set out a "
        "structure, a specific example and a measurable result."
    )


def _check_no_structure(a: _Answer) -> str | None:
    if a.words < STRUCTURE_MIN_WORDS or _has_structure(a):
        return None
    return (
        f"Your {a.words}-word answer has no visible structure: no headings or lists, no "
        "'first… second…' signposts and no named framework (STAR, CIRCLES, RICE, HEART). "
        "State your framework up front and follow it."
    )


def _check_not_quantified(a: _Answer) -> str | None:
    if a.too_short or a.quantified:
        return None
    return (
        "Nothing in your answer is quantified: no baseline, target, percentage, cost or time "
        "frame. Put a number on the impact, e.g. a 15% cut in readmissions."
    )


def _check_vanity_metrics_only(a: _Answer) -> str | None:
    vanity = _first_matches(a, _VANITY)
    if not vanity or _OUTCOME.search(a.low):
        return None
    return (
        f"You measure success with {_quoted(vanity)} but name no clinical or financial outcome "
        "(readmissions, adherence, HEDIS scores, cost). Tie the metric to health impact."
    )


def _check_no_regulation(a: _Answer) -> str | None:
    if a.round_slug in REGULATORY_ROUNDS:
        where = f"the {REGULATORY_ROUNDS[a.round_slug]} round"
    elif a.topic_slug in REGULATORY_TOPICS:
        where = f"the {REGULATORY_TOPICS[a.topic_slug]} topic"
    else:
        return None
    if a.too_short or _REGULATION.search(a.low) or _REGULATION_ACRONYM.search(a.plain):
        return None
    return (
        f"Questions in {where} expect regulation to shape the answer, but yours never "
        "mentions it: no HIPAA, FDA/SaMD pathway, GDPR, consent, privacy or compliance."
    )


def _check_no_stakeholders(a: _Answer) -> str | None:
    if a.round_slug in NO_STAKEHOLDER_ROUNDS or a.too_short or _STAKEHOLDER.search(a.low):
        return None
    return (
        "Nobody from healthcare appears in your answer: no patients, clinicians, payers or "
        "providers. Say whose problem this is and what changes for them."
    )


def _check_no_specific_example(a: _Answer) -> str | None:
    if a.too_short:
        return None
    if _STORY.search(a.low) or _AT_COMPANY.search(a.plain) or _EXAMPLE.search(a.low):
        return None
    behavioural = a.round_slug in BEHAVIOURAL_ROUNDS or a.topic_slug in BEHAVIOURAL_TOPICS
    if behavioural:
        return (
            "Your answer stays general: there is no story from your own work ('I led…', "
            "'at my last company we…') and no 'for example'. Tell one specific situation, "
            "what you did and what happened."
        )
    if a.quantified:
        return None
    return (
        "Your answer has nothing concrete in it: no example, no story and no number. Anchor "
        "it in one specific scenario, user and result."
    )


def _check_ai_without_limits(a: _Answer) -> str | None:
    ai = _first_matches(a, _AI, _AI_ACRONYM)
    if not ai or _AI_LIMITS.search(a.low):
        return None
    return (
        f"You bring in {_quoted(ai)} but say nothing about its limits: bias, validation, "
        "explainability, errors or clinician oversight."
    )


def _check_interoperability_technical_only(a: _Answer) -> str | None:
    interop = _first_matches(a, _INTEROP)
    if not interop or _INTEROP_BEYOND_PLUMBING.search(a.low):
        return None
    return (
        f"You mention {_quoted(interop)} as plumbing only: nothing on data semantics "
        "(terminologies such as SNOMED or LOINC, mapping, data quality) or on clinicians' "
        "workflow and adoption."
    )


_CHECK_FUNCTIONS: dict[str, Callable[[_Answer], str | None]] = {
    "too-short": _check_too_short,
    "no-structure": _check_no_structure,
    "not-quantified": _check_not_quantified,
    "vanity-metrics-only": _check_vanity_metrics_only,
    "no-regulation": _check_no_regulation,
    "no-stakeholders": _check_no_stakeholders,
    "no-specific-example": _check_no_specific_example,
    "ai-without-limits": _check_ai_without_limits,
    "interoperability-technical-only": _check_interoperability_technical_only,
}
assert tuple(_CHECK_FUNCTIONS) == tuple(c.code for c in CHECKS)


def round_minutes(round_slug: str | None, minutes: int | None = None) -> int | None:
    """The round's length: `minutes` when given, else the pack's length for the round."""
    if minutes is not None and minutes > 0:
        return minutes
    return ROUND_MINUTES.get(round_slug or "")


def answer_min_words(minutes: int | None) -> int:
    """The fewest words an answer needs in a round of `minutes` (None: unknown round)."""
    if minutes is None:
        return DEFAULT_MIN_WORDS
    if minutes <= 30:
        return 60
    if minutes <= 45:
        return 75
    if minutes <= 60:
        return 90
    return 120


def answer_feedback(
    text: str, *, round_slug: str | None, topic_slug: str | None, minutes: int | None = None
) -> list[FeedbackFinding]:
    """Findings on an answer, in the order of CHECKS. Deterministic; no I/O."""
    raw = text or ""
    plain = _plain(raw)
    minutes = round_minutes(round_slug, minutes)
    answer = _Answer(
        raw=raw,
        plain=plain,
        words=_word_count(plain),
        round_slug=round_slug,
        topic_slug=topic_slug,
        minutes=minutes,
        min_words=answer_min_words(minutes),
    )
    findings = []
    for check in CHECKS:
        message = _CHECK_FUNCTIONS[check.code](answer)
        if message is not None:
            findings.append(FeedbackFinding(check.code, message, check.mistake_slug))
    return findings

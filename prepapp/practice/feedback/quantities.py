"""The measures a sentence states: percentages, money, multiples, rates, changes."""

from __future__ import annotations

import re

# A measure on something, in digits or words. Bare counts ("three layers", "5 hospitals"),
# versions (HL7 v2, FHIR R4, 2.0), years and names (510(k)) are not measures.
_NUM = r"(?:\d+(?:[.,]\d+)*)"
_NUMBER_WORDS = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)"
)
_NOT_A_MEASURE = re.compile(
    r"\b510\s*\(\s*k\s*\)|\b21st century|\b(?:v|version|release|r)\s?\d+(?:\.\d+)*\b"
    r"|\b(?:hl7|fhir|icd|dsm|iso|iec|sec(?:tion)?|class|phase|stage|tier|level|step|part|q|"
    r"article|rule|title|chapter|annex)"
    r"[\s-]?\d+(?:\.\d+)*\b"
    # A law's number ("Regulation 2017/745") names it.
    r"|\b(?:19|20)\d\d/\d+\b"
    r"|\b(?:19|20)\d\d\b(?!\s?%)",
    re.I,
)
# (pattern, needs a digit). A sentence without a digit is searched with the word patterns
# only: the others cannot match there, so the matches are the same, found faster.
_QUANTITY_PARTS = [
    # percentages and points
    (
        rf"{_NUM}\s?(?:%|percent\b|per cent\b|pp\b|percentage points?\b|points?\b|bps\b"
        r"|basis points\b)",
        True,
    ),
    (
        rf"\b{_NUMBER_WORDS}(?:[- ]{_NUMBER_WORDS})?\s(?:percent|per cent|percentage points?|"
        r"points)\b",
        False,
    ),
    # money
    (rf"[$£€]\s?{_NUM}", True),
    (rf"{_NUM}\s?(?:k|m|mm|bn)?\s?(?:dollars|usd|gbp|eur|euros|pounds)\b", True),
    (rf"\b{_NUM}\s?(?:million|billion|thousand|bn|k)\b", True),
    # multiples
    (rf"\b{_NUM}\s?(?:x|×|-fold|fold|times)(?![a-z])", True),
    (
        rf"\b{_NUMBER_WORDS}[- ]?(?:fold|times (?:more|less|fewer|faster|higher|lower|as))\b",
        False,
    ),
    (r"\b(?:doubl|tripl|quadrupl|halv)(?:ed|ing|es)\b|\btwice (?:as|the)\b", False),
    # fractions and rates
    (
        r"\b(?:a|one|two|three)[- ](?:third|quarter|half|fifth|tenth)s?\b|\bhalf (?:of|the|as)\b"
        r"|\bby half\b|\bin half\b",
        False,
    ),
    (
        rf"\b(?:{_NUM}|{_NUMBER_WORDS}) (?:in|out of) (?:every )?(?:{_NUM}|{_NUMBER_WORDS})\b",
        False,
    ),
    (
        rf"\b{_NUM}\s(?:[a-z]+\s){{0,2}}(?:per|a|an|each)\s(?:day|week|month|year|shift|"
        r"patient|member|visit|nurse|clinician|user|site|encounter|hour)\b",
        True,
    ),
    # change from one value to another, or by an amount
    (rf"\bfrom (?:about |around |roughly )?[$£€]?{_NUM}\S* (?:\w+ )?to [$£€]?{_NUM}", True),
    (
        rf"\b(?:by|of) (?:about |around |roughly |nearly |almost |over |more than |at least )?"
        # "a network of 14 primary care clinics" counts clinics, it measures nothing.
        rf"{_NUM}\b(?!\s?(?:[a-z-]+\s){{0,2}}(?:hospitals|sites|teams|people|clinics|practices|"
        r"nurses|clinicians|physicians|doctors|pharmacies|plans|payers|customers|partners|"
        r"markets|states|countries|engineers|squads|stakeholders)\b)",
        True,
    ),
    # large numbers: reach and volume, not a small count
    (r"\b\d{1,3}(?:,\d{3})+\b|\b[1-9]\d{2,}\b", True),
    # decimals measure something (versions were removed above)
    (r"\b\d+\.\d+\b", True),
]
# Every alternative starts with a digit, a currency sign or one of these letters (a number
# word, "doubled", "twice", "a third", "half", "by", "in", "from", "of"): one character test
# per position before trying the alternatives.
_QUANTITY = re.compile(
    r"(?=[\d$£€otfsenhdqabi])(?:" + "|".join(p for p, _ in _QUANTITY_PARTS) + ")", re.I
)
_QUANTITY_WORDS = re.compile(
    r"(?=[otfsenhdqabi])(?:" + "|".join(p for p, digit in _QUANTITY_PARTS if not digit) + ")",
    re.I,
)
_DIGIT = re.compile(r"\d")
# A span of time is a measure when something changed by it ("cut from 11 to 4 minutes",
# "saved two hours a week"), not when it only frames a plan ("a 3-month pilot").
_TIME_SPAN = re.compile(
    rf"(?=[\dotfsenh])\b(?:{_NUM}|{_NUMBER_WORDS})[- ](?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\b",
    re.I,
)
_CHANGE = re.compile(
    r"\b(?:sav\w*|cut|cuts|reduc\w*|fell|fall\w*|drop\w*|faster|quicker|shorter|sooner|"
    r"down|less|fewer|lower\w*|shrank|shrunk|shortened|improv\w*|gain\w*|freed)\b",
    re.I,
)


# Most sentences hold no quantity at all: one cheap search skips the big pattern for them.
_MAYBE_QUANTITY = re.compile(
    r"(?=[\dptqhfosend])(?:\d|percent|per cent|doubl|tripl|quadrupl|halv|twice|third|quarter|half|fifth|tenth|"
    rf"fold|times|\b{_NUMBER_WORDS}\b)",
    re.I,
)


def sentence_quantities(text: str) -> list[str]:
    """The measures in one sentence, as written."""
    if not _MAYBE_QUANTITY.search(text):
        return []
    cleaned = _NOT_A_MEASURE.sub(lambda m: " " * len(m.group(0)), text)
    pattern = _QUANTITY if _DIGIT.search(cleaned) else _QUANTITY_WORDS
    found = [m.group(0) for m in pattern.finditer(cleaned)]
    spans = [m.group(0) for m in _TIME_SPAN.finditer(cleaned)]
    if spans and _CHANGE.search(cleaned):
        found += spans
    return [f.strip() for f in found if f.strip()]

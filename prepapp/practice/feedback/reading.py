"""One answer as the checks see it: its text model, its vocabulary matches and its round length."""

from __future__ import annotations

import re
from functools import cached_property

from prepapp.practice.feedback.quantities import sentence_quantities
from prepapp.practice.feedback.structure import structure_evidence
from prepapp.practice.feedback.text import AnswerText
from prepapp.practice.feedback.vocabulary import Match, Vocabulary

# The fewest words an answer needs, by the round's length (minutes, inclusive upper bound).
# "Far too short" is a few lines: a crisp 75-word answer to a 60-minute question makes its
# case, a 45-word one does not. In the labelled answers every too-short one was under two
# thirds of these, and every crisp answer that made its case was over them.
MIN_WORDS_BY_MINUTES = ((30, 40), (45, 50), (60, 60))
MIN_WORDS_LONGER = 80
MIN_WORDS_UNKNOWN = 40

_FIRST_PERSON = frozenset({"i", "we", "my", "our", "us", "me", "i'm", "we're", "i’m"})
# "I'm outcome-focused" describes oneself; "I led", "we launched" tell what happened.
_STORY_SUBJECTS = frozenset({"i", "we", "my", "our"})
# "I've always been…", "I have built a toolkit": a claim about oneself, not a situation.
_PERFECT = frozenset({"i've", "we've", "i’ve", "we’ve"})
_IRREGULAR_PAST = frozenset(
    [
        "led",
        "ran",
        "built",
        "made",
        "took",
        "saw",
        "found",
        "drove",
        "grew",
        "cut",
        "wrote",
        "spent",
        "met",
        "got",
        "gave",
        "won",
        "lost",
        "brought",
        "began",
        "chose",
        "did",
        "had",
        "was",
        "were",
        "sold",
        "taught",
        "told",
        "set",
        "put",
        "held",
        "kept",
        "left",
        "paid",
        "said",
        "sent",
        "spoke",
        "stood",
        "learnt",
        "sat",
        "went",
        "came",
        "knew",
        "thought",
        "felt",
        "heard",
        "shipped",
        "launched",
        "rebuilt",
        "rewrote",
        "overcame",
        "became",
        "fought",
        "caught",
        "understood",
        "undertook",
    ]
)
_NOT_PAST = frozenset(
    [
        "need",
        "feed",
        "proceed",
        "succeed",
        "exceed",
        "seed",
        "speed",
        "breed",
        "embed",
        "shed",
        "bleed",
        "weed",
        "indeed",
        "red",
        "bed",
        "hundred",
        "shared-need",
        "based",
    ]
)
_PAST_OWN_CONTEXT = re.compile(
    r"\b(?:in|at|during) my (?:previous|last|current|prior|former|first|second|old) "
    # Singular: "in my previous roles I've…" sums up a career, it is not one situation.
    r"(?:role|job|position|company|team|startup|employer|organi[sz]ation)\b(?!['’]?s\b)"
    r"|\bwhen i (?:was|worked|joined|led|ran)\b|\b(?:\w+ )?years? ago\b"
    r"|\blast (?:year|quarter|month|spring|summer|autumn|fall|winter)\b",
    re.I,
)


def min_words_for(minutes: int | None) -> int:
    if minutes is None or minutes <= 0:
        return MIN_WORDS_UNKNOWN
    for limit, words in MIN_WORDS_BY_MINUTES:
        if minutes <= limit:
            return words
    return MIN_WORDS_LONGER


def _is_past_verb(low: str) -> bool:
    if low in _IRREGULAR_PAST:
        return True
    return len(low) > 4 and low.endswith("ed") and low not in _NOT_PAST


class Reading:
    """An answer read once for every check."""

    def __init__(self, text: AnswerText, vocabulary: Vocabulary, minutes: int | None):
        self.text = text
        self.vocabulary = vocabulary
        self.minutes = minutes if minutes and minutes > 0 else None
        self.min_words = min_words_for(self.minutes)
        self.found: dict[str, list[Match]] = vocabulary.matches(text)

    @property
    def words(self) -> int:
        return self.text.words

    @property
    def too_short(self) -> bool:
        return self.text.words < self.min_words

    def setting(self, name: str, default):
        return self.vocabulary.settings.get(name, default)

    # -- vocabulary ----------------------------------------------------------------------

    def hits(self, category: str, *, negated: bool = False) -> list[Match]:
        """Matches of a category; negated mentions ("no AI here") are left out unless asked."""
        matches = self.found.get(category)
        if matches is None:
            raise KeyError(f"The feedback vocabulary has no category {category!r}.")
        return matches if negated else [m for m in matches if not m.negated]

    def has(self, category: str) -> bool:
        return bool(self.hits(category))

    def sentences(self, category: str) -> list[int]:
        """Indices of sentences with a (non-negated) mention, in order, each once."""
        return sorted({m.sentence for m in self.hits(category)})

    def hits_outside(self, category: str, *covering: str) -> list[Match]:
        """Matches not inside a match of another category ("cost" inside "cost per install")."""
        # One sweep in reading order: a match is inside a span when some span starting at or
        # before it reaches at least as far.
        spans = sorted((m.first, m.last) for c in covering for m in self.found.get(c, []))
        # Matches are in reading order already (sorted by first token).
        out, reach, j = [], -1, 0
        for m in self.hits(category):
            while j < len(spans) and spans[j][0] <= m.first:
                reach = max(reach, spans[j][1])
                j += 1
            if reach < m.last:
                out.append(m)
        return out

    def people(self) -> list[Match]:
        """Stakeholders as people: not "patient data", not a capitalised resource name
        ("the Patient and Observation resources") in the middle of a sentence."""
        return list(self._people)

    @cached_property
    def _people(self) -> tuple[Match, ...]:
        people = []
        for m in self.hits_outside("stakeholders", "stakeholder_as_data"):
            token = self.text.tokens[m.first]
            sentence = self.text.sentences[m.sentence]
            if (
                token.low.startswith("patient")
                and token.text[0].isupper()
                and sentence.tokens[0] is not token
                and sentence.kind != "heading"
            ):
                continue
            people.append(m)
        return tuple(people)

    def terms(self, matches: list[Match], limit: int = 3) -> str:
        """Distinct matched words as the answer wrote them, quoted."""
        seen: dict[str, str] = {}
        tokens = self.text.tokens
        for m in matches:
            start = tokens[m.first].start
            last = tokens[m.last]
            written = self.text.plain[start : last.start + len(last.text)]
            key = " ".join(written.lower().split())
            seen.setdefault(key, " ".join(written.split()))
            if len(seen) == limit:
                break
        return ", ".join(f"“{v}”" for v in seen.values())

    # -- the text model --------------------------------------------------------------------

    @cached_property
    def quantities(self) -> list[tuple[int, str]]:
        return [(s.index, q) for s in self.text.sentences for q in sentence_quantities(s.text)]

    @cached_property
    def structure(self) -> str | None:
        return structure_evidence(self.text)

    @cached_property
    def story_sentences(self) -> list[int]:
        """Sentences that tell the candidate's own past: "I led…", "at my last company we…"."""
        found = []
        plain = self.text.plain
        measured = {i for i, _ in self.quantities}
        for s in self.text.sentences:
            if s.hypothetical:
                continue
            tokens = s.tokens
            own = bool(_PAST_OWN_CONTEXT.search(s.text))
            if not own:
                for i, t in enumerate(tokens):
                    if t.clause in self.text.hypothetical_clauses:
                        continue
                    # "I've owned…" is a story when it says what came of it, in a measure.
                    if t.low in _PERFECT and s.index not in measured:
                        continue
                    if (
                        t.low in _STORY_SUBJECTS
                        or t.low in _PERFECT
                        or (
                            t.low in ("team", "company")
                            and i
                            and tokens[i - 1].low in ("my", "our")
                        )
                    ):
                        # The verb is in the subject's own clause; "I've developed" is a
                        # claim about oneself; "user-centred" and "data-driven" are adjectives.
                        window = [w for w in tokens[i + 1 : i + 5] if w.clause == t.clause]
                        if any(w.low in _PERFECT for w in window) and s.index not in measured:
                            continue
                        if any(
                            _is_past_verb(w.low)
                            and not w.negated
                            and plain[w.start - 1 : w.start] not in ("-", "‐")
                            for w in window
                        ):
                            own = True
                            break
            if own:
                found.append(s.index)
        return found

    @cached_property
    def definition_sentences(self) -> list[int]:
        """Sentences that define rather than decide: "Semantic interoperability is…",
        "SaMD is categorised using two factors", with no I or we in them."""
        found = []
        for s in self.text.sentences:
            if any(t.low in _FIRST_PERSON for t in s.tokens):
                continue
            if _DEFINITION.match(s.text):
                found.append(s.index)
        return found

    @cached_property
    def expansion_sentences(self) -> list[int]:
        """Sentences that spell out an acronym: "Health Insurance … Act (HIPAA)"."""
        return [s.index for s in self.text.sentences if _EXPANSION.search(s.text)]

    @cached_property
    def first_person_sentences(self) -> list[int]:
        return [
            s.index for s in self.text.sentences if any(t.low in _FIRST_PERSON for t in s.tokens)
        ]

    # -- sentence tests the checks share -------------------------------------------------

    def has_claim(self, index: int) -> bool:
        """A performance claim ("validated, 92% accuracy") rather than a method."""
        low = self.text.sentences[index].low
        return bool(_CLAIM.search(low)) and not _METHOD.search(low)

    def has_accuracy_claim(self, index: int) -> bool:
        """A claim about a model's accuracy ("96% accuracy", "an AUC of 0.84")."""
        return self.has_claim(index) and bool(_ACCURACY.search(self.text.sentences[index].low))

    def has_change(self, index: int) -> bool:
        """A measured move: "from 24% to 19%", "down 15%", "by a third"."""
        return bool(_MOVE.search(self.text.sentences[index].low))


_DEFINITION = re.compile(
    r"^(?:[\w()/'’.-]+\s){1,7}(?:is|are|means|refers to|defines|covers|describes|includes|"
    r"stands for|is defined|are defined|is categori[sz]ed|is classified|are classified|"
    r"requires|establishes|sets out|applies to|governs|regulates|consists of)\b"
)
_EXPANSION = re.compile(
    r"\b[A-Z][a-z]+(?:[ -](?:[A-Z][a-z]+|and|of|for|the|to|on)){1,9} \([A-Z][A-Za-z0-9]{1,9}\)"
    r"|\b[A-Z]{2,}[a-z]?\s*\((?:[A-Z][a-z]+[ -]?){2,}"
    r"|\b[A-Z]{2,}[a-z]?(?:,| is| stands for| means) (?:the |a |an )?(?:[A-Z][a-z]+ ){2,}"
)
_CLAIM = re.compile(r"\d\s?%|\baccura\w*|\bauc\b|\bsensitivity\b|\bspecificity\b|\bprecision\b")
_ACCURACY = re.compile(r"\baccura\w*|\bauc\b")  # not "sensitivity": "sensitivity bands"
_METHOD = re.compile(
    r"\b(?:prospective\w*|retrospective\w*|subgroups?|local|external\w*|silent|shadow|"
    r"across|per site|by (?:age|sex|race|site|subgroup))\b"
)
_MOVE = re.compile(
    r"\bfrom [^.]{0,40}?\d[^.]{0,30}? to [^.]{0,10}?\d"
    r"|\b(?:up|down|rise|rising|fall|falling|cut|reduce|reduced|reducing|increase|increased|"
    r"lift|lifted|improve|improved|drop|dropped|grow|grew)\w*,? (?:by )?(?:about |at least )?\d"
    r"|\bby (?:a third|a quarter|half|\d+\s?%)"
)

"""An answer read the way a listener hears it: paragraphs, sentences, clauses and stemmed words.

Checks never search the whole text for a keyword. They ask the model which sentences mention a
term, whether that clause negates it ("I wouldn't worry about the FDA here") or is hypothetical
("if I were asked…", "a PM might…"), and quote the sentence back as evidence. Words are matched
by their Snowball stem, and hyphenated forms are split, so "deep-learning", "gradient-boosted
models" and "de-identified" match the vocabulary's "deep learning", "gradient boosting" and
"de-identification".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")
# Stemming is the slow step (tens of microseconds a word); answers repeat their words, and the
# vocabulary is a few hundred words, so a process-wide cache keeps a 5,000-word answer fast.
_STEM_CACHE: dict[str, str] = {}
_STEM_CACHE_MAX = 50_000


def word_stem(word: str) -> str:
    """The Snowball stem of a lower-case word, cached."""
    stem = _STEM_CACHE.get(word)
    if stem is None:
        stem = _STEMMER.stemWord(word)
        if len(_STEM_CACHE) < _STEM_CACHE_MAX:
            _STEM_CACHE[word] = stem
    return stem


# Markdown syntax that is not words. Emphasis markers are removed without a space so the plain
# text reads like the rendered HTML ("**Users:** text" -> "Users: text"), which is what the
# highlighter searches.
_MD_LINK = re.compile(r"!?\[([^\]\n]{0,500})\]\([^)\n]{0,500}\)")
_MD_HTML = re.compile(r"<[^<>\n]{0,200}>")
_MD_FENCE_OR_RULE = re.compile(r"^[ \t]*(?:`{3,}|~{3,}|[-*_=]{3,})[^\n]*$", re.M)
_MD_EMPHASIS = re.compile(r"\*+|~~|`+|(?<![^\W_])_+|_+(?![^\W_])")
_MD_TABLE_PIPE = re.compile(r"[ \t]*\|[ \t]*")

# A line's own structure marker, read before the markdown is removed.
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+(?=\S)")
_BULLET = re.compile(
    r"^[ \t]*(?:[-*+•][ \t]+|(?:\d{1,2}|[a-hA-H])[.)][ \t]+|\(\d{1,2}\)[ \t]+)(?=\S)"
)
_BOLD_LABEL = re.compile(r"^[ \t]*(?:\*\*|__)[^*_\n]{1,60}(?:\*\*|__)")
_LABEL = re.compile(r"^[ \t]*[A-Z][A-Za-z/&'’-]*(?: [A-Za-z/&'’-]+){0,3}:[ \t]+\S")

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_WORD_COUNT = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
# Tokens for matching: hyphens and slashes split words ("deep-learning" -> deep, learning).
_TOKEN = re.compile(r"[^\W\d_][^\W_]*(?:['’][^\W_]+)*|\d+(?:[.,]\d+)*")

# A sentence ends at . ! ? followed by a space and a capital, digit or quote, except after a
# common abbreviation. Lines of a list or a heading are sentences of their own.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|vs|Dr|Mr|Mrs|Ms|St|Inc|Ltd|Co|approx|incl|U\.S|U\.K|no|Fig)\.|\b[A-Z]\.)$"
)
_ABBREVIATION_TAIL = 12
# Clause boundaries: punctuation that closes a thought, and connectives that turn it. The
# negation of "not X but Y" stops at "but"; "no AI, just rules" stops at the comma.
_CLAUSE_SPLIT = re.compile(
    r"\s*[;:—–]\s*|,\s+|\s+\((?=\w)|\)\s*"
    r"|\s+(?=(?:but|however|although|though|whereas|yet|instead|rather|unless|except|so that|"
    r"which|because|while|and then|then)\b)",
    re.I,
)

# A negator covers the words after it in its clause, up to this many tokens.
NEGATION_WINDOW = 6
_NEGATORS = frozenset(
    {
        "not",
        "no",
        "never",
        "without",
        "nothing",
        "none",
        "neither",
        "nor",
        "cannot",
        "unnecessary",
        "needless",
        "irrelevant",
    }
)
# "not just", "not only": the thing still counts, something else is added.
_NEGATION_RELEASE = frozenset({"just", "only", "merely", "simply", "solely", "least", "longer"})
_HYPOTHETICAL_WORDS = frozenset(
    {"would", "could", "might", "should", "if", "imagine", "suppose", "hypothetically", "say"}
)
_HYPOTHETICAL_PHRASE = re.compile(
    r"\b(?:a|an|the|any|every|one)\s+(?:good\s+|strong\s+|healthcare\s+|typical\s+)?"
    r"(?:pm|product manager|candidate|company|team|startup|person|someone)\s+"
    r"(?:might|could|would|may|can|should|will)\b"
    r"|\bif i (?:were|was|had|am)\b|\blet'?s say\b|\bimagine\b|\bsuppose\b|\bhypothetical",
    re.I,
)
_NEG_ENDINGS = ("n't", "n’t")
_MODAL_CONTRACTIONS = frozenset(
    p + a + "d" for p in ("i", "we", "you", "they", "he", "she", "it") for a in ("'", "’")
)


_NEGATOR, _NEGATED_VERB, _RELEASE = 1, 2, 3


@lru_cache(maxsize=50_000)
def _word_facts(raw: str) -> tuple[str, str, str, int]:
    """A token as written (without "'s"), its lower case, its stem and its negation role,
    worked out once per distinct word: answers repeat their words."""
    word = raw[:-2] if raw[-2:] in ("'s", "’s") else raw  # "the AI's output": match "AI"
    low = word.lower()
    stem = low if low[0].isdigit() else word_stem(low)
    if low in _NEGATORS:
        kind = _NEGATOR
    elif low.endswith(_NEG_ENDINGS):
        kind = _NEGATED_VERB
    elif low in _NEGATION_RELEASE:
        kind = _RELEASE
    else:
        kind = 0
    return word, low, stem, kind


# Plain (not frozen) slotted classes: an answer makes thousands of these, and a frozen
# dataclass's __init__ is several times slower.
@dataclass(slots=True)
class Token:
    text: str  # as written
    low: str
    stem: str
    start: int  # offset in the plain text
    sentence: int
    clause: int  # index across the whole answer
    negated: bool


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int
    kind: str  # "heading", "item" (list or labelled line) or "prose"
    tokens: list[Token] = field(default_factory=list)
    hypothetical: bool = False

    @cached_property
    def low(self) -> str:
        return self.text.lower()


@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int
    sentences: tuple[int, ...]
    words: int
    kind: str  # "prose" or "block" (headings, lists)


# A character every pattern above needs ("---" and "===" for rules): most lines have none.
_MD_MAYBE = re.compile(r"[\[<*_~`|]|---|===")


def markdown_plain(text: str) -> str:
    """The words of a markdown answer without its syntax, line by line."""
    if not _MD_MAYBE.search(text):
        return text
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HTML.sub(" ", text)
    text = _MD_FENCE_OR_RULE.sub(" ", text)
    text = _MD_EMPHASIS.sub("", text)
    return _MD_TABLE_PIPE.sub(" ", text)


def word_count(plain: str) -> int:
    """Words, with CJK characters counted as about two per word."""
    cjk = len(_CJK.findall(plain))
    rest = _CJK.sub(" ", plain) if cjk else plain
    return len(_WORD_COUNT.findall(rest)) + (cjk + 1) // 2


_TABLE_ROW = re.compile(r"^[ \t]*\|")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")


def _line_kind(raw_line: str) -> str:
    if _HEADING.match(raw_line):
        return "heading"
    if _TABLE_ROW.match(raw_line):
        return "item"  # each table row reads as one line of its own
    if _BULLET.match(raw_line) or _BOLD_LABEL.match(raw_line) or _LABEL.match(raw_line):
        return "item"
    return "prose"


def _strip_marker(line: str) -> str:
    line = _HEADING.sub("", line)
    return _BULLET.sub("", line)


def _split_sentences(chunk: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in a chunk of prose."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(chunk):
        # An abbreviation is at most a few characters before the stop: search only the tail
        # (the whole sentence so far would make a long paragraph quadratic). Twelve
        # characters keep the character before the longest abbreviation, so "\b" sees the
        # same text.
        if _ABBREVIATION.search(chunk[max(start, m.start() - _ABBREVIATION_TAIL) : m.start()]):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(chunk)))
    return [(s, e) for s, e in spans if chunk[s:e].strip()]


class AnswerText:
    """An answer split into paragraphs, sentences, clauses and tokens, read once."""

    def __init__(self, raw: str):
        self.raw = raw or ""
        self.sentences: list[Sentence] = []
        self.paragraphs: list[Paragraph] = []
        self.structured_lines = 0  # headings, list items, labelled lines
        self.hypothetical_clauses: set[int] = set()
        self._plain_parts: list[str] = []
        self._offset = 0
        self._read()
        self.plain = "".join(self._plain_parts)
        # Words never run across the line breaks that join the chunks, so the paragraphs'
        # counts add up to the whole; CJK rounds per chunk, so count that text as a whole.
        if _CJK.search(self.plain):
            self.words = word_count(self.plain)
        else:
            self.words = sum(p.words for p in self.paragraphs)
        self.tokens: list[Token] = [t for s in self.sentences for t in s.tokens]

    # -- reading ---------------------------------------------------------------------------

    def _read(self) -> None:
        blocks: list[list[str]] = [[]]
        in_fence = False
        for line in self.raw.splitlines():
            if re.match(r"^[ \t]*(?:`{3,}|~{3,})", line):
                in_fence = not in_fence
                continue
            if not line.strip():
                if blocks[-1]:
                    blocks.append([])
                continue
            blocks[-1].append(line)
        clause_counter = [0]
        for block in blocks:
            if block:
                self._read_block(block, clause_counter)

    def _read_block(self, lines: list[str], clause_counter: list[int]) -> None:
        index = len(self.paragraphs)
        first = len(self.sentences)
        # A run of prose lines is one chunk (soft-wrapped); each heading or item is its own.
        chunks: list[tuple[str, str]] = []
        for line in lines:
            if _TABLE_RULE.match(line):
                continue
            kind = _line_kind(line)
            if kind != "prose":
                self.structured_lines += 1
            plain = markdown_plain(_strip_marker(line)).strip()
            if not plain:
                continue
            # A line without a marker continues the line before it (a soft-wrapped paragraph
            # or list item), except after a heading.
            if kind == "prose" and chunks and chunks[-1][0] != "heading":
                chunks[-1] = (chunks[-1][0], chunks[-1][1] + " " + plain)
            else:
                chunks.append((kind, plain))
        words = 0
        for kind, chunk in chunks:
            base = self._offset
            self._plain_parts.append(chunk + "\n")
            self._offset += len(chunk) + 1
            words += word_count(chunk)
            for s, e in _split_sentences(chunk):
                self._add_sentence(chunk[s:e].strip(), base + s, index, kind, clause_counter)
        self._plain_parts.append("\n")
        self._offset += 1
        block_kind = "prose" if all(k == "prose" for k, _ in chunks) else "block"
        self.paragraphs.append(
            Paragraph(index, tuple(range(first, len(self.sentences))), words, block_kind)
        )

    def _add_sentence(
        self, text: str, start: int, paragraph: int, kind: str, clause_counter: list[int]
    ) -> None:
        sentence = Sentence(len(self.sentences), start, start + len(text), text, paragraph, kind)
        pos = 0
        for part in _CLAUSE_SPLIT.split(text):
            if not part:
                continue
            at = text.find(part, pos)
            pos = at + len(part)
            self._add_clause(sentence, part, start + at, clause_counter[0])
            clause_counter[0] += 1
        # The whole sentence is hypothetical when it frames one ("if I were…", "a PM
        # might…"); otherwise only the clauses with a modal are ("I would…").
        sentence.hypothetical = bool(_HYPOTHETICAL_PHRASE.search(text))
        for t in sentence.tokens:
            if t.low in _HYPOTHETICAL_WORDS or t.low in _MODAL_CONTRACTIONS:
                self.hypothetical_clauses.add(t.clause)
        self.sentences.append(sentence)

    def _add_clause(self, sentence: Sentence, text: str, start: int, clause: int) -> None:
        negate_until = -1
        append = sentence.tokens.append
        index = sentence.index
        for i, m in enumerate(_TOKEN.finditer(text)):
            word, low, stem, kind = _word_facts(m.group(0))
            if kind == _NEGATOR and text[m.end() : m.end() + 1] != "-":
                # "no-show" is a word, not a "no".
                negate_until = i + NEGATION_WINDOW
                negated_here = False
            elif kind == _NEGATED_VERB:
                negate_until = i + NEGATION_WINDOW
                negated_here = False
            elif kind == _RELEASE and negate_until >= i:
                negate_until = -1
                negated_here = False
            else:
                negated_here = i <= negate_until
            append(Token(word, low, stem, start + m.start(), index, clause, negated_here))

    # -- questions checks ask ------------------------------------------------------------

    @cached_property
    def prose_paragraphs(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind == "prose" and p.words]

    def sentence_text(self, index: int) -> str:
        return self.sentences[index].text

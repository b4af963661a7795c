"""The feedback's term lists, read from a TOML file beside the content pack.

Each category is a list of terms. A term is one or more words matched by stem ("regulations"
matches "regulation"), with three spellings for the cases stems get wrong:

- ``=clinic``: the exact word (and its plural), because "clinic" and "clinical" share a stem;
- ``identif*``: any word starting so ("identified", "identifiable");
- ``AI``, ``FDA``: a word of up to four capitals is matched only in capitals, so "ai" in
  another language or "ml" as millilitres does not count.

A new pack brings its own file; nothing in the checks names a healthcare term.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from prepapp.practice.feedback.text import (
    _NEGATED_VERB,
    _NEGATOR,
    _TOKEN,
    AnswerText,
    Token,
    _word_facts,
    word_stem,
)


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    # One (mode, value) per word: mode "s" stem, "e" exact (plurals too), "p" prefix, "c" cased.
    words: tuple[tuple[str, str], ...]
    # The term says its own "not" ("isn't really a", "no real"): the negation is the term's
    # meaning, so only a negation before it negates it.
    negates: bool = False


@dataclass(slots=True)
class Match:
    category: str
    term: str
    sentence: int
    clause: int
    first: int  # token index in the answer
    last: int
    negated: bool


def _term_parse(text: str) -> Term:
    words = []
    for raw in text.split():
        exact = raw.startswith("=")
        raw = raw.lstrip("=")
        prefix = raw.endswith("*")
        raw = raw.rstrip("*")
        for m in _TOKEN.finditer(raw):
            word = m.group(0)
            if prefix and m.end() == len(raw):
                words.append(("p", word.lower()))
            elif exact:
                words.append(("e", word.lower()))
            elif word.isupper() and len(word) <= 4 and word.isalpha():
                words.append(("c", word))
            elif word[0].isdigit():
                words.append(("e", word))
            else:
                words.append(("s", word_stem(word.lower())))
    if not words:
        raise ValueError(f"Feedback vocabulary: term {text!r} has no words.")
    negates = len(words) > 1 and any(
        _word_facts(m.group(0))[3] in (_NEGATOR, _NEGATED_VERB) for m in _TOKEN.finditer(text)
    )
    return Term(text, tuple(words), negates)


def _word_matches(mode: str, value: str, token: Token) -> bool:
    if mode == "s":
        return token.stem == value
    if mode == "c":
        return token.text == value
    if mode == "e":
        low = token.low
        return low == value or low in (value + "s", value + "es")
    return token.low.startswith(value)


def _index_key(mode: str, value: str) -> str:
    if mode == "p":
        return "~" + value[:3]
    return mode + ":" + value


class Vocabulary:
    """Term lists by category, indexed by their first word for one pass over an answer."""

    def __init__(self, categories: dict[str, list[str]], settings: dict | None = None):
        self.categories = {
            name: [_term_parse(t) for t in terms] for name, terms in categories.items()
        }
        self.settings = settings or {}
        self._index: dict[str, list[tuple[Term, str]]] = {}
        # The index entries a word can start, by (stem, text, lower case): answers repeat
        # their words, so each distinct word is looked up once per process.
        self._candidates: dict[tuple[str, str, str], tuple[tuple[Term, str, tuple, int], ...]] = {}
        self._keys: dict[tuple[str, str, str], frozenset[str]] = {}
        for name, terms in self.categories.items():
            for term in terms:
                mode, value = term.words[0]
                if mode == "p" and len(value) < 3:
                    raise ValueError(f"Feedback vocabulary: prefix {term.text!r} is too short.")
                self._index.setdefault(_index_key(mode, value), []).append((term, name))

    def _candidates_for(self, token: Token) -> tuple[tuple[Term, str, tuple, int], ...]:
        """Terms whose first word is this word (an ordered, de-duplicated list of keys, so
        the result does not depend on hash order), each with its other words as keys."""
        low = token.low
        keys = ["s:" + token.stem, "c:" + token.text, "e:" + low, "~" + low[:3]]
        if low.endswith("s"):
            keys.append("e:" + low[:-1])
            if low.endswith("es"):
                keys.append("e:" + low[:-2])
        return tuple(
            (term, name, self._rest(term), len(term.words))
            for key in dict.fromkeys(keys)
            for term, name in self._index.get(key, ())
            if _word_matches(*term.words[0], token)
        )

    @staticmethod
    def _rest(term: Term) -> tuple[tuple[bool, str], ...]:
        """A phrase's words after the first, as (is a prefix, value or key): a key is
        looked up in the word's key set, a prefix is compared with its lower case."""
        return tuple(
            (True, value) if mode == "p" else (False, mode + ":" + value)
            for mode, value in term.words[1:]
        )

    @staticmethod
    def _word_keys(token: Token) -> frozenset[str]:
        """Every key a word matches as the second or later word of a phrase: the same rules
        as ``_word_matches`` ("e:" also takes the plural), as one set lookup each."""
        low = token.low
        keys = {"s:" + token.stem, "c:" + token.text, "e:" + low}
        if low.endswith("s"):
            keys.add("e:" + low[:-1])
            if low.endswith("es"):
                keys.add("e:" + low[:-2])
        return frozenset(keys)

    def matches(self, answer: AnswerText) -> dict[str, list[Match]]:
        """Every term of every category found in the answer, by category, in reading order."""
        found: dict[str, list[Match]] = {name: [] for name in self.categories}
        tokens = answer.tokens
        count = len(tokens)
        cache = self._candidates
        key_cache = self._keys
        # Answers repeat their words: each distinct word is resolved once per process.
        words = [(t.stem, t.text, t.low) for t in tokens]
        word_keys = []
        for token, word in zip(tokens, words, strict=True):
            keys = key_cache.get(word)
            if keys is None:
                keys = self._word_keys(token)
                if len(key_cache) < 100_000:
                    key_cache[word] = keys
            word_keys.append(keys)
        for i, token in enumerate(tokens):
            word = words[i]
            entries = cache.get(word)
            if entries is None:
                entries = self._candidates_for(token)
                if len(cache) < 100_000:
                    cache[word] = entries
            if not entries:
                continue
            seen: set[tuple[str, str]] = set()
            sentence = token.sentence
            for term, name, rest, n in entries:
                if n > 1:
                    # A phrase does not run across sentences.
                    if i + n > count or tokens[i + n - 1].sentence != sentence:
                        continue
                    k = i
                    for prefix, value in rest:
                        k += 1
                        if prefix:
                            if not words[k][2].startswith(value):
                                break
                        elif value not in word_keys[k]:
                            break
                    else:
                        k = -1
                    if k != -1:
                        continue
                if (term.text, name) in seen:
                    continue
                seen.add((term.text, name))
                if n == 1 or term.negates:
                    negated = token.negated
                else:
                    negated = any(t.negated for t in tokens[i : i + n])
                found[name].append(
                    Match(name, term.text, sentence, token.clause, i, i + n - 1, negated)
                )
        for matches in found.values():
            matches.sort(key=lambda m: (m.first, m.last))
        return found


def vocabulary_parse(data: dict) -> Vocabulary:
    terms = data.get("terms", {})
    if not isinstance(terms, dict) or not all(
        isinstance(v, list) and all(isinstance(t, str) for t in v) for v in terms.values()
    ):
        raise ValueError("Feedback vocabulary: [terms] must map names to lists of strings.")
    return Vocabulary(terms, data.get("settings", {}))


@lru_cache(maxsize=8)
def vocabulary_load(path: str | Path) -> Vocabulary:
    """The vocabulary in a TOML file, read once per process."""
    with Path(path).open("rb") as handle:
        return vocabulary_parse(tomllib.load(handle))

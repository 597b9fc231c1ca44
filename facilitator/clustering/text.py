"""From a card's text to the words that carry its meaning: lemmas, compound parts, themes."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import simplemma

from facilitator.clustering.lexicon import CONCEPTS, STOP_WORDS

LANGS = ("nb", "nn", "en", "se")
_WORD = re.compile(r"[\wæøåáčđŋšŧž%-]+", re.IGNORECASE)
_LINKS = ("", "s", "e")  # sykefravær+s+oppfølging, barnehage+r…
MIN_PART = 4


@dataclass(frozen=True, slots=True)
class Analysed:
    lemmas: tuple[str, ...]  # content words, lemmatised, stop words removed
    parts: tuple[str, ...]  # the pieces of compounds, so that a compound meets its parts
    concepts: Counter[str]  # theme of the field → how many words point to it

    @property
    def tokens(self) -> list[str]:
        concept_tokens = [f"#{c}" for c, n in self.concepts.items() for _ in range(2 * n)]
        return [*self.lemmas, *self.parts, *concept_tokens]


SAMI_LETTERS = frozenset("áčđŋšŧž")


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The word's lemma in the first of bokmål, nynorsk and English that knows it, or in Sami for
    words written with Sami letters (Sami's lemmatiser would otherwise turn Norwegian "mange"
    into "mihkkege")."""
    if word in STOP_WORDS:
        return word
    langs = LANGS if SAMI_LETTERS & set(word) else LANGS[:3]
    for lang in langs:
        found = simplemma.lemmatize(word, lang=lang)
        if found != word:
            return found.lower()
    return word


def words(text: str) -> list[str]:
    return [w.lower().strip("-") for w in _WORD.findall(text) if w.strip("-")]


def split_compound(word: str, vocabulary: frozenset[str]) -> tuple[str, ...]:
    """Split a Norwegian compound into known words ("sykefraværsoppfølging" → sykefravær, oppfølging).

    Greedy from the longest known head, allowing a linking s or e; only splits
    where every piece is a known word of at least four letters.
    """
    if len(word) < 2 * MIN_PART:
        return ()
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head, tail = word[:cut], word[cut:]
        for link in _LINKS:
            if link and not head.endswith(link):
                continue
            stem = head[: len(head) - len(link)] if link else head
            if len(stem) < MIN_PART or stem not in vocabulary:
                continue
            if tail in vocabulary:
                return (stem, tail)
            rest = split_compound(tail, vocabulary)
            if rest:
                return (stem, *rest)
    return ()


_concept_memo: dict[tuple[tuple[str, ...], str], Counter[str]] = {}
_concept_keys: tuple[str, ...] = ()


def concepts_of(tokens: Iterable[str], text: str) -> Counter[str]:
    """The lexicon's themes of one card; remembered, since `prepare` and every `suggest` ask."""
    global _concept_keys
    if tuple(CONCEPTS) != _concept_keys or len(_concept_memo) > 65536:
        _concept_memo.clear()  # the lexicon changed (the bench's stress variant)
        _concept_keys = tuple(CONCEPTS)
    memo_key = (tuple(tokens), text)
    found = _concept_memo.get(memo_key)
    if found is None:
        found = _concept_memo[memo_key] = _concepts(memo_key[0], text)
    return Counter(found)


_patterns: dict[str, tuple[re.Pattern[str] | None, tuple[str, ...]]] = {}


def _pattern(
    concept: str, stems: tuple[str, ...]
) -> tuple[re.Pattern[str] | None, tuple[str, ...]]:
    """One regex per theme over the card's tokens joined by spaces: a token starts with a stem,
    or contains a stem of six letters or more; phrases (and "100%") are looked up in the text."""
    cached = _patterns.get(concept)
    if cached is not None and cached[1] == stems:
        return cached
    words = [s for s in stems if " " not in s and "%" not in s]
    alternatives = [rf"(?:^| ){re.escape(s)}" for s in words]
    alternatives += [re.escape(s) for s in words if len(s) >= 6]
    regex = re.compile("|".join(alternatives)) if alternatives else None
    _patterns[concept] = (regex, stems)
    return regex, stems


def _concepts(tokens: tuple[str, ...], text: str) -> Counter[str]:
    found: Counter[str] = Counter()
    lowered = text.lower()
    joined = " ".join(t for t in tokens if " " not in t)
    for concept, (_label, stems) in CONCEPTS.items():
        regex, _ = _pattern(concept, stems)
        if (regex is not None and regex.search(joined)) or any(
            stem in lowered for stem in stems if " " in stem or "%" in stem
        ):
            found[concept] += 1
    return found


def analyse(texts: Sequence[str], extra_vocabulary: Iterable[str] = ()) -> list[Analysed]:
    """Analyse all cards together: the compounds of one card are split on the words of all."""
    lemmatised = [[lemma(w) for w in words(t)] for t in texts]
    vocabulary = (
        frozenset(w for ws in lemmatised for w in ws if len(w) >= MIN_PART and w not in STOP_WORDS)
        | frozenset(extra_vocabulary)
        | _LEXICON_WORDS
    )
    out: list[Analysed] = []
    for text, ws in zip(texts, lemmatised, strict=True):
        content = tuple(w for w in ws if w not in STOP_WORDS and len(w) > 1)
        parts = tuple(
            p for w in content for p in split_compound(w, vocabulary) if p not in STOP_WORDS
        )
        out.append(Analysed(content, parts, concepts_of((*content, *parts, *words(text)), text)))
    return out


_LEXICON_WORDS = frozenset(
    s for _label, stems in CONCEPTS.values() for s in stems if " " not in s and len(s) >= MIN_PART
) | frozenset(
    [
        "arbeid",
        "tjeneste",
        "stilling",
        "ansatt",
        "tilsett",
        "oppfølging",
        "plan",
        "prosess",
        "kommune",
        "skole",
        "barnehage",
        "sykehjem",
        "hjemmetjeneste",
        "helse",
        "omsorg",
        "pleie",
        "lønn",
        "bolig",
        "utstyr",
        "system",
        "vakt",
        "dag",
        "natt",
    ]
)

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
        concept_tokens = [f"#{c}" for c, n in self.concepts.items() for _ in range(n)]
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


STRONG, WEAK = 2, 1  # what a stem adds to its theme's score on a card ("~stem" is weak)
_FOLDS = ({"æ": "ae", "ø": "oe", "å": "aa"}, {"æ": "ae", "ø": "o", "å": "a"})


@dataclass(frozen=True, slots=True)
class _Theme:
    """One theme's stems, compiled: a regex over the card's tokens and the phrases of its text.
    Every spelling of a stem (æ typed as ae…) is known by the stem it spells and its weight."""

    stems: tuple[str, ...]
    regex: re.Pattern[str] | None
    phrases: tuple[tuple[str, str, int], ...]  # (" words of a spelling", stem, weight)
    spelt: dict[str, tuple[str, int]]  # spelling → (stem, weight)


def _spellings(stem: str) -> list[str]:
    """The stem, and the stem as typed without æ, ø and å."""
    out = [stem]
    for fold in _FOLDS:
        typed = "".join(fold.get(ch, ch) for ch in stem)
        if typed not in out:
            out.append(typed)
    return out


_themes: dict[str, _Theme] = {}


def _theme(concept: str, stems: tuple[str, ...]) -> _Theme:
    """Compile a theme's stems once (see `lexicon_data.THEMES` for how a stem matches). A stem's
    kind is decided on the stem as written, so that *møter* typed *moeter* stays a word start."""
    cached = _themes.get(concept)
    if cached is not None and cached.stems == stems:
        return cached
    spelt: dict[str, tuple[str, int]] = {}
    prefix: list[str] = []
    exact: list[str] = []
    inside: list[str] = []
    phrases: list[tuple[str, str, int]] = []
    for raw in stems:
        weight = WEAK if raw.startswith("~") else STRONG
        stem = raw.lstrip("~")
        if " " in stem or "%" in stem:
            # A phrase starts at a word; its last word may go on ("små stilling" is in "små
            # stillinger") unless the phrase ends in "=".
            end = " " if stem.endswith("=") else ""
            phrases += [
                (f" {' '.join(words(spelling))}{end}", stem, weight)
                for spelling in _spellings(stem)
            ]
            continue
        whole = stem.endswith("=")
        word = stem.rstrip("=")
        kind = exact if whole else inside if len(word) >= 6 else prefix
        for spelling in _spellings(word):
            kind.append(spelling)
            spelt[spelling] = (word, weight)

    def either(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))

    alternatives = []
    if prefix:
        alternatives.append(rf"(?:^|(?<= ))({either(prefix)})")
    if exact:
        alternatives.append(rf"(?:^|(?<= ))({either(exact)})(?= |$)")
    if inside:
        alternatives.append(rf"({either(inside)})")
    regex = re.compile("|".join(alternatives)) if alternatives else None
    compiled = _Theme(stems, regex, tuple(phrases), spelt)
    _themes[concept] = compiled
    return compiled


def _concepts(tokens: tuple[str, ...], text: str) -> Counter[str]:
    """Theme → its score on the card: what its distinct matching stems weigh together. A phrase
    starts at a word (*råd til* is not in *grad til*)."""
    found: Counter[str] = Counter()
    spaced = f" {' '.join(words(text))} "
    joined = " ".join(t for t in tokens if " " not in t)
    for concept, (_label, stems) in CONCEPTS.items():
        theme = _theme(concept, stems)
        hits: dict[str, int] = {}
        if theme.regex is not None:
            for match in theme.regex.finditer(joined):
                stem, weight = theme.spelt[match.group(match.lastindex or 0)]
                hits[stem] = weight
        for needle, stem, weight in theme.phrases:
            if needle in spaced:
                hits[stem] = weight
        if hits:
            found[concept] = sum(hits.values())
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

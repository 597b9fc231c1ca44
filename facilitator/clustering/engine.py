"""Grouping suggestions: cards → focus areas with labels. Pure functions, no I/O.

How it works, and why:
1. Cards are short, misspelt, in four languages and full of compounds, so each
   card becomes lemmas, compound parts and the field's themes it mentions
   (`text.analyse`), weighted by TF-IDF beside character n-grams (`space`).
2. Where the model is installed every card also gets a multilingual sentence
   embedding, centred per language (`space`, `vectors`); words and embeddings together
   form the joint space cards are compared in. Without it the words alone do.
3. Seeds come first: the facilitator's placements and named themes ("Name: seed,
   seed"). A card joins the seed it is clearly like, a shared lexicon theme counting
   for it and another theme against; cards far from every seed are not forced into
   one but go on to step 4 (`assign_seeds` below).
4. The rest: by the lexicon's themes, cards without one join a theme they are
   clearly near (its cards and, with the model, its embedded name), the others are
   clustered into named groups, as many as the best silhouette says (`partition`).
Deterministic: the same input gives the same groups. Cards without a content word
go to an unsorted group; `suggest` never raises.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from facilitator.clustering import partition, vectors
from facilitator.clustering.lexicon import CONCEPTS
from facilitator.clustering.partition import UNSORTED, Cards, unique
from facilitator.clustering.space import Features, Space, language, normalise
from facilitator.clustering.text import Analysed, analyse

# How alike a card must be to a seed, or (without a theme) to a theme's group, to join it:
# in the words-only space, and in the joint space of words and embeddings.
SEED = {False: 0.18, True: 0.08}
# Calibrated on the dev set and grouping_check.json (never on grouping_check2.json): with the
# model a card joins a theme only when clearly near it; the rest are clustered on meaning.
JOIN = {False: 0.15, True: 0.12}
LEFT_WORDS = 0.5  # the words' weight beside the embeddings when the leftovers are clustered
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Group:
    label: str
    members: tuple[int, ...]
    unsorted: bool = False  # cards with no words to group by: left for the facilitator


@dataclass(frozen=True, slots=True)
class Suggestion:
    groups: list[Group]

    def assignment(self) -> list[int]:
        """For each card, the index of its group (for evaluation)."""
        size = sum(len(g.members) for g in self.groups)
        labels = [0] * size
        for number, group in enumerate(self.groups):
            for member in group.members:
                labels[member] = number
        return labels


def prepare(
    texts: Sequence[str], progress: vectors.Progress | None = None, *, background: bool = False
) -> int:
    """Do the per-card work ahead of `suggest`: lemmas, and the embeddings (cached by text)."""
    analyse(list(texts))
    for text in texts:
        language(text)  # cached: the per-language centring needs it
    workers = 1 if background else (os.cpu_count() or 1)
    names = [label for label, _stems in CONCEPTS.values()]  # the themes' names, embedded once
    return vectors.compute([*texts, *names], progress, workers=workers, background=background)


def suggest(
    texts: Sequence[str],
    *,
    k: int | None = None,
    themes: Mapping[str, Sequence[str]] | None = None,
    fixed: Mapping[int, str] | None = None,
    progress: vectors.Progress | None = None,
) -> Suggestion:
    """Group `texts` into focus areas; every index appears in exactly one group.

    `k` asks for a number of groups (None picks one); `themes` are named seed
    descriptions; `fixed` maps card index → the label the facilitator put it under;
    `progress(done, total)` hears about embeddings still to compute.
    """
    n = len(texts)
    if n == 0:
        return Suggestion([])
    try:
        return _suggest(list(texts), k, dict(themes or {}), dict(fixed or {}), progress)
    except Exception:  # a suggestion is a convenience: never take the board down with it
        log.exception("grouping suggestion failed; every card left unsorted")
        return Suggestion([Group(UNSORTED, tuple(range(n)), unsorted=True)])


def _suggest(
    texts: list[str],
    k: int | None,
    themes: dict[str, Sequence[str]],
    fixed: dict[int, str],
    progress: vectors.Progress | None,
) -> Suggestion:
    docs = analyse(texts)
    usable = [i for i, d in enumerate(docs) if d.lemmas or d.parts or d.concepts or i in fixed]
    blank = [i for i in range(len(texts)) if i not in set(usable)]
    result = [Group(UNSORTED, tuple(blank), unsorted=True)] if blank else []
    if usable:
        local = _grouped(
            [texts[i] for i in usable],
            [docs[i] for i in usable],
            k,
            themes,
            {usable.index(i): label for i, label in fixed.items() if i in usable},
            progress,
        )
        result += [
            Group(label, tuple(sorted(usable[j] for j in members)))
            for label, members in local.items()
            if members
        ]
    result.sort(key=lambda g: (g.unsorted, -len(g.members), g.members[0]))
    return Suggestion(result)


def _grouped(
    texts: list[str],
    docs: list[Analysed],
    k: int | None,
    themes: dict[str, Sequence[str]],
    fixed: dict[int, str],
    progress: vectors.Progress | None,
) -> dict[str, list[int]]:
    n = len(texts)
    features = Features(docs)
    theme_texts = {name: theme_text(name, desc) for name, desc in themes.items()}
    theme_docs = analyse(list(theme_texts.values()))
    z = features.matrix
    seed_z = features.transform(theme_docs) if themes else np.zeros((0, z.shape[1]))
    model = False
    left = z  # where cards no theme claims are clustered
    anchors: dict[str, np.ndarray] = {}
    if vectors.available():
        anchor_texts = {c: label for c, (label, _stems) in CONCEPTS.items()}
        wanted = [*texts, *theme_texts.values(), *anchor_texts.values()]
        vectors.compute(wanted, progress, workers=os.cpu_count() or 1)
        raw = vectors.lookup(wanted)
        if raw is not None:
            space = Space(raw[:n], texts)
            left = normalise(np.hstack([space.vectors, LEFT_WORDS * z]))
            z = normalise(np.hstack([space.vectors, z]))
            if themes:
                placed = space.place(raw[n : n + len(themes)], list(theme_texts.values()))
                seed_z = normalise(np.hstack([placed, seed_z]))
            if anchor_texts:
                where = space.place(raw[n + len(themes) :], list(anchor_texts.values()))
                words = features.transform(analyse(list(anchor_texts.values())))
                anchors = dict(zip(anchor_texts, normalise(np.hstack([where, words])), strict=True))
            model = True
    langs = [language(t) for t in texts]
    main = Counter(langs).most_common(1)[0][0]
    room = frozenset(i for i, lang in enumerate(langs) if lang == main)
    cards = Cards(docs, z, JOIN[model], left, anchors, room)

    # 1. Seeds: the facilitator's groups and the named themes.
    groups: dict[str, list[int]] = {}
    centres: dict[str, np.ndarray] = {}
    concepts: dict[str, Counter[str]] = {}
    for label in dict.fromkeys(fixed.values()):
        members = [i for i, lab in fixed.items() if lab == label]
        groups[label] = members
        centres[label] = normalise(z[members].mean(axis=0))
        concepts[label] = sum((docs[i].concepts for i in members), Counter())
    for (name, _), vector, doc in zip(theme_texts.items(), seed_z, theme_docs, strict=True):
        if name not in centres:
            centres[name] = vector
            concepts[name] = doc.concepts
    free = [i for i in range(n) if i not in fixed]
    for i, label in assign_seeds(cards, free, centres, concepts, SEED[model]).items():
        groups.setdefault(label, []).append(i)
    keep = set(groups)

    # 2. The rest, on their own: by theme of the field, then by meaning and words.
    claimed = {i for m in groups.values() for i in m}
    rest = [i for i in range(n) if i not in claimed]
    for label, members in partition.unsupervised(rest, cards).items():
        groups[unique(label, groups)] = members
    # A theme's group is alike by the lexicon's word: the size cap splits only clusters of words.
    themes_named = {partition.theme_label(c) for c in CONCEPTS}
    partition.cap(groups, cards, n, keep | set(fixed.values()) | themes_named)
    if k is not None and not centres:  # the facilitator's k wins over the size cap
        groups = partition.to_k(groups, cards, k)
    return groups


# -- seeds: a card joins the seed it is clearly like; the lexicon adds its word ---------------

AGREE_BONUS = 0.15  # the lexicon finds the seed's theme in the card too (or another one)


def _evidence(card: Counter[str], seed: Counter[str] | None) -> float:
    """The lexicon's word on a card and a seed: the same theme, another theme, or no opinion."""
    if not card or not seed:
        return 0.0
    return AGREE_BONUS if set(card) & set(seed) else -AGREE_BONUS


def theme_text(name: str, description: Sequence[str]) -> str:
    """How a facilitator's theme is written for both the words and the model."""
    seeds = [d for d in description if d.strip() and d.strip().casefold() != name.casefold()]
    return f"{name}: {', '.join(seeds)}" if seeds else name


def assign_seeds(
    cards: Cards,
    free: Sequence[int],
    seeds: Mapping[str, np.ndarray],
    concepts: Mapping[str, Counter[str]],
    threshold: float,
) -> dict[int, str]:
    """Card → seed for the free cards clearly like a seed, after one refinement.

    The refinement moves each seed to the centre of its cards (keeping half of the
    seed's own text), so that a two-word theme is compared as the room writes about it.
    """
    if not seeds or not free:
        return {}
    names = list(seeds)
    rows = list(free)
    bonus = np.array(
        [[_evidence(cards.docs[i].concepts, concepts.get(s)) for s in names] for i in rows]
    )
    base = np.vstack([seeds[s] for s in names])
    centres = base
    chosen: dict[int, str] = {}
    for _round in range(2):
        scores = cards.z[rows] @ centres.T + bonus
        best = np.argmax(scores, axis=1)
        chosen = {
            i: names[int(b)]
            for i, b, row in zip(rows, best, scores, strict=True)
            if row[int(b)] >= threshold
        }
        moved = []
        for j, name in enumerate(names):
            members = [i for i, s in chosen.items() if s == name]
            if members:
                moved.append(normalise(base[j] + normalise(cards.z[members].mean(axis=0))))
            else:
                moved.append(base[j])
        centres = np.vstack(moved)
    return chosen

"""Names for suggested groups: the theme's name, or the words the group's cards share.

A name must speak for the group, so a word counts only when at least two of its
cards use it; a group whose cards share no word is named by the main word of its
most typical card, never pooled into a catch-all "other" group.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Sequence

import numpy as np

from facilitator.clustering.lexicon import CONCEPTS
from facilitator.clustering.text import Analysed

UNSORTED = "Usortert"


def theme_label(concept: str) -> str:
    return CONCEPTS[concept][0]


def words_label(
    members: Sequence[int],
    docs: Sequence[Analysed],
    universe: Collection[int],
    z: np.ndarray,
    taken: Collection[str] = (),
) -> str:
    """The words most particular to the group that two or more of its cards use."""
    inside = Counter(t for i in members for t in set((*docs[i].lemmas, *docs[i].parts)))
    inner = set(members)
    outside = Counter(t for i in universe if i not in inner for t in set(docs[i].lemmas))
    needed = max(2, math.ceil(0.3 * len(members)))
    candidates = [t for t, c in inside.items() if c >= needed and len(t) > 3]

    def weight(term: str) -> float:
        return inside[term] / len(members) * math.log(1 + len(universe) / (1 + outside[term]))

    ranked = sorted(sorted(candidates), key=weight, reverse=True)
    if not ranked:
        ranked = _typical_words(members, docs, z)
    taken_folded = {t.casefold() for t in taken}
    for term in ranked:
        if term.capitalize().casefold() not in taken_folded:
            return term.capitalize()
    return unique((ranked[0] if ranked else "innspill").capitalize(), taken)


def unique(label: str, taken: Collection[str]) -> str:
    """`label`, or `label (2)`, `label (3)` … when a group of that name exists already."""
    folded = {t.casefold() for t in taken}
    if label.casefold() not in folded:
        return label
    number = 2
    while f"{label} ({number})".casefold() in folded:
        number += 1
    return f"{label} ({number})"


def _typical_words(members: Sequence[int], docs: Sequence[Analysed], z: np.ndarray) -> list[str]:
    """The content words of the cards nearest the group's centre, longest first."""
    rows = list(members)
    centre = z[rows].mean(axis=0)
    order = sorted(rows, key=lambda i: (-float(z[i] @ centre), i))
    out: list[str] = []
    for i in order:
        for word in sorted(docs[i].lemmas, key=lambda w: (-len(w), w)):
            if word not in out and len(word) > 3:
                out.append(word)
    return out or [w for i in order for w in docs[i].lemmas]

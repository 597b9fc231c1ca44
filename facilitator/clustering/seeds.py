"""Seeds first: the facilitator's own placements and named themes ("Name: seed, seed").

A card joins the seed it is most like when it is clearly like it; a shared theme of
the field's lexicon counts as extra evidence. Cards far from every seed are left
to the unsupervised path instead of being forced into the nearest theme.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from facilitator.clustering.partition import Cards
from facilitator.clustering.semantic import normalise

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


def assign(
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

"""The embedding space the engine compares cards in: centred per language, then cosine.

Raw e5 vectors of short cards are all alike (cosine ~0.8) and carry the language
strongly: English and Sami cards would cluster by language, not by theme.
Subtracting the mean of the cards in the same language (shrunk towards the mean
of all cards, so that three Sami cards are not centred on themselves) removes
both, and what is left is what the card is about.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import simplemma

from facilitator.clustering.text import LANGS

SHRINK = 8.0  # a language with few cards is centred mostly on the mean of all cards


@lru_cache(maxsize=65536)
def language(text: str) -> str:
    """The card's language; bokmål and nynorsk are one space ("no"), as the model treats them."""
    try:
        found = simplemma.langdetect(text, lang=LANGS)
    except (ValueError, TypeError):
        return "no"
    best, score = found[0]
    if best in {"nb", "nn"} or best == "unk" or score <= 0:
        return "no"
    return str(best)


def normalise(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=-1, keepdims=True)
    return np.asarray(x / np.where(norms > 1e-9, norms, 1.0))


class Space:
    """The cards' centred, normalised vectors, and the means to centre anything else with."""

    def __init__(self, raw: np.ndarray, texts: Sequence[str]) -> None:
        raw = np.asarray(raw, dtype=np.float64)
        self.overall = raw.mean(axis=0)
        langs = [language(t) for t in texts]
        self.means: dict[str, np.ndarray] = {}
        centred = raw.copy()
        for lang in sorted(set(langs)):
            rows = [i for i, lab in enumerate(langs) if lab == lang]
            mean = (raw[rows].sum(axis=0) + SHRINK * self.overall) / (len(rows) + SHRINK)
            self.means[lang] = mean
            centred[rows] -= mean
        self.vectors = normalise(centred)

    def place(self, raw: np.ndarray, texts: Sequence[str]) -> np.ndarray:
        """Vectors of other texts (a facilitator's themes) in the cards' space."""
        raw = np.atleast_2d(np.asarray(raw, dtype=np.float64))
        means = np.vstack([self.means.get(language(t), self.overall) for t in texts])
        return normalise(raw - means)

    def centroid(self, members: Sequence[int]) -> np.ndarray:
        return normalise(self.vectors[list(members)].mean(axis=0))

    def cohesion(self, members: Sequence[int]) -> float:
        """How alike a group's cards are: their mean cosine to the group's centroid."""
        if len(members) < 2:
            return 1.0
        return float((self.vectors[list(members)] @ self.centroid(members)).mean())

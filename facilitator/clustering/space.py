"""The spaces cards are compared in: their words, and what they mean.

Words: TF-IDF of lemmas, compound parts and themes, beside character n-grams that
survive typos. Meaning: sentence embeddings centred per language. Raw e5 vectors
of short cards are all alike (cosine ~0.8) and carry the language strongly:
English and Sami cards would cluster by language, not by theme. Subtracting the
mean of the cards in the same language (shrunk towards the mean of all cards, so
that three Sami cards are not centred on themselves) removes both, and what is
left is what the card is about.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import simplemma
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from facilitator.clustering.text import LANGS, Analysed

SHRINK = 8.0  # a language with few cards is centred mostly on the mean of all cards


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def _lemma_text(doc: Analysed) -> str:
    return " ".join((*doc.lemmas, *doc.parts)) or "_"


class Features:
    """Word-level TF-IDF (lemmas, compound parts, themes) beside character n-grams.

    Fitted on cards that have at least one content word (the engine sets the
    others aside), so the vocabulary is never empty.
    """

    def __init__(self, docs: list[Analysed]) -> None:
        self.words = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, min_df=1)
        self.chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=1
        )
        words = self.words.fit_transform([d.tokens for d in docs])
        chars = self.chars.fit_transform([_lemma_text(d) for d in docs])
        self.matrix = normalize(hstack([words, 0.6 * chars]).tocsr()).toarray()

    def transform(self, docs: list[Analysed]) -> np.ndarray:
        words = self.words.transform([d.tokens for d in docs])
        chars = self.chars.transform([_lemma_text(d) for d in docs])
        return np.asarray(normalize(hstack([words, 0.6 * chars]).tocsr()).toarray())


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

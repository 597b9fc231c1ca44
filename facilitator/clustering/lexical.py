"""The cards' words as vectors: TF-IDF of lemmas, compound parts and themes, beside
character n-grams that survive typos."""

from __future__ import annotations

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from facilitator.clustering.text import Analysed


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

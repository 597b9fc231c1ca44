"""Grouping suggestions: cards → focus areas with labels. Pure functions, no I/O.

How it works, and why:
1. Cards are short, misspelt, in four languages and full of compounds, so each
   card becomes lemmas, compound parts and the field's themes it mentions
   (`text.analyse`), weighted by TF-IDF, beside character n-grams that survive
   typos.
2. Seeds come first: the facilitator's placements (`fixed`) and named theme
   descriptions (`themes`). A card joins the seed it is most like when it is
   clearly like it.
3. The rest are grouped by the field's theme they mention most, and cards that
   mention none are clustered by their words (agglomerative, cosine).
4. Each group is named by its theme, or by the words most its own (class-based
   TF-IDF) that at least two of its cards use.
Deterministic: the same input gives the same groups.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import hstack
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from facilitator.clustering.lexicon import CONCEPTS
from facilitator.clustering.text import Analysed, analyse

SEED_SIMILARITY = 0.18  # how alike a card must be to a seed to join it
JOIN_SIMILARITY = 0.22  # … for a card without a theme to join a theme's group
OTHER = "Andre innspill"


@dataclass(frozen=True, slots=True)
class Group:
    label: str
    members: tuple[int, ...]


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


def _identity(tokens: list[str]) -> list[str]:
    return tokens


class Features:
    """Word-level TF-IDF (lemmas, compound parts, themes) beside character n-grams."""

    def __init__(self, docs: list[Analysed]) -> None:
        self.words = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, min_df=1)
        self.chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=1
        )
        self.matrix = self._fit([d.tokens for d in docs], [_lemma_text(d) for d in docs])

    def _fit(self, tokens: list[list[str]], strings: list[str]) -> np.ndarray:
        words = self.words.fit_transform(tokens)
        chars = self.chars.fit_transform(strings)
        return normalize(hstack([words, 0.6 * chars]).tocsr()).toarray()

    def transform(self, docs: list[Analysed]) -> np.ndarray:
        words = self.words.transform([d.tokens for d in docs])
        chars = self.chars.transform([_lemma_text(d) for d in docs])
        return normalize(hstack([words, 0.6 * chars]).tocsr()).toarray()


def _lemma_text(doc: Analysed) -> str:
    return " ".join((*doc.lemmas, *doc.parts)) or "_"


def suggest(
    texts: Sequence[str],
    *,
    k: int | None = None,
    themes: Mapping[str, Sequence[str]] | None = None,
    fixed: Mapping[int, str] | None = None,
) -> Suggestion:
    """Group `texts` into focus areas; every index appears in exactly one group.

    `k` asks for a number of groups (None picks one); `themes` are named seed
    descriptions; `fixed` maps card index → the label the facilitator put it under.
    """
    n = len(texts)
    if n == 0:
        return Suggestion([])
    fixed = dict(fixed or {})
    docs = analyse(texts)
    features = Features(docs)
    x = features.matrix
    assigned: dict[int, str] = dict(fixed)

    # 1. Seeds: the facilitator's groups and the named themes.
    seeds: dict[str, np.ndarray] = {}
    seed_concepts: dict[str, Counter[str]] = {}
    for label in dict.fromkeys(fixed.values()):
        members = [i for i, lab in fixed.items() if lab == label]
        seeds[label] = normalize(x[members].mean(axis=0, keepdims=True))[0]
        seed_concepts[label] = sum((docs[i].concepts for i in members), Counter())
    if themes:
        theme_docs = analyse([" ".join(desc) + " " + name for name, desc in themes.items()])
        vectors = features.transform(theme_docs)
        for (name, _), vector, doc in zip(themes.items(), vectors, theme_docs, strict=True):
            if name not in seeds:
                seeds[name] = vector
                seed_concepts[name] = doc.concepts
    if seeds:
        names = list(seeds)
        matrix = np.vstack([seeds[s] for s in names])
        sims = x @ matrix.T
        for i in range(n):
            if i in assigned:
                continue
            # A shared theme of the field counts as strong evidence of belonging.
            bonus = np.array(
                [
                    0.25
                    if docs[i].concepts and set(docs[i].concepts) & set(seed_concepts[s])
                    else 0.0
                    for s in names
                ]
            )
            score = sims[i] + bonus
            best = int(np.argmax(score))
            if score[best] >= SEED_SIMILARITY:
                assigned[i] = names[best]

    # 2. The rest, on their own: by theme of the field, then by words.
    rest = [i for i in range(n) if i not in assigned]
    groups: dict[str, list[int]] = {}
    for label in dict.fromkeys(assigned.values()):
        groups[label] = [i for i in range(n) if assigned.get(i) == label]
    for label, members in _unsupervised(rest, docs, x, k if not seeds else None).items():
        target = label if label not in groups else f"{label} (2)"
        groups[target] = members

    result = [Group(label, tuple(sorted(members))) for label, members in groups.items() if members]
    if k is not None and not seeds:
        result = _to_k(result, x, k, docs)
    result.sort(key=lambda g: (-len(g.members), g.members[0]))
    return Suggestion(result)


def _unsupervised(
    indices: list[int], docs: list[Analysed], x: np.ndarray, k: int | None
) -> dict[str, list[int]]:
    if not indices:
        return {}
    by_concept: dict[str, list[int]] = {}
    loose: list[int] = []
    for i in indices:
        concepts = docs[i].concepts
        if concepts:
            top = max(sorted(concepts), key=lambda c: concepts[c])
            by_concept.setdefault(top, []).append(i)
        else:
            loose.append(i)
    # Cards without a theme join the theme group they are clearly like…
    centroids = {c: normalize(x[m].mean(axis=0, keepdims=True))[0] for c, m in by_concept.items()}
    still_loose: list[int] = []
    for i in loose:
        if centroids:
            scores = {c: float(x[i] @ v) for c, v in centroids.items()}
            best = max(sorted(scores), key=lambda c: scores[c])
            if scores[best] >= JOIN_SIMILARITY:
                by_concept[best].append(i)
                continue
        still_loose.append(i)
    groups: dict[str, list[int]] = {}
    for concept, members in by_concept.items():
        groups[_label(members, docs, x, indices, concept)] = members
    # … and the others are clustered by their words.
    if still_loose:
        for members in _cluster(still_loose, x):
            label = _label(members, docs, x, indices, None)
            if label in groups or label == OTHER:
                groups.setdefault(OTHER, []).extend(members)
            else:
                groups[label] = members
    return groups


def _cluster(indices: list[int], x: np.ndarray) -> list[list[int]]:
    if len(indices) < 3:
        return [indices]
    clusters = max(1, round(math.sqrt(len(indices) / 2)))
    # Ward on L2-normalised vectors behaves like cosine and, unlike average linkage, does not
    # chain every short card into one big group.
    model = AgglomerativeClustering(n_clusters=clusters, linkage="ward")
    labels = model.fit_predict(x[indices])
    out: dict[int, list[int]] = {}
    for index, label in zip(indices, labels, strict=True):
        out.setdefault(int(label), []).append(index)
    return [out[key] for key in sorted(out, key=lambda key: out[key][0])]


def _label(
    members: list[int],
    docs: list[Analysed],
    x: np.ndarray,
    universe: list[int],
    concept: str | None,
) -> str:
    """The theme's name, or the words most particular to the group that two or more cards use."""
    if concept is not None:
        return CONCEPTS[concept][0]
    inside = Counter(t for i in members for t in set((*docs[i].lemmas, *docs[i].parts)))
    outside = Counter(t for i in universe if i not in members for t in set(docs[i].lemmas))
    # A name must speak for the group: used by two cards or more, and by a good share of them.
    needed = max(2, math.ceil(0.3 * len(members)))
    candidates = [t for t, c in inside.items() if c >= needed and len(t) > 3]
    if not candidates:
        return OTHER

    def weight(term: str) -> float:
        return inside[term] / len(members) * math.log(1 + len(universe) / (1 + outside[term]))

    best = max(sorted(candidates), key=weight)
    return best.capitalize()


def _to_k(groups: list[Group], x: np.ndarray, k: int, docs: list[Analysed]) -> list[Group]:
    """Merge the smallest groups into their nearest, or split the largest, until there are k."""
    work = [list(g.members) for g in groups]
    labels = [g.label for g in groups]
    while len(work) > k and len(work) > 1:
        smallest = min(range(len(work)), key=lambda j: (len(work[j]), j))
        centre = normalize(x[work[smallest]].mean(axis=0, keepdims=True))[0]
        others = [j for j in range(len(work)) if j != smallest]
        nearest = max(
            others,
            key=lambda j: float(normalize(x[work[j]].mean(axis=0, keepdims=True))[0] @ centre),
        )
        work[nearest].extend(work.pop(smallest))
        labels.pop(smallest)
    while len(work) < k:
        largest = max(range(len(work)), key=lambda j: len(work[j]))
        if len(work[largest]) < 2:
            break
        halves = _cluster_two(work[largest], x)
        work[largest] = halves[0]
        work.append(halves[1])
        universe = [i for w in work for i in w]
        labels.append(_label(halves[1], docs, x, universe, None))
    return [Group(label, tuple(sorted(w))) for label, w in zip(labels, work, strict=True)]


def _cluster_two(indices: list[int], x: np.ndarray) -> list[list[int]]:
    labels = AgglomerativeClustering(n_clusters=2, linkage="ward").fit_predict(x[indices])
    first = [i for i, label in zip(indices, labels, strict=True) if label == labels[0]]
    second = [i for i in indices if i not in first]
    return [first, second] if second else [first[: len(first) // 2], first[len(first) // 2 :]]

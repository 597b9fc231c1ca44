"""Cards → groups without a facilitator's seeds: by theme, then by what the cards mean.

1. A card that mentions a theme of the field's lexicon goes to its main theme.
2. A card without a theme joins the theme group whose centroid is clearly nearest
   (in the joint space of words and, when the model is there, embeddings; there each
   theme's embedded name is part of its centroid, so a theme no card names outright
   can still gather the cards that mean it).
3. The rest are clustered (Ward) on their embeddings beside their words, as many
   clusters as the best silhouette says, each cluster its own named group: a
   catch-all group would hide a theme the lexicon has never heard of.
4. A group of more than 15 % of the cards is split unless its cards really are alike.
5. Names: the theme's name, or words at least two of the group's cards share; a group
   whose cards share no word is named by the main word of its most typical card.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import pdist, squareform
from sklearn.cluster import AgglomerativeClustering
from sklearn.metrics import silhouette_score

from facilitator.clustering.lexicon import CONCEPTS
from facilitator.clustering.space import normalise
from facilitator.clustering.text import Analysed

JOIN_MARGIN = 0.03  # … and nearer it than to the next theme by this much
ANCHOR = 0.5  # a theme's embedded name beside its cards' centroid (the model's path only)
MAX_SHARE = 0.15  # no group above this share of the cards unless they are alike


@dataclass(frozen=True, slots=True)
class Cards:
    docs: list[Analysed]
    z: np.ndarray  # joint, row-normalised: words (and embeddings when available)
    join: float  # how near a theme's centroid a card without a theme must be to join it
    left: np.ndarray  # where the cards no theme claims are clustered: meaning first, then words
    anchors: Mapping[str, np.ndarray] = field(default_factory=dict)  # theme → its name, embedded
    room: frozenset[int] = frozenset()  # the cards written in the room's main language


def by_theme(indices: Sequence[int], cards: Cards) -> tuple[dict[str, list[int]], list[int]]:
    """Each card's main theme, and the cards without one (ties: the theme named first)."""
    groups: dict[str, list[int]] = {}
    loose: list[int] = []
    for i in indices:
        concepts = cards.docs[i].concepts
        if concepts:
            top = max(sorted(concepts), key=lambda c: concepts[c])
            groups.setdefault(top, []).append(i)
        else:
            loose.append(i)
    return groups, loose


def join_nearest(groups: dict[str, list[int]], loose: list[int], cards: Cards) -> list[int]:
    """Let cards without a theme join the group they are clearly near; returns the others."""
    names = list(dict.fromkeys([*groups, *cards.anchors]))
    if not names:
        return loose

    def centre(g: str) -> np.ndarray:
        mean = normalise(cards.z[groups[g]].mean(axis=0)) if groups.get(g) else 0.0
        anchor = ANCHOR * cards.anchors[g] if g in cards.anchors else 0.0
        return normalise(np.asarray(mean + anchor))

    centres = np.vstack([centre(g) for g in names])
    left: list[int] = []
    joins: list[tuple[int, str]] = []
    for i in loose:
        sims = centres @ cards.z[i]
        order = np.argsort(-sims, kind="stable")
        best = float(sims[order[0]])
        second = float(sims[order[1]]) if len(order) > 1 else -1.0
        if best >= cards.join and best - second >= JOIN_MARGIN:
            joins.append((i, names[int(order[0])]))
        else:
            left.append(i)
    gathered = Counter(name for _i, name in joins)
    for i, name in joins:  # after the loop: centroids stay those of the themed cards
        if name in groups or gathered[name] >= 2:  # a theme no card names needs two cards
            groups.setdefault(name, []).append(i)
        else:
            left.append(i)
    return sorted(left)


def cluster(indices: Sequence[int], z: np.ndarray, clusters: int | None = None) -> list[list[int]]:
    """Ward on normalised vectors (like cosine, but without chaining every short card together).

    Cards with the same words are one point: duplicates are never split apart.
    """
    indices = list(indices)
    if not indices:
        return []
    distinct, inverse = np.unique(z[indices], axis=0, return_inverse=True)
    inverse = np.asarray(inverse).reshape(-1)
    if clusters is None:
        clusters = max(1, round(math.sqrt(len(distinct) / 2)))
    clusters = min(clusters, len(distinct))
    if clusters <= 1:
        return [indices]
    if clusters == len(distinct):
        labels = np.arange(len(distinct))
    else:
        labels = AgglomerativeClustering(n_clusters=clusters, linkage="ward").fit_predict(
            compact(distinct)
        )
    out: dict[int, list[int]] = {}
    for index, row in zip(indices, inverse, strict=True):
        out.setdefault(int(labels[row]), []).append(index)
    return [out[key] for key in sorted(out, key=lambda key: out[key][0])]


def compact(x: np.ndarray) -> np.ndarray:
    """The same points in at most as many dimensions as there are points (exact: every distance
    and dot product is kept), so Ward on thousands of word columns costs what it does on few."""
    if x.shape[1] <= x.shape[0]:
        return x
    values, vectors = np.linalg.eigh(x @ x.T)
    keep = values > 1e-10 * max(float(values.max()), 1e-12)
    return np.asarray(vectors[:, keep] * np.sqrt(values[keep]))


def free_k(indices: Sequence[int], z: np.ndarray) -> int | None:
    """How many clusters the cards fall into: the Ward cut with the best silhouette (cosine).

    Tried from 2 to 1.5·√n clusters of the distinct cards; None (the √(n/2) rule) when there
    are too few cards to tell, or the silhouette cannot be computed.
    """
    x = np.unique(z[list(indices)], axis=0)
    n = len(x)
    if n < 6:
        return None
    x = compact(x)
    tree = linkage(x, method="ward")
    distances = squareform(np.clip(pdist(x, metric="cosine"), 0.0, None))
    best, chosen = -2.0, None
    for clusters in range(2, max(3, min(n - 1, round(1.5 * math.sqrt(n)))) + 1):
        labels = fcluster(tree, clusters, criterion="maxclust")
        if len(set(labels.tolist())) < 2:
            continue
        score = float(silhouette_score(distances, labels, metric="precomputed"))
        if score > best:
            best, chosen = score, clusters
    return chosen


def unsupervised(indices: Sequence[int], cards: Cards) -> dict[str, list[int]]:
    """Label → members for the cards no seed claimed."""
    if not indices:
        return {}
    themed, loose = by_theme(indices, cards)
    left = join_nearest(themed, loose, cards)
    groups = {theme_label(c): m for c, m in themed.items()}
    for members in cluster(left, cards.left, free_k(left, cards.left)):
        groups[words_label(members, cards.docs, indices, cards.z, groups, cards.room)] = members
    return groups


def cohesion(members: Sequence[int], z: np.ndarray) -> float:
    if len(members) < 2:
        return 1.0
    return float((z[list(members)] @ normalise(z[list(members)].mean(axis=0))).mean())


def cap(groups: dict[str, list[int]], cards: Cards, total: int, keep: set[str]) -> None:
    """Split groups above MAX_SHARE whose cards are less alike than a typical group's."""
    limit = max(4, math.floor(MAX_SHARE * total))
    whole = set(keep)  # seeds, and groups of cards that cannot be told apart
    for _ in range(len(groups) + 8):
        typical = float(np.median([cohesion(m, cards.z) for m in groups.values()]))
        big = [
            g
            for g, m in groups.items()
            if len(m) > limit and g not in whole and cohesion(m, cards.z) < typical
        ]
        if not big:
            return
        label = max(big, key=lambda g: len(groups[g]))
        parts = sorted(cluster(groups[label], cards.z, 2), key=len, reverse=True)
        if len(parts) < 2:
            whole.add(label)
            continue
        first, second = parts
        groups[label] = first
        universe = [i for m in groups.values() for i in m] + second
        groups[words_label(second, cards.docs, universe, cards.z, groups, cards.room)] = second


def to_k(groups: dict[str, list[int]], cards: Cards, k: int) -> dict[str, list[int]]:
    """Merge the smallest group into its nearest (words and meaning), or split the largest."""
    work = dict(groups)
    while len(work) > max(k, 1):
        smallest = min(work, key=lambda g: (len(work[g]), min(work[g])))
        centre = normalise(cards.z[work[smallest]].mean(axis=0))
        others = [g for g in work if g != smallest]
        nearest = max(
            others, key=lambda g: float(normalise(cards.z[work[g]].mean(axis=0)) @ centre)
        )
        work[nearest] = work[nearest] + work.pop(smallest)
    while len(work) < k:
        largest = max(work, key=lambda g: len(work[g]))
        if len(work[largest]) < 2:
            break
        halves = sorted(cluster(work[largest], cards.z, 2), key=len, reverse=True)
        if len(halves) < 2:
            break
        work[largest] = halves[0]
        universe = [i for m in work.values() for i in m] + halves[1]
        work[words_label(halves[1], cards.docs, universe, cards.z, work, cards.room)] = halves[1]
    return work


# -- names ---------------------------------------------------------------------------------

UNSORTED = "Usortert"


def theme_label(concept: str) -> str:
    return CONCEPTS[concept][0]


def words_label(
    members: Sequence[int],
    docs: Sequence[Analysed],
    universe: Collection[int],
    z: np.ndarray,
    taken: Collection[str] = (),
    room: Collection[int] = (),
) -> str:
    """The words most particular to the group that two or more of its cards use; words of the
    cards in the room's language first, so that a bokmål room's group is not named in English."""
    inside = Counter(t for i in members for t in set((*docs[i].lemmas, *docs[i].parts)))
    local = Counter(t for i in members if i in room for t in set(docs[i].lemmas))
    inner = set(members)
    outside = Counter(t for i in universe if i not in inner for t in set(docs[i].lemmas))
    needed = max(2, math.ceil(0.3 * len(members)))
    candidates = [t for t, c in inside.items() if c >= needed and len(t) > 3]

    def weight(term: str) -> float:
        return inside[term] / len(members) * math.log(1 + len(universe) / (1 + outside[term]))

    ranked = sorted(sorted(candidates), key=lambda t: (local[t] >= 2, weight(t)), reverse=True)
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

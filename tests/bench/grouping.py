"""Grouping quality and speed, always beside the word TF-IDF + KMeans baseline of the same run.

Run with `make bench` (or `python -m tests.bench.grouping [FILE.json]` for another labelled set,
e.g. the held-out set, in the same {"cards": [{"text", "theme"}]} format).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from unittest import mock

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from facilitator.clustering import engine, suggest
from facilitator.templates import SOBK_THEMES

DEV = Path(__file__).parents[1] / "data" / "grouping_dev.json"


def moves_to_gold(gold: list[str], predicted: list[int]) -> float:
    """Share of cards a facilitator must move to turn the suggestion into the gold grouping."""
    golds = sorted(set(gold))
    preds = sorted(set(predicted))
    overlap = np.zeros((len(preds), len(golds)))
    for g, p in zip(gold, predicted, strict=True):
        overlap[preds.index(p), golds.index(g)] += 1
    rows, cols = linear_sum_assignment(-overlap)
    return 1 - overlap[rows, cols].sum() / len(gold)


def label_hits(gold: list[str], suggestion: engine.Suggestion) -> tuple[int, int]:
    """Groups whose label names the theme most of their cards belong to."""
    hits = 0
    for group in suggestion.groups:
        themes = [gold[i] for i in group.members]
        theme = max(sorted(set(themes)), key=themes.count)
        hits += theme[:5].casefold() in group.label.casefold()
    return hits, len(suggestion.groups)


def baseline(texts: list[str], k: int) -> list[int]:
    x = TfidfVectorizer().fit_transform(texts)
    return [int(v) for v in KMeans(k, n_init=10, random_state=0).fit_predict(x)]


def row(name: str, gold: list[str], predicted: list[int], extra: str = "") -> str:
    return (
        f"{name:34} {adjusted_rand_score(gold, predicted):6.3f} {normalized_mutual_info_score(gold, predicted):6.3f} "
        f"{moves_to_gold(gold, predicted):7.0%}  {extra}"
    )


def timed(fn, *args, repeat: int = 3, **kwargs) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn(*args, **kwargs)
        best = min(best, time.perf_counter() - start)
    return best


def main(path: Path = DEV) -> None:
    cards = json.loads(path.read_text(encoding="utf-8"))["cards"]
    texts, gold = [c["text"] for c in cards], [c["theme"] for c in cards]
    k = len(set(gold))
    print(f"Grouping: {len(texts)} cards, {k} themes ({path.name})")
    print(f"{'method':34} {'ARI':>6} {'NMI':>6} {'moves':>7}  labels")
    print(row("baseline: word TF-IDF + KMeans(k)", gold, baseline(texts, k)))
    ours = suggest(texts)
    hits, groups = label_hits(gold, ours)
    print(row("trepart, unsupervised", gold, ours.assignment(), f"{hits}/{groups} name the theme"))
    ours_k = suggest(texts, k=k)
    print(row("trepart, k given", gold, ours_k.assignment()))
    guided = suggest(texts, themes=SOBK_THEMES)
    hits, groups = label_hits(gold, guided)
    print(
        row(
            "trepart, guided by the 4 SOBK themes",
            gold,
            guided.assignment(),
            f"{hits}/{groups} name the theme",
        )
    )
    with mock.patch.dict("facilitator.clustering.text.CONCEPTS", {}, clear=True):
        words_only = suggest(texts)
    print(row("trepart without the field's lexicon", gold, words_only.assignment()))

    print("\nSpeed (best of 3, after the first load), ratio to the baseline in this run:")
    suggest(texts)  # warm: simplemma's dictionaries and scikit-learn are loaded once
    for n in (500, 2000):
        many = [f"{texts[i % len(texts)]} {i // len(texts) or ''}".strip() for i in range(n)]
        ours_s = timed(suggest, many)
        base_s = timed(baseline, many, k)
        print(
            f"  {n:5} cards: trepart {ours_s:6.3f} s, baseline {base_s:6.3f} s, ratio {ours_s / base_s:5.1f}×"
        )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEV)

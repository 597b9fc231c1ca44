"""Grouping quality and speed, always beside the word TF-IDF + KMeans baseline of the same run.

Run with `make bench` (or `python -m tests.bench.grouping [FILE.json]` for another labelled set,
e.g. the held-out set, in the same {"cards": [{"text", "theme"}]} format).
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path
from unittest import mock

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from facilitator.clustering import engine, prepare, suggest, vectors
from facilitator.clustering.lexicon import CONCEPTS
from facilitator.clustering.text import Analysed
from facilitator.templates import SOBK_THEMES

DEV = Path(__file__).parents[1] / "data" / "grouping_dev.json"
CHECK = Path(__file__).parents[1] / "data" / "grouping_check.json"  # written for issue 18
# Written for issue 18 before any tuning, by another hand than grouping_check.json; the engine's
# thresholds were calibrated on the dev and check sets only: this one only reports.
CHECK2 = Path(__file__).parents[1] / "data" / "grouping_check2.json"
# Written blind (the writer never saw the engine, its lexicon or the other sets) after the
# lexicon was widened in the third session, and never used to tune anything: the honest figure.
CHECK3 = Path(__file__).parents[1] / "data" / "grouping_check3.json"


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
        f"{name:40} {adjusted_rand_score(gold, predicted):6.3f} {normalized_mutual_info_score(gold, predicted):6.3f} "
        f"{moves_to_gold(gold, predicted):7.0%}  {extra}"
    )


def timed(fn, *args, repeat: int = 3, **kwargs) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn(*args, **kwargs)
        best = min(best, time.perf_counter() - start)
    return best


BLIND = ("økonomi", "informasjon", "ledelse", "tillit")  # the stress variant's missing concepts


def quality(texts: list[str], gold: list[str], *, model: bool) -> None:
    """The engine's rows, with the model or on the lexical path alone."""
    k = len(set(gold))
    tag = "" if model else " (words only)"
    switch = {"TREPART_EMBEDDINGS": "on" if model else "off"}
    named = {theme: (theme,) for theme in dict.fromkeys(gold)}
    with mock.patch.dict("os.environ", switch):
        ours = suggest(texts)
        hits, groups = label_hits(gold, ours)
        biggest = max(len(g.members) for g in ours.groups) / len(texts)
        print(
            row(
                f"trepart{tag}, unsupervised",
                gold,
                ours.assignment(),
                f"{hits}/{groups} name the theme, largest {biggest:.0%}",
            )
        )
        print(row(f"trepart{tag}, k given", gold, suggest(texts, k=k).assignment()))
        guided = suggest(texts, themes=SOBK_THEMES)
        print(row(f"trepart{tag}, guided: 4 SOBK themes", gold, guided.assignment()))
        print(
            row(
                f"trepart{tag}, guided: the set's themes",
                gold,
                suggest(texts, themes=named).assignment(),
            )
        )
        kept = {c: v for c, v in CONCEPTS.items() if c not in BLIND}
        with mock.patch.dict("facilitator.clustering.text.CONCEPTS", kept, clear=True):
            print(
                row(f"trepart{tag}, stress: 4 concepts dropped", gold, suggest(texts).assignment())
            )
        with mock.patch.dict("facilitator.clustering.text.CONCEPTS", {}, clear=True):
            print(row(f"trepart{tag}, without the lexicon", gold, suggest(texts).assignment()))
        print(row(f"trepart{tag}, 40 % of cards hide their theme", *hidden(texts, gold)))


def hidden(texts: list[str], gold: list[str], share: float = 0.4) -> tuple[list[str], list[int]]:
    """Cards phrased without the lexicon's stems, simulated: 40 % of the cards (a fixed random
    choice) lose their lexicon theme and must be placed by their words and meaning alone."""
    chosen = set(random.Random(18).sample(range(len(texts)), int(share * len(texts))))
    real = engine.analyse

    def blind(batch, *args, **kwargs):  # type: ignore[no-untyped-def]
        out = real(batch, *args, **kwargs)
        if list(batch) != texts:
            return out
        return [
            Analysed(d.lemmas, d.parts, Counter()) if i in chosen else d for i, d in enumerate(out)
        ]

    with mock.patch.object(engine, "analyse", blind):
        return gold, suggest(texts).assignment()


def main(paths: list[Path]) -> None:
    for path in paths:
        cards = json.loads(path.read_text(encoding="utf-8"))["cards"]
        texts, gold = [c["text"] for c in cards], [c["theme"] for c in cards]
        k = len(set(gold))
        print(f"Grouping: {len(texts)} cards, {k} themes ({path.name})")
        print(f"{'method':40} {'ARI':>6} {'NMI':>6} {'moves':>7}  labels")
        print(row("baseline: word TF-IDF + KMeans(k)", gold, baseline(texts, k)))
        if vectors.available():
            prepare(texts)
            quality(texts, gold, model=True)
        quality(texts, gold, model=False)
        print()
    speed(texts)


def speed(texts: list[str]) -> None:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"Speed, ratio to the baseline in this run (load average {load:.1f} on {os.cpu_count()} cores):"
    )
    suggest(texts)  # warm: simplemma's dictionaries and scikit-learn are loaded once
    for n in (500, 2000):
        many = [f"{texts[i % len(texts)]} {i // len(texts) or ''}".strip() for i in range(n)]
        base_s = timed(baseline, many, 12)
        if vectors.available() and n == 500:
            # Texts no cache has seen, about as long as real cards (a short suffix, not a long number).
            fresh = [f"{t} – {i}" for i, t in enumerate(many)]
            wall, cpu = time.perf_counter(), time.process_time()
            suggest(fresh)
            print(
                f"  {n:5} new cards, first suggest (embeds them on {os.cpu_count()} threads): "
                f"{time.perf_counter() - wall:6.2f} s wall, {time.process_time() - cpu:6.2f} s CPU"
            )
        if vectors.available():
            prepare(many)
        cpu = time.process_time()
        ours_s = timed(suggest, many)
        cpu_s = (time.process_time() - cpu) / 3
        print(
            f"  {n:5} cards after prepare: trepart {ours_s:6.3f} s ({cpu_s:5.3f} s CPU), "
            f"baseline {base_s:6.3f} s, ratio {ours_s / base_s:5.1f}×"
        )


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]] or [DEV, CHECK, CHECK2, CHECK3])

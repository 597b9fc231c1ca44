"""The cache of the grouping engine's card embeddings (table `card_vector`, migration 4).

Keyed by `clustering.vectors.key(text)`, a hash of the model and the card's words,
so the same words in another workshop or after an import are not embedded again.
Writes go through the store's one write connection, one small transaction per
batch of vectors, from the embedding worker's thread.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Mapping, Sequence

from facilitator.store.db import Store
from facilitator.store.errors import Outcome

_BATCH = 500  # SQLite's limit on host parameters is far above this


def _save(conn: sqlite3.Connection, vectors: Mapping[str, bytes]) -> Outcome[None]:
    now = time.time()
    conn.executemany(
        "INSERT OR REPLACE INTO card_vector (key, vector, created_at) VALUES (?, ?, ?)",
        [(k, v, now) for k, v in vectors.items()],
    )
    return Outcome(None, ())


def _prune(conn: sqlite3.Connection, keep: Sequence[str]) -> Outcome[int]:
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS keep_vector (key TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM keep_vector")
    conn.executemany("INSERT OR IGNORE INTO keep_vector VALUES (?)", [(k,) for k in keep])
    gone = conn.execute(
        "DELETE FROM card_vector WHERE key NOT IN (SELECT key FROM keep_vector)"
    ).rowcount
    conn.execute("DELETE FROM keep_vector")
    return Outcome(int(gone), ())


class StoreVectorCache:
    """`clustering.vectors.VectorCache` on the store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def load_vectors(self, keys: Sequence[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        conn = self.store._r  # the calling thread's own reader
        for start in range(0, len(keys), _BATCH):
            chunk = list(keys[start : start + _BATCH])
            rows = conn.execute(
                f"SELECT key, vector FROM card_vector WHERE key IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            found.update((str(k), bytes(v)) for k, v in rows)
        return found

    def save_vectors(self, vectors: Mapping[str, bytes]) -> None:
        if vectors:
            self.store.write(_save, dict(vectors))

    def prune(self, keep: Sequence[str]) -> int:
        """Forget the vectors of texts no card has any more (a deleted workshop's cards)."""
        return int(self.store.write(_prune, list(keep)))

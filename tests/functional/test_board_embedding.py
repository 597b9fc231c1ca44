"""`g` before the background worker has read every card: the board shows progress and still answers."""

from __future__ import annotations

import threading
import zlib
from pathlib import Path

import numpy as np
import pytest

from facilitator.clustering import vectors
from facilitator.model import Workshop
from facilitator.store import Store
from tests.functional.test_board import area_of, open_board, seed
from tests.functional.tui_helpers import make_app, screen_text, until


class GatedModel:
    """Stands in for the model: embeds only when the test opens the gate."""

    def __init__(self, gate: threading.Event) -> None:
        self.gate = gate

    def query(self, texts: list[str]) -> np.ndarray:
        assert self.gate.wait(timeout=60)
        rows = [np.random.default_rng(zlib.crc32(t.encode())).normal(size=384) for t in texts]
        return np.asarray(rows, dtype=np.float32)


async def test_suggesting_before_the_cards_are_embedded_shows_progress(
    db_path: Path, store: Store, workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = threading.Event()
    monkeypatch.setenv("TREPART_EMBEDDINGS", "on")
    monkeypatch.setattr(vectors, "_model", lambda slot: GatedModel(gate))
    monkeypatch.setattr(vectors, "_memory", {})
    ids = seed(store, workshop)
    app = make_app(db_path, workshop.id)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            board = await open_board(pilot, app)
            await pilot.press("g")
            await until(pilot, lambda: "Leser kortene … 0 av" in screen_text(app), rounds=500)
            await pilot.press("c")  # the board still answers its keys while it waits
            assert board.compact
            gate.set()
            await until(
                pilot,
                lambda: (
                    area_of(store, workshop, ids["Høyt sykefravær i hjemmetjenesten"]) is not None
                ),
                rounds=1000,
            )
            assert area_of(store, workshop, ids["Høyt sykefravær i hjemmetjenesten"]) == (
                area_of(store, workshop, ids["For lite tid til sykefraværsoppfølging"])
            )
    finally:
        gate.set()

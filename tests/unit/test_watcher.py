"""The file watcher (store/watcher.py): started by whoever owns the loop, workshops registered
by name; nothing polls before start()."""

from __future__ import annotations

import asyncio
from pathlib import Path

from facilitator import events as ev
from facilitator.store import Store
from tests.conftest import CHALLENGES


async def test_the_watcher_polls_only_once_started(db_path: Path, store: Store) -> None:
    ws = store.create_workshop("tana-oppstart", title="Tana")
    store.bus.bind(asyncio.get_running_loop())
    store.watcher.watch(ws.id)
    assert store.watcher.watched == {ws.id} and not store.watcher.running
    changed = asyncio.Event()
    store.bus.subscribe(lambda e: changed.set() if isinstance(e, ev.PhaseChanged) else None)
    shell = Store(db_path)  # `trepart phase` in another window
    shell.open_phase(ws.id, CHALLENGES)
    shell.close()
    await asyncio.sleep(0)
    assert not changed.is_set(), "nothing polls before start()"
    store.watcher.start(interval=0.01)
    await asyncio.wait_for(changed.wait(), 5)
    await store.watcher.stop()
    assert not store.watcher.running


def test_an_unknown_workshop_is_not_watched(store: Store) -> None:
    ws = store.create_workshop("tana-oppstart", title="Tana")
    store.watcher.watch(ws.id + 1000)
    store.watcher.watch(ws.id)
    store.watcher.watch(ws.id)
    assert store.watcher.watched == {ws.id}

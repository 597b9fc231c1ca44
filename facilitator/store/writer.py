"""Group commit: many phones, one fsync.

When 300 phones send at once, one durable commit per request would queue them
behind 300 fsyncs. The writer thread instead takes everything waiting, runs it
in one transaction, commits once, and only then answers each request. While
that fsync runs, the next group gathers.
"""

from __future__ import annotations

import asyncio
import queue
import sqlite3
import threading
from typing import Any

from facilitator.store.db import Op, Store
from facilitator.store.errors import Outcome, StoreError, StoreUnavailable

_Item = tuple[Op, tuple[Any, ...], asyncio.Future[Any], asyncio.AbstractEventLoop]


class GroupCommitWriter:
    def __init__(self, store: Store, *, max_batch: int = 512) -> None:
        self._store = store
        self._max_batch = max_batch
        self._queue: queue.SimpleQueue[_Item | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="trepart-writer", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None

    def __call__(self, op: Op, *args: Any) -> asyncio.Future[Any]:
        """Run `op` in the next group; the future holds its value once the group is on disk.

        A plain function returning the future, not a coroutine: awaiting it directly spares
        each card one coroutine layer between the handler and the writer.
        """
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()
        self._queue.put((op, args, future, loop))
        return future

    def _run(self) -> None:
        stopping = False
        while not stopping:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            while len(batch) < self._max_batch:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    stopping = True
                    break
                batch.append(item)
            self._commit(batch)

    def _commit(self, batch: list[_Item]) -> None:
        store = self._store
        try:
            results: list[Outcome[Any] | StoreError | Exception] = list(
                store.write_batch([(op, args) for op, args, _, _ in batch])
            )
            # Committed, but into the file at our path? If not, nobody is told "saved". One check
            # after the commit is enough: a file replaced before it (or during it) fails it too,
            # and a check before as well cost 10 % of the writer's time (py-spy, issue 20).
            if lost := store.file_problem():
                raise StoreUnavailable(lost)
        except (sqlite3.Error, OSError, StoreUnavailable) as exc:
            problem = store.file_problem(exc) or str(exc)
            failure = StoreUnavailable(problem)
            results = [failure] * len(batch)
            store.health(problem)
        else:
            store.health(None)
        events = [e for r in results if isinstance(r, Outcome) for e in r.events]
        self._store.bus.publish(*events)
        # One wake-up per event loop for the whole group, not one per request: each
        # call_soon_threadsafe writes to the loop's self-pipe (py-spy: 7 % of the server's time).
        settled: dict[asyncio.AbstractEventLoop, list[tuple[asyncio.Future[Any], Any]]] = {}
        for (_, _, future, loop), result in zip(batch, results, strict=True):
            settled.setdefault(loop, []).append((future, result))
        for loop, pairs in settled.items():
            if not loop.is_closed():
                loop.call_soon_threadsafe(_settle_all, pairs)


def _settle_all(pairs: list[tuple[asyncio.Future[Any], Outcome[Any] | Exception]]) -> None:
    for future, result in pairs:
        if future.done():
            continue
        if isinstance(result, Exception):
            future.set_exception(result)
        else:
            future.set_result(result.value)

"""The background worker that embeds cards as they arrive, so that `g` finds them ready.

Embedding costs ~30 ms a card: 300 phones in a burst are ~10 s of CPU. It runs
here, in one thread at the lowest priority (nice 19 on Linux), never on the event
loop (whose bus callback only queues the text) nor on the writer thread (the
vectors are saved in small transactions of their own). Without the model
(Windows, macOS Intel) the worker does nothing and the engine runs its lexical path.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable

from facilitator import events as ev
from facilitator.model import WorkshopStatus
from facilitator.store import Store

_DRAIN = 16  # texts taken at once: one prepare call (~0.4 s), one transaction
# After a key press the worker waits this long before its next piece of work: embedding's Python
# half holds the GIL, and a key's repaint measured 2-3x slower while it ran (README).
HOLD_SECONDS = 1.0
log = logging.getLogger(__name__)


class Embedder:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._queue: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self.idle = threading.Event()  # set whenever everything queued is embedded
        self._pending = 0
        self._count_lock = threading.Lock()
        # The worker's first step imports scikit-learn and the model: a second of CPU under the
        # GIL. It waits for `begin()` (the app calls it once its first screen is up), so that the
        # QR code is not late for it.
        self._go = threading.Event()
        self._stopping = False
        self._held_until = 0.0
        self._wake = threading.Event()  # set to stop a held worker at once

    def start(self) -> None:
        if self._thread is not None:
            return
        self._unsubscribe = self.store.bus.subscribe(self._on_event)
        self._thread = threading.Thread(target=self._run, name="trepart-embed", daemon=True)
        self._thread.start()

    def begin(self) -> None:
        """Let the worker start: the app's start-up is over."""
        self._go.set()

    def hold(self, seconds: float = HOLD_SECONDS) -> None:
        """The facilitator is at the keys: no new piece of work for `seconds` (0 lets it go)."""
        self._held_until = time.monotonic() + seconds
        if seconds <= 0:
            self._wake.set()

    def _wait_while_held(self) -> None:
        while not self._stopping and (left := self._held_until - time.monotonic()) > 0:
            self._wake.wait(left)
            self._wake.clear()

    def stop(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._thread is not None:
            self._stopping = True
            self._queue.put(None)
            self._go.set()
            self._wake.set()
            self._thread.join(timeout=5)
            self._thread = None

    def add(self, texts: list[str]) -> None:
        if not texts:
            return
        with self._count_lock:
            self._pending += len(texts)
            self.idle.clear()
        for text in texts:
            self._queue.put(text)

    def _done(self, count: int) -> None:
        with self._count_lock:
            self._pending -= count
            if self._pending <= 0:
                self._pending = 0
                self.idle.set()

    def _on_event(self, event: ev.Event) -> None:
        """On the event loop: only queue the words, the work happens in the thread."""
        if isinstance(event, ev.CardAdded | ev.CardChanged):
            self.add([event.card.text])

    def _run(self) -> None:
        self._go.wait()
        if self._stopping:
            return
        # Imported here, in the worker: scikit-learn and the model stay out of the app's start-up.
        from facilitator.clustering import prepare, vectors
        from facilitator.store.vectors import StoreVectorCache

        if not vectors.available():
            self.idle.set()
            return
        cache = StoreVectorCache(self.store)
        vectors.use_cache(cache)
        # A deleted workshop's cards leave no vectors behind (privacy): keep only current ones.
        everyone = [c.text for w in self.store.list_workshops() for c in self.store.cards(w.id)]
        cache.prune([vectors.key(t) for t in everyone])
        self.add(self._current_texts())
        self._done(0)
        while True:
            first = self._queue.get()
            if first is None:
                vectors.use_cache(None)
                return
            batch = [first]
            while len(batch) < _DRAIN:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    self._queue.put(None)
                    break
                batch.append(item)
            self._wait_while_held()
            if self._stopping:
                vectors.use_cache(None)
                return
            try:
                prepare(batch, background=True)
            except Exception:  # the board can still embed what is missing when `g` is pressed
                log.exception("embedding cards in the background failed")
            self._done(len(batch))

    def _current_texts(self) -> list[str]:
        """Cards of workshops still running: a restart finds them in the cache or embeds them."""
        texts: list[str] = []
        for workshop in self.store.list_workshops():
            if workshop.status is not WorkshopStatus.CLOSED:
                texts += [c.text for c in self.store.cards(workshop.id)]
        return texts

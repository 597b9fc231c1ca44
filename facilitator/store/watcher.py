"""Noticing what another process wrote to the file (`trepart phase`, a second window).

The store publishes what its own writes did; a commit by another process reaches this process
only through the file. `PRAGMA data_version` changes only when the file changed, so an idle poll
costs one pragma and no query. Whoever owns the event loop starts the poll (`start()`: the
Textual app, `trepart serve`) and says which workshops to watch (`watch()`: the run screen, the
server for a workshop whose state it caches); nothing is watched by a lookup's side effect.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from facilitator import events as ev
from facilitator.events import Bus
from facilitator.store import rows

POLL_SECONDS = 0.25  # `trepart phase` shows on the projector and the phones within a second

# The `+` keeps the workshop term from choosing an index: a range of the rowid, filtered, reads
# only the cards that came since the last poll. Offered `workshop_id = ?` as a term, SQLite walks
# the (workshop_id, client_id) index and sorts every card of the workshop: 86 ms a poll at
# 200,000 cards (tests/functional/test_query_plans.py).
WATCH_CARDS = f"SELECT {rows.CARD_COLUMNS} FROM card WHERE id > ? AND +workshop_id = ? ORDER BY id"
# A phase's state is its id, status and opening time: a phase closed and opened again, or "next"
# then "previous" between two polls, opens anew and must be announced.
_STATE = (
    "SELECT w.current_phase_id, p.status, w.status, p.opened_at FROM workshop w "
    "LEFT JOIN phase p ON p.id = w.current_phase_id WHERE w.id = ?"
)
PhaseState = tuple[int | None, str | None, float | None]


class Watcher:
    """The registered workshops, what this process already knows of them, and the poll."""

    def __init__(self, path: Path, bus: Bus, connect: Callable[[Path], sqlite3.Connection]) -> None:
        self.path = path
        self.bus = bus
        self._connect = connect
        self.conn: sqlite3.Connection | None = None  # its own: the poll runs beside any reader
        self.version: int | None = None
        self._phase: dict[int, PhaseState] = {}
        self._status: dict[int, str] = {}  # `trepart close` in a shell closes it
        # Per workshop: every card up to this id has been read by the poll, and the ids above it
        # that this process announced already (its own writes, what the relay brought).
        self._seen_card: dict[int, int] = {}
        self._announced: dict[int, set[int]] = {}
        self._task: asyncio.Task[None] | None = None
        # note() runs on the writer thread (the group commit), poll() on the loop.
        self._lock = threading.RLock()

    @property
    def watched(self) -> frozenset[int]:
        return frozenset(self._phase)

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def _db(self) -> sqlite3.Connection:
        if self.conn is None:
            self.conn = self._connect(self.path)
        return self.conn

    # -- registration ----------------------------------------------------------------------

    def watch(self, workshop_id: int) -> None:
        """Start noticing what other processes do to a workshop (no-op if unknown or watched)."""
        if workshop_id in self._phase:
            return
        with self._lock:
            conn = self._db()
            row = conn.execute(_STATE, (workshop_id,)).fetchone()
            if row is None:
                return
            self._phase[workshop_id] = (row[0], row[1], row[3])
            self._status[workshop_id] = row[2]
            # The newest card of any workshop: no card of this one can come after it unseen, and
            # MAX over the rowid is one step down the table's B-tree however many cards it holds.
            last = conn.execute("SELECT COALESCE(MAX(id), 0) FROM card").fetchone()[0]
            self._seen_card[workshop_id] = max(self._seen_card.get(workshop_id, 0), last)

    def note(self, events: Iterable[ev.Event], conn: sqlite3.Connection) -> None:
        """What this process itself wrote, or heard of from the phones' process: the poll must
        not announce it again. `conn`: one that already sees it (the writing transaction's).

        A card is remembered, not jumped over: moving the poll's cursor to our own new card
        would skip another process's cards committed just before it and not read yet."""
        with self._lock:
            for event in events:
                if isinstance(event, ev.CardAdded):
                    if event.card.id > self._seen_card.get(event.workshop_id, 0):
                        self._announced.setdefault(event.workshop_id, set()).add(event.card.id)
                elif isinstance(event, ev.PhaseChanged) and event.workshop_id in self._phase:
                    phase = event.phase
                    self._phase[event.workshop_id] = (
                        phase.id if phase else None,
                        phase.status.value if phase else None,
                        phase.opened_at if phase else None,
                    )
                elif isinstance(event, ev.WorkshopChanged) and event.workshop_id in self._phase:
                    row = conn.execute(_STATE, (event.workshop_id,)).fetchone()
                    if row is not None:
                        self._status[event.workshop_id] = row[2]

    # -- the poll --------------------------------------------------------------------------

    def poll(self) -> None:
        """Publish what other processes committed since the last call.

        All or nothing, under the lock the writer thread's note() takes: what the poll read is
        kept only once it is complete, and a card noted meanwhile is either in the poll's
        reading as announced or not in it at all."""
        with self._lock:
            conn = self._db()
            version = conn.execute("PRAGMA data_version").fetchone()[0]
            if version == self.version:
                return
            found: list[ev.Event] = []
            phases: dict[int, PhaseState] = {}
            statuses: dict[int, str] = {}
            cursors: dict[int, int] = {}
            for workshop_id, known in list(self._phase.items()):
                row = conn.execute(_STATE, (workshop_id,)).fetchone()
                if row is None:
                    continue
                if (row[0], row[1], row[3]) != known:
                    phases[workshop_id] = (row[0], row[1], row[3])
                    phase = None
                    if row[0] is not None:
                        phase = rows.phase(
                            conn.execute(
                                f"SELECT {rows.PHASE_COLUMNS} FROM phase WHERE id = ?", (row[0],)
                            ).fetchone()
                        )
                    found.append(ev.PhaseChanged(workshop_id, phase))
                if row[2] != self._status.get(workshop_id):
                    statuses[workshop_id] = row[2]
                    found.append(ev.WorkshopChanged(workshop_id))  # closed (or reopened) elsewhere
                seen = self._seen_card.get(workshop_id, 0)
                announced = self._announced.get(workshop_id, set())
                for r in conn.execute(WATCH_CARDS, (seen, workshop_id)):
                    card = rows.card(r)
                    seen = max(seen, card.id)
                    if card.id not in announced:
                        found.append(ev.CardAdded(workshop_id, card))
                cursors[workshop_id] = seen
            self.version = version
            self._phase.update(phases)
            self._status.update(statuses)
            for workshop_id, seen in cursors.items():
                self._seen_card[workshop_id] = seen
                if self._announced.get(workshop_id):
                    kept = {i for i in self._announced[workshop_id] if i > seen}
                    self._announced[workshop_id] = kept
        self.bus.publish(*found, elsewhere=True)

    def forget(self, events: Iterable[ev.Event]) -> None:
        """What note() was told of a transaction that rolled back: its cards were never
        written (their ids will be given again), and the next poll looks at everything anew."""
        with self._lock:
            for event in events:
                if isinstance(event, ev.CardAdded):
                    self._announced.get(event.workshop_id, set()).discard(event.card.id)
            self.version = None

    def heard(self, events: Iterable[ev.Event]) -> None:
        """Workshop changes the phones' process (or the app) told us of: the poll must not
        announce them a second time."""
        self.note([e for e in events if isinstance(e, ev.WorkshopChanged)], self._db())

    def start(self, interval: float = POLL_SECONDS) -> None:
        """Poll on the running loop until stop(); called by whoever owns the loop."""
        if self.running:
            return
        self._task = asyncio.get_running_loop().create_task(self._run(interval))

    async def _run(self, interval: float) -> None:
        while True:
            with contextlib.suppress(Exception):  # a locked or vanished file must not stop it
                self.poll()
            await asyncio.sleep(interval)

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
        if self.conn is not None:
            self.conn.close()
            self.conn = None

"""The Store: the only object that opens the SQLite file.

Writes go through one connection under one lock (SQLite has one writer
anyway); reads use a connection per thread, which WAL lets run beside a write.
Every commit is durable (`synchronous=FULL`) before its events are published.

What the writes and reads do lives in the modules named for what they hold (workshops, phases,
cards, participants, votes, actions, agreements, grouping, minutes); the Store runs them: `write`
an operation in a transaction, `read` a query on this thread's reader. The reads every screen
uses are kept below as one-line methods so that `store.cards(…)` reads as it always did.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from facilitator import events as ev
from facilitator import templates
from facilitator.events import Bus
from facilitator.model import (
    Action,
    Agreement,
    Card,
    FocusArea,
    OptionResult,
    Participant,
    PartyTally,
    PhaseStatus,
    VoteOption,
    Workshop,
    WorkshopState,
)
from facilitator.settings import Limits
from facilitator.store import actions as _actions
from facilitator.store import agreements as _agreements
from facilitator.store import cardbatch, filecheck, filelock, grouping
from facilitator.store import cards as _cards
from facilitator.store import participants as _participants
from facilitator.store import phases as _phases
from facilitator.store import votes as _votes
from facilitator.store import workshops as _workshops
from facilitator.store.errors import Outcome, StoreError, StoreUnavailable
from facilitator.store.maintenance import Upkeep
from facilitator.store.schema import migrate
from facilitator.store.watcher import Watcher

T = TypeVar("T")
Op = Callable[..., Outcome[Any]]


def connect(path: Path, busy_timeout: float = 10.0) -> sqlite3.Connection:
    conn = sqlite3.connect(
        path, isolation_level=None, timeout=busy_timeout, check_same_thread=False
    )
    # Switching a new file to WAL takes it for a moment; a second process opening it then (the
    # projector and `trepart serve` started together) is told "locked" at once, without the
    # busy timeout's wait: wait for it here, as long as that timeout.
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            break
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                conn.close()
                raise
            time.sleep(0.005)
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


class Store(Upkeep):
    def __init__(
        self, path: Path | str, bus: Bus | None = None, *, busy_timeout: float = 10.0
    ) -> None:
        """`busy_timeout`: how long a write waits for another process's lock before failing clearly."""
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.bus = bus or Bus()
        self.lock = filelock.ProcessLock(self.path)
        self.lock.share()  # held while open: restore and delete refuse meanwhile
        self._wconn = connect(self.path, busy_timeout)
        migrate(self._wconn)
        self._wlock = threading.Lock()
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        # What other processes write: started by whoever owns the loop (store/watcher.py).
        self.watcher = Watcher(self.path, self.bus, connect)
        self.problem: str | None = None  # why writes fail right now, if they do
        self.file = filecheck.FileWatch(self.path)

    # -- connections -------------------------------------------------------------------

    @property
    def _r(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect(self.path)
            self._local.conn = conn
            self._readers.append(conn)
        return conn

    def close(self) -> None:
        self.watcher.close()
        for conn in (*self._readers, self._wconn):
            conn.close()
        self._readers.clear()
        self.file.close()  # last: closing it releases this process's locks on the file
        self.lock.release()

    def claim(self) -> None:
        """The exclusive lock for restore and delete: FileInUse if another process has the
        file open (a running `trepart serve`, the app)."""
        self.lock.exclusive()

    # -- writes --------------------------------------------------------------------------

    def write(self, op: Callable[..., Outcome[T]], *args: Any, **kwargs: Any) -> T:
        """Run one operation in its own durable transaction and publish its events.

        A database that cannot commit (locked, read-only, full, corrupt) raises
        StoreUnavailable: a clear failure the caller can show, never a crash.
        """
        with self._wlock:
            conn = self._wconn
            try:
                conn.execute("BEGIN IMMEDIATE")
                noted: tuple[ev.Event, ...] = ()
                try:
                    outcome = op(conn, *args, **kwargs)
                    noted = outcome.events
                    self.watcher.note(noted, conn)
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    self.watcher.forget(noted)  # never written: its card ids come round again
                    raise
            except (sqlite3.Error, OSError) as exc:
                problem = self.file_problem(exc) or str(exc)
                self.health(problem)
                raise StoreUnavailable(problem) from exc
        if lost := self.file_problem():
            self.health(lost)
            raise StoreUnavailable(lost)
        self.health(None)
        self.bus.publish(*outcome.events)
        return outcome.value

    def health(self, problem: str | None) -> None:
        """Tell listeners when storing starts failing, and when it works again."""
        if problem == self.problem:
            return
        self.problem = problem
        self.bus.publish(ev.StorageHealth(0, problem))

    def write_batch(
        self, calls: Sequence[tuple[Op, tuple[Any, ...]]]
    ) -> list[Outcome[Any] | StoreError]:
        """Run many operations in one transaction: one fsync for the whole group.

        An operation refused by the workshop's rules is rolled back alone (a
        savepoint) and returned as its error; a run of cards is checked and inserted together
        (cardbatch.py), each refused card returned as its error; a failing commit raises, and then
        nothing of the batch was stored.
        """
        results: list[Outcome[Any] | StoreError] = []
        noted: list[ev.Event] = []
        with self._wlock:
            conn = self._wconn
            conn.execute("BEGIN IMMEDIATE")
            try:
                i = 0
                while i < len(calls):
                    op, args = calls[i]
                    if op is _cards.add_card:  # a run of cards: one query each, not one per card
                        end = i
                        while end < len(calls) and calls[end][0] is _cards.add_card:
                            end += 1
                        for result in cardbatch.add_cards(conn, [a for _, a in calls[i:end]]):
                            if isinstance(result, Outcome):
                                noted.extend(result.events)
                                self.watcher.note(result.events, conn)
                            results.append(result)
                        i = end
                        continue
                    conn.execute("SAVEPOINT op")
                    try:
                        outcome = op(conn, *args)
                    except StoreError as exc:
                        conn.execute("ROLLBACK TO op")
                        results.append(exc)
                    else:
                        noted.extend(outcome.events)
                        self.watcher.note(outcome.events, conn)
                        results.append(outcome)
                    conn.execute("RELEASE op")
                    i += 1
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                self.watcher.forget(noted)
                raise
        return results

    # -- reads ---------------------------------------------------------------------------

    def read(self, query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a read function of a store module (`cards.search`, `minutes.meeting`, …) on this
        thread's reader."""
        return query(self._r, *args, **kwargs)

    def list_workshops(self) -> list[Workshop]:
        return _workshops.list_all(self._r)

    def workshop(self, workshop_id: int) -> Workshop | None:
        return _workshops.get(self._r, workshop_id)

    def workshop_by_code(self, code: str) -> Workshop | None:
        return _workshops.by_code(self._r, code)

    def resolve(self, ref: str) -> Workshop | None:
        """A workshop by id ("7") or join code ("K7QX3M")."""
        return _workshops.resolve(self._r, ref)

    def state(self, workshop_id: int) -> WorkshopState:
        return _workshops.state(self._r, workshop_id)

    def tallies(self, workshop_id: int) -> list[PartyTally]:
        return _workshops.tallies(self._r, workshop_id)

    def cards(
        self, workshop_id: int, phase_id: int | None = None, *, after_id: int = 0
    ) -> list[Card]:
        return _cards.of_workshop(self._r, workshop_id, phase_id, after_id=after_id)

    def card(self, card_id: int) -> Card | None:
        return _cards.get(self._r, card_id)

    def cards_of(self, participant: Participant, phase_id: int) -> list[Card]:
        return _cards.of_participant(self._r, participant, phase_id)

    def senders(self, phase_id: int) -> dict[str, tuple[int, int]]:
        """Per party in a phase: (participants who sent a card, cards on the wall)."""
        return _cards.senders(self._r, phase_id)

    def waiting(self, phase_id: int) -> int:
        return _cards.waiting(self._r, phase_id)

    def merged_counts(self, workshop_id: int) -> dict[int, int]:
        return _cards.merged_counts(self._r, workshop_id)

    def card_languages(self, workshop_id: int) -> dict[str, int]:
        return _cards.languages(self._r, workshop_id)

    def participant_by_token(self, workshop_id: int, token: str) -> Participant | None:
        return _participants.by_token(self._r, workshop_id, token)

    def agreements(self, workshop_id: int) -> list[Agreement]:
        return _agreements.of_workshop(self._r, workshop_id)

    def focus_areas(self, workshop_id: int) -> list[FocusArea]:
        return grouping.focus_areas(self._r, workshop_id)

    def grouping_snapshot(self, workshop_id: int) -> grouping.Snapshot:
        return grouping.snapshot(self._r, workshop_id)

    def vote_options(self, phase_id: int) -> list[VoteOption]:
        return _votes.options(self._r, phase_id)

    def vote_results(self, phase_id: int) -> list[OptionResult]:
        """Options by dots, most first; options with equal dots share a rank."""
        return _votes.results(self._r, phase_id)

    def voters(self, phase_id: int) -> dict[str, int]:
        return _votes.voters(self._r, phase_id)

    def my_votes(self, participant: Participant, phase_id: int) -> dict[int, int]:
        return _votes.mine(self._r, participant, phase_id)

    def ratings(self, phase_id: int) -> dict[str, list[int]]:
        return _votes.ratings(self._r, phase_id)

    def my_rating(self, participant: Participant, phase_id: int) -> int | None:
        return _votes.my_rating(self._r, participant, phase_id)

    def actions(self, workshop_id: int) -> list[Action]:
        return _actions.of_workshop(self._r, workshop_id)

    def action_history(self, action_id: int) -> list[tuple[str, str, float]]:
        return _actions.history(self._r, action_id)

    # -- a workshop as a whole ---------------------------------------------------------------

    def dump(self, workshop_id: int) -> dict[str, Any]:
        """The complete workshop as a JSON-ready document (see store/portable.py)."""
        from facilitator.store import portable  # sqlite-utils: 0.2 s of imports, not at start-up

        return portable.dump(self._r, workshop_id)

    def load(self, document: dict[str, Any]) -> Workshop:
        from facilitator.store import portable

        workshop_id = self.write(portable.load, document)
        ws = self.workshop(workshop_id)
        assert ws is not None
        return ws

    def create_workshop(
        self,
        template_key: str,
        *,
        title: str,
        municipality: str = "",
        date: str = "",
        place: str = "",
        code: str | None = None,
        limits: Limits | None = None,
    ) -> Workshop:
        """Create a workshop from a template; raises KeyError for an unknown template."""
        limits = limits or Limits.from_env()
        workshop_id = self.write(
            _workshops.create_workshop,
            templates.get(template_key),
            title=title,
            municipality=municipality,
            date=date,
            place=place,
            code=code,
            anonymity_limit=limits.anonymity_limit,
            text_max=limits.text_max,
            dots=limits.dots,
        )
        ws = self.workshop(workshop_id)
        assert ws is not None
        return ws

    def create_follow_up(
        self, previous_id: int, template_key: str, *, title: str, date: str = "", place: str = ""
    ) -> Workshop:
        """The next meeting in `previous_id`'s series, starting with its open actions."""
        workshop_id = self.write(
            _workshops.follow_up,
            previous_id,
            templates.get(template_key),
            title=title,
            date=date,
            place=place,
        )
        ws = self.workshop(workshop_id)
        assert ws is not None
        return ws

    # -- conveniences for callers that speak in phase numbers ----------------------------

    def open_phase(self, workshop_id: int, position: int) -> int | None:
        result = self.write(_phases.set_phase, workshop_id, position, PhaseStatus.OPEN)
        self.backup(f"ws{workshop_id}-fase{position}")
        return result

    def close_phase(self, workshop_id: int) -> int | None:
        state = self.state(workshop_id)
        current = state.current_phase
        if current is None:
            return None
        result = self.write(_phases.set_phase, workshop_id, current.position, PhaseStatus.CLOSED)
        self.backup(f"ws{workshop_id}-fase{current.position}-lukket")
        return result

    def step_phase(self, workshop_id: int, step: int) -> int | None:
        """Open the next (+1) or previous (-1) phase; past either end, none is current."""
        target = _phases.step_target(self.state(workshop_id), step)
        if target is None:
            return None
        if target == _phases.PAST_THE_END:
            result = self.write(_phases.set_phase, workshop_id, None, PhaseStatus.CLOSED)
            self.backup(f"ws{workshop_id}-slutt")
            return result
        return self.open_phase(workshop_id, target)

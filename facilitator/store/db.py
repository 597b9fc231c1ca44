"""The Store: the only object that opens the SQLite file.

Writes go through one connection under one lock (SQLite has one writer
anyway); reads use a connection per thread, which WAL lets run beside a write.
Every commit is durable (`synchronous=FULL`) before its events are published.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
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
from facilitator.store import (
    cardbatch,
    facilitation,
    filecheck,
    filelock,
    grouping,
    ops,
    portable,
    rows,
)
from facilitator.store.maintenance import Upkeep
from facilitator.store.schema import migrate

T = TypeVar("T")
# The `+` keeps the workshop term from choosing an index (see poll_external).
WATCH_CARDS = f"SELECT {rows.CARD_COLUMNS} FROM card WHERE id > ? AND +workshop_id = ? ORDER BY id"
Op = Callable[..., ops.Outcome[Any]]


def connect(path: Path, busy_timeout: float = 10.0) -> sqlite3.Connection:
    conn = sqlite3.connect(
        path, isolation_level=None, timeout=busy_timeout, check_same_thread=False
    )
    conn.execute("PRAGMA journal_mode = WAL")
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
        self._watch_conn: sqlite3.Connection | None = None
        self._watch_version: int | None = None
        self._watched: dict[int, tuple[int | None, str | None]] = {}
        self._watched_status: dict[int, str] = {}  # `trepart close` in a shell closes it
        self._seen_card: dict[int, int] = {}
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
        for conn in (*self._readers, self._wconn, self._watch_conn):
            if conn is not None:
                conn.close()
        self._readers.clear()
        self.lock.release()

    def claim(self) -> None:
        """The exclusive lock for restore and delete: FileInUse if another process has the
        file open (a running `trepart serve`, the app)."""
        self.lock.exclusive()

    # -- writes --------------------------------------------------------------------------

    def write(self, op: Callable[..., ops.Outcome[T]], *args: Any, **kwargs: Any) -> T:
        """Run one operation in its own durable transaction and publish its events.

        A database that cannot commit (locked, read-only, full, corrupt) raises
        StoreUnavailable: a clear failure the caller can show, never a crash.
        """
        with self._wlock:
            conn = self._wconn
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    outcome = op(conn, *args, **kwargs)
                    self._note(outcome.events)
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            except (sqlite3.Error, OSError) as exc:
                problem = self.file_problem(exc) or str(exc)
                self.health(problem)
                raise ops.StoreUnavailable(problem) from exc
        if lost := self.file_problem():
            self.health(lost)
            raise ops.StoreUnavailable(lost)
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
    ) -> list[ops.Outcome[Any] | ops.StoreError]:
        """Run many operations in one transaction: one fsync for the whole group.

        An operation refused by the workshop's rules is rolled back alone (a
        savepoint) and returned as its error; a run of cards is checked and inserted together
        (cardbatch.py), each refused card returned as its error; a failing commit raises, and then
        nothing of the batch was stored.
        """
        results: list[ops.Outcome[Any] | ops.StoreError] = []
        with self._wlock:
            conn = self._wconn
            conn.execute("BEGIN IMMEDIATE")
            try:
                i = 0
                while i < len(calls):
                    op, args = calls[i]
                    if op is ops.add_card:  # a run of cards: one query each, not one per card
                        end = i
                        while end < len(calls) and calls[end][0] is ops.add_card:
                            end += 1
                        for result in cardbatch.add_cards(conn, [a for _, a in calls[i:end]]):
                            if isinstance(result, ops.Outcome):
                                self._note(result.events)
                            results.append(result)
                        i = end
                        continue
                    conn.execute("SAVEPOINT op")
                    try:
                        outcome = op(conn, *args)
                    except ops.StoreError as exc:
                        conn.execute("ROLLBACK TO op")
                        results.append(exc)
                    else:
                        self._note(outcome.events)
                        results.append(outcome)
                    conn.execute("RELEASE op")
                    i += 1
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        return results

    def _note(self, events: Iterable[ev.Event]) -> None:
        """Remember what this process wrote, so the file watcher does not announce it again."""
        for event in events:
            if isinstance(event, ev.CardAdded):
                seen = self._seen_card.get(event.workshop_id, 0)
                self._seen_card[event.workshop_id] = max(seen, event.card.id)
            elif isinstance(event, ev.PhaseChanged) and event.workshop_id in self._watched:
                phase = event.phase
                self._watched[event.workshop_id] = (
                    phase.id if phase else None,
                    phase.status.value if phase else None,
                )
            elif isinstance(event, ev.WorkshopChanged) and event.workshop_id in self._watched:
                ws = self.workshop(event.workshop_id)
                if ws is not None:
                    self._watched_status[event.workshop_id] = ws.status.value

    # -- reads ---------------------------------------------------------------------------

    def read(self, query: Callable[..., T], *args: Any) -> T:
        """Run a read function of a store module (minutes, …) on this thread's reader."""
        return query(self._r, *args)

    def list_workshops(self) -> list[Workshop]:
        cur = self._r.execute(f"SELECT {rows.WORKSHOP_COLUMNS} FROM workshop ORDER BY id DESC")
        return [rows.workshop(r) for r in cur]

    def workshop(self, workshop_id: int) -> Workshop | None:
        row = self._r.execute(
            f"SELECT {rows.WORKSHOP_COLUMNS} FROM workshop WHERE id = ?", (workshop_id,)
        ).fetchone()
        return rows.workshop(row) if row else None

    def workshop_by_code(self, code: str) -> Workshop | None:
        row = self._r.execute(
            f"SELECT {rows.WORKSHOP_COLUMNS} FROM workshop WHERE code = ?", (code.upper(),)
        ).fetchone()
        return rows.workshop(row) if row else None

    def resolve(self, ref: str) -> Workshop | None:
        """A workshop by id ("7") or join code ("K7QX3M")."""
        ref = ref.strip()
        return self.workshop(int(ref)) if ref.isdigit() else self.workshop_by_code(ref)

    def state(self, workshop_id: int) -> WorkshopState:
        ws = self.workshop(workshop_id)
        if ws is None:
            raise ops.NotFound(f"workshop {workshop_id}")
        parties = self._r.execute(
            "SELECT key, names, color, position, seats FROM party WHERE workshop_id = ? "
            "ORDER BY position",
            (workshop_id,),
        )
        phases = self._r.execute(
            f"SELECT {rows.PHASE_COLUMNS} FROM phase WHERE workshop_id = ? ORDER BY position",
            (workshop_id,),
        )
        return WorkshopState(
            ws, tuple(rows.party(r) for r in parties), tuple(rows.phase(r) for r in phases)
        )

    def cards(
        self, workshop_id: int, phase_id: int | None = None, *, after_id: int = 0
    ) -> list[Card]:
        sql = f"SELECT {rows.CARD_COLUMNS} FROM card WHERE workshop_id = ? AND id > ?"
        params: list[Any] = [workshop_id, after_id]
        if phase_id is not None:
            sql += " AND phase_id = ?"
            params.append(phase_id)
        return [rows.card(r) for r in self._r.execute(sql + " ORDER BY id", params)]

    def cards_of(self, participant: Participant, phase_id: int) -> list[Card]:
        cur = self._r.execute(
            f"SELECT {rows.CARD_COLUMNS} FROM card WHERE participant_id = ? AND phase_id = ? "
            "ORDER BY id",
            (participant.id, phase_id),
        )
        return [rows.card(r) for r in cur]

    def tallies(self, workshop_id: int) -> list[PartyTally]:
        parties = [
            rows.party(r)
            for r in self._r.execute(
                "SELECT key, names, color, position, seats FROM party WHERE workshop_id = ? ORDER BY position",
                (workshop_id,),
            )
        ]
        joined = dict(
            self._r.execute(
                "SELECT party_key, COUNT(*) FROM participant WHERE workshop_id = ? GROUP BY 1",
                (workshop_id,),
            ).fetchall()
        )
        cards = dict(
            self._r.execute(
                "SELECT party_key, COUNT(*) FROM card WHERE workshop_id = ? AND hidden = 0 "
                "GROUP BY 1",
                (workshop_id,),
            ).fetchall()
        )
        return [PartyTally(p, joined.get(p.key, 0), cards.get(p.key, 0)) for p in parties]

    def senders(self, phase_id: int) -> dict[str, tuple[int, int]]:
        """Per party in a phase: (participants who sent a card, cards on the wall).

        What the anonymity rule counts: people who took part (hidden and held cards don't count;
        a merged-away duplicate's sender does; paper cards count nobody), not phones that joined."""
        cur = self._r.execute(
            "SELECT party_key, COUNT(DISTINCT participant_id), "
            "SUM(merged_into IS NULL) FROM card "
            "WHERE phase_id = ? AND hidden = 0 AND pending = 0 GROUP BY 1",
            (phase_id,),
        )
        return {party: (people, cards) for party, people, cards in cur}

    def waiting(self, phase_id: int) -> int:
        """Cards held for the facilitator's approval in a phase."""
        return int(
            self._r.execute(
                "SELECT COUNT(*) FROM card WHERE phase_id = ? AND pending = 1 AND hidden = 0",
                (phase_id,),
            ).fetchone()[0]
        )

    def agreements(self, workshop_id: int) -> list[Agreement]:
        cur = self._r.execute(
            "SELECT id, workshop_id, phase_id, text FROM agreement WHERE workshop_id = ? ORDER BY id",
            (workshop_id,),
        )
        return [Agreement(*r) for r in cur]

    def merged_counts(self, workshop_id: int) -> dict[int, int]:
        """For each card that others were merged into: how many duplicates it stands for."""
        return facilitation.merged_counts(self._r, workshop_id)

    # -- focus areas, votes, pulse, actions ---------------------------------------------------

    def focus_areas(self, workshop_id: int) -> list[FocusArea]:
        cur = self._r.execute(
            f"SELECT {rows.FOCUS_AREA_COLUMNS} FROM focus_area WHERE workshop_id = ? ORDER BY position",
            (workshop_id,),
        )
        return [rows.focus_area(r) for r in cur]

    def dump(self, workshop_id: int) -> dict[str, Any]:
        """The complete workshop as a JSON-ready document (see store/portable.py)."""
        return portable.dump(self._r, workshop_id)

    def load(self, document: dict[str, Any]) -> Workshop:
        workshop_id = self.write(portable.load, document)
        ws = self.workshop(workshop_id)
        assert ws is not None
        return ws

    def grouping_snapshot(self, workshop_id: int) -> grouping.Snapshot:
        return grouping.snapshot(self._r, workshop_id)

    def vote_options(self, phase_id: int) -> list[VoteOption]:
        cur = self._r.execute(
            "SELECT id, phase_id, label, position, focus_area_id FROM vote_option "
            "WHERE phase_id = ? ORDER BY position",
            (phase_id,),
        )
        return [VoteOption(*r) for r in cur]

    def vote_results(self, phase_id: int) -> list[OptionResult]:
        """Options by dots, most first; options with equal dots share a rank."""
        totals: dict[int, dict[str, int]] = {}
        for option_id, party, dots in self._r.execute(
            "SELECT v.option_id, v.party_key, SUM(v.dots) FROM vote v "
            "JOIN vote_option o ON o.id = v.option_id WHERE o.phase_id = ? GROUP BY 1, 2",
            (phase_id,),
        ):
            totals.setdefault(option_id, {})[party] = dots
        options = self.vote_options(phase_id)
        ordered = sorted(options, key=lambda o: (-sum(totals.get(o.id, {}).values()), o.position))
        results: list[OptionResult] = []
        for index, option in enumerate(ordered):
            dots = sum(totals.get(option.id, {}).values())
            tied = results and results[-1].dots == dots
            rank = results[-1].rank if tied else index + 1
            results.append(OptionResult(option, dots, totals.get(option.id, {}), rank))
        return results

    def voters(self, phase_id: int) -> dict[str, int]:
        """How many phones of each party have put dots in this vote (proxy dots not counted)."""
        cur = self._r.execute(
            "SELECT v.party_key, COUNT(DISTINCT v.participant_id) FROM vote v "
            "JOIN vote_option o ON o.id = v.option_id WHERE o.phase_id = ? AND v.participant_id "
            "IS NOT NULL GROUP BY 1",
            (phase_id,),
        )
        return dict(cur.fetchall())

    def my_votes(self, participant: Participant, phase_id: int) -> dict[int, int]:
        cur = self._r.execute(
            "SELECT v.option_id, v.dots FROM vote v JOIN vote_option o ON o.id = v.option_id "
            "WHERE o.phase_id = ? AND v.participant_id = ?",
            (phase_id, participant.id),
        )
        return dict(cur.fetchall())

    def ratings(self, phase_id: int) -> dict[str, list[int]]:
        """Per party, how many answered 1, 2, 3, 4 and 5."""
        counts: dict[str, list[int]] = {}
        for party, value, n in self._r.execute(
            "SELECT party_key, value, COUNT(*) FROM rating WHERE phase_id = ? GROUP BY 1, 2",
            (phase_id,),
        ):
            counts.setdefault(party, [0] * 5)[value - 1] = n
        return counts

    def my_rating(self, participant: Participant, phase_id: int) -> int | None:
        row = self._r.execute(
            "SELECT value FROM rating WHERE phase_id = ? AND participant_id = ?",
            (phase_id, participant.id),
        ).fetchone()
        return int(row[0]) if row else None

    def actions(self, workshop_id: int) -> list[Action]:
        cur = self._r.execute(
            f"SELECT {rows.ACTION_COLUMNS} FROM action WHERE workshop_id = ? ORDER BY id",
            (workshop_id,),
        )
        return [rows.action(r) for r in cur]

    def action_history(self, action_id: int) -> list[tuple[str, str, float]]:
        """(status, note, when) for every change of an action and of the actions it carries on."""
        ids = [action_id]
        while True:
            row = self._r.execute(
                "SELECT carried_from FROM action WHERE id = ?", (ids[-1],)
            ).fetchone()
            if row is None or row[0] is None:
                break
            ids.append(row[0])
        marks = ",".join("?" * len(ids))
        cur = self._r.execute(
            f"SELECT status, note, changed_at FROM action_history WHERE action_id IN ({marks}) "
            "ORDER BY changed_at, id",
            ids,
        )
        return [tuple(r) for r in cur]

    def open_actions_by_series(self) -> dict[str, int]:
        """For the home screen: open actions in the latest meeting of each series."""
        cur = self._r.execute(
            "SELECT w.series, COUNT(a.id) FROM workshop w LEFT JOIN action a ON a.workshop_id = w.id "
            "AND a.status IN ('ikke_startet', 'pagar') WHERE w.series != '' AND w.id = "
            "(SELECT MAX(id) FROM workshop x WHERE x.series = w.series) GROUP BY 1"
        )
        return dict(cur.fetchall())

    def card_languages(self, workshop_id: int) -> dict[str, int]:
        """How many of the workshop's cards came from phones in each language."""
        cur = self._r.execute(
            "SELECT p.lang, COUNT(*) FROM card c JOIN participant p ON p.id = c.participant_id "
            "WHERE c.workshop_id = ? GROUP BY 1",
            (workshop_id,),
        )
        return dict(cur.fetchall())

    def participant_by_token(self, workshop_id: int, token: str) -> Participant | None:
        row = self._r.execute(
            "SELECT id, workshop_id, party_key, lang FROM participant "
            "WHERE token_hash = ? AND workshop_id = ?",
            (ops.hash_token(token), workshop_id),
        ).fetchone()
        return rows.participant(row) if row else None

    # -- watching for other processes ----------------------------------------------------

    def watch(self, workshop_id: int) -> None:
        """Start noticing changes that another process (`trepart phase`) makes to a workshop."""
        if workshop_id in self._watched:
            return
        ws = self.workshop(workshop_id)
        if ws is None:
            return
        phase = self.state(workshop_id).current_phase
        self._watched_status[workshop_id] = ws.status.value
        self._watched[workshop_id] = (
            phase.id if phase else None,
            phase.status.value if phase else None,
        )
        # The newest card of any workshop: no card of this one can come after it unseen, and
        # MAX over the rowid is one step down the table's B-tree however many cards it holds.
        last = self._r.execute("SELECT COALESCE(MAX(id), 0) FROM card").fetchone()[0]
        self._seen_card[workshop_id] = max(self._seen_card.get(workshop_id, 0), last)

    def poll_external(self) -> None:
        """Publish what other processes committed since the last call.

        `PRAGMA data_version` only changes when the file changed, so an idle
        poll costs one pragma and no query.
        """
        if self._watch_conn is None:
            self._watch_conn = connect(self.path)
        version = self._watch_conn.execute("PRAGMA data_version").fetchone()[0]
        if version == self._watch_version:
            return
        self._watch_version = version
        found: list[ev.Event] = []
        for workshop_id, known in list(self._watched.items()):
            row = self._watch_conn.execute(
                "SELECT w.current_phase_id, p.status, w.status FROM workshop w "
                "LEFT JOIN phase p ON p.id = w.current_phase_id WHERE w.id = ?",
                (workshop_id,),
            ).fetchone()
            if row is None:
                continue
            if (row[0], row[1]) != known:
                self._watched[workshop_id] = (row[0], row[1])
                phase = None
                if row[0] is not None:
                    phase = rows.phase(
                        self._watch_conn.execute(
                            f"SELECT {rows.PHASE_COLUMNS} FROM phase WHERE id = ?", (row[0],)
                        ).fetchone()
                    )
                found.append(ev.PhaseChanged(workshop_id, phase))
            if row[2] != self._watched_status.get(workshop_id):
                self._watched_status[workshop_id] = row[2]
                found.append(ev.WorkshopChanged(workshop_id))  # closed (or reopened) elsewhere
            seen = self._seen_card.get(workshop_id, 0)
            # A range of the rowid, filtered: it reads only the cards that came since the last
            # poll. Offered `workshop_id = ?` as a term, SQLite walks the (workshop_id, client_id)
            # index and sorts every card of the workshop: 86 ms a poll at 200,000 cards.
            cur = self._watch_conn.execute(WATCH_CARDS, (seen, workshop_id))
            for r in cur:
                card = rows.card(r)
                self._seen_card[workshop_id] = max(self._seen_card.get(workshop_id, 0), card.id)
                found.append(ev.CardAdded(workshop_id, card))
        self.bus.publish(*found)

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
            ops.create_workshop,
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
        from facilitator.store import decisions

        workshop_id = self.write(
            decisions.follow_up,
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
        result = self.write(ops.set_phase, workshop_id, position, PhaseStatus.OPEN)
        self.backup(f"ws{workshop_id}-fase{position}")
        return result

    def close_phase(self, workshop_id: int) -> int | None:
        state = self.state(workshop_id)
        current = state.current_phase
        if current is None:
            return None
        result = self.write(ops.set_phase, workshop_id, current.position, PhaseStatus.CLOSED)
        self.backup(f"ws{workshop_id}-fase{current.position}-lukket")
        return result

    def step_phase(self, workshop_id: int, step: int) -> int | None:
        """Open the next (+1) or previous (-1) phase; past either end, none is current."""
        state = self.state(workshop_id)
        current = state.current_phase
        positions = [p.position for p in state.phases]
        if current is None:
            # Before the first phase "next" starts; after the last "previous" resumes the end.
            started = [p for p in state.phases if p.status is not PhaseStatus.PENDING]
            if step > 0 and not started:
                return self.open_phase(workshop_id, positions[0])
            if step < 0 and started:
                return self.open_phase(workshop_id, started[-1].position)
            return None
        index = positions.index(current.position) + step
        if index < 0:
            return self.open_phase(workshop_id, current.position)
        if index >= len(positions):
            result = self.write(ops.set_phase, workshop_id, None, PhaseStatus.CLOSED)
            self.backup(f"ws{workshop_id}-slutt")
            return result
        return self.open_phase(workshop_id, positions[index])

"""The store on a real SQLite file: schema, durability settings, idempotency, phases."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from facilitator import events as ev
from facilitator.model import Participant, PhaseStatus, Workshop
from facilitator.store import GroupCommitWriter, PhaseNotOpen, Store, StoreUnavailable
from facilitator.store.cards import add_card
from facilitator.store.errors import Conflict
from facilitator.store.participants import add_participant
from facilitator.store.schema import SCHEMA_VERSION


def test_a_new_file_is_migrated_to_the_current_schema(db_path: Path) -> None:
    Store(db_path).close()
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"workshop", "party", "phase", "participant", "card"} <= tables
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_two_stores_migrating_one_new_file_at_once_both_get_it_whole(db_path: Path) -> None:
    # The projector and `trepart serve` started together on a file that does not exist yet:
    # each migration checks the version under the write lock, so neither runs one twice.
    import threading

    from facilitator.store.db import connect
    from facilitator.store.schema import migrate

    start = threading.Barrier(3)
    errors: list[BaseException] = []

    def opener() -> None:
        conn = connect(db_path, 10.0)
        try:
            start.wait()
            migrate(conn)
        except BaseException as error:  # reported by the assertion below
            errors.append(error)
        finally:
            conn.close()

    threads = [threading.Thread(target=opener) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_every_connection_commits_with_synchronous_full(store: Store) -> None:
    assert store._wconn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_a_file_from_a_newer_trepart_is_refused(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(RuntimeError, match="nyere Trepart"):
        Store(db_path)


def test_reopening_keeps_workshops_and_their_phase(db_path: Path) -> None:
    first = Store(db_path)
    ws = first.create_workshop("tana-oppstart", title="Tana")
    first.open_phase(ws.id, 2)
    first.close()
    again = Store(db_path)
    state = again.state(ws.id)
    assert state.current_phase is not None
    assert (state.current_phase.position, state.current_phase.status) == (2, PhaseStatus.OPEN)
    again.close()


def participant(store: Store, ws_id: int, party: str = "ansatte") -> Participant:
    who, _token = store.write(add_participant, ws_id, party, "nb")
    return who


def test_the_same_client_id_returns_the_first_card(store: Store) -> None:
    ws = store.create_workshop("tana-oppstart", title="Tana")
    store.open_phase(ws.id, 2)
    who = participant(store, ws.id)
    card, created = store.write(add_card, who, "a1", "Turnus")
    again, created_again = store.write(add_card, who, "a1", "Turnus")
    assert (created, created_again) == (True, False)
    assert again.id == card.id
    assert len(store.cards(ws.id)) == 1


def test_cards_need_an_open_collect_phase(store: Store) -> None:
    ws = store.create_workshop("tana-oppstart", title="Tana")
    who = participant(store, ws.id)
    with pytest.raises(PhaseNotOpen):
        store.write(add_card, who, "a1", "Før start")
    store.open_phase(ws.id, 1)  # an info phase
    with pytest.raises(PhaseNotOpen):
        store.write(add_card, who, "a2", "Under velkomst")
    assert store.cards(ws.id) == []


def test_tokens_are_stored_only_as_hashes(store: Store, db_path: Path) -> None:
    ws = store.create_workshop("tana-oppstart", title="Tana")
    _who, token = store.write(add_participant, ws.id, "ansatte", "nb")
    raw = db_path.read_bytes() + (
        db_path.with_name(db_path.name + "-wal").read_bytes()
        if db_path.with_name(db_path.name + "-wal").exists()
        else b""
    )
    assert token.encode() not in raw
    assert store.participant_by_token(ws.id, token) is not None


def test_next_and_previous_walk_the_agenda(store: Store) -> None:
    ws = store.create_workshop("tana-oppstart", title="Tana")
    positions = []
    for _ in range(3):
        store.step_phase(ws.id, 1)
        current = store.state(ws.id).current_phase
        assert current is not None
        positions.append(current.position)
    store.step_phase(ws.id, -1)
    state = store.state(ws.id)
    assert positions == [1, 2, 3]
    assert state.current_phase is not None and state.current_phase.position == 2
    open_phases = [p.position for p in state.phases if p.status is PhaseStatus.OPEN]
    assert open_phases == [2], "only one phase is open at a time"


def test_next_past_the_last_phase_closes_it(store: Store) -> None:
    ws = store.create_workshop("infomote", title="Info")
    last = len(store.state(ws.id).phases)
    store.open_phase(ws.id, last)
    store.step_phase(ws.id, 1)
    state = store.state(ws.id)
    assert state.current_phase is None
    assert state.phases[-1].status is PhaseStatus.CLOSED


async def test_group_commit_answers_each_request_and_isolates_refusals(store: Store) -> None:
    ws = store.create_workshop("tana-oppstart", title="Tana")
    store.open_phase(ws.id, 2)
    who = participant(store, ws.id)
    seen: list[ev.Event] = []
    store.bus.bind(asyncio.get_running_loop())
    store.bus.subscribe(seen.append)
    writer = GroupCommitWriter(store)
    writer.start()
    try:
        stranger = Participant(id=999, workshop_id=ws.id, party_key="ansatte", lang="nb")
        results = await asyncio.gather(
            *(writer(add_card, who, f"id-{i}", f"kort {i}") for i in range(50)),
            writer(add_card, stranger, "id-3", "stjålet id"),
            return_exceptions=True,
        )
    finally:
        writer.stop()
    assert sum(1 for r in results if isinstance(r, tuple) and r[1]) == 50
    assert isinstance(results[-1], Conflict)
    assert len(store.cards(ws.id)) == 50
    assert sum(isinstance(e, ev.CardAdded) for e in seen) == 50


def test_another_process_changing_the_phase_is_noticed(db_path: Path) -> None:
    app_side = Store(db_path)
    ws = app_side.create_workshop("tana-oppstart", title="Tana")
    app_side.watcher.watch(ws.id)
    seen: list[ev.Event] = []
    app_side.bus.subscribe(seen.append)
    app_side.watcher.poll()
    cli_side = Store(db_path)
    cli_side.open_phase(ws.id, 2)
    cli_side.close()
    app_side.watcher.poll()
    changes = [e for e in seen if isinstance(e, ev.PhaseChanged)]
    assert len(changes) == 1
    assert changes[0].phase is not None and changes[0].phase.position == 2
    app_side.watcher.poll()
    assert len([e for e in seen if isinstance(e, ev.PhaseChanged)]) == 1, "announced once"
    app_side.close()


def test_a_withdrawn_cards_id_is_never_given_again(store: Store) -> None:
    """A phone fixing a typo withdraws its newest card and sends it again: a process that saw
    the first id (the app beside the phones' process) must be able to tell the new card by it.
    Each way a card is made: one by one, in a group commit (cardbatch), from paper."""
    from facilitator.store.cards import paper_card, withdraw_card

    ws = store.create_workshop("tana-oppstart", title="Tana")
    store.open_phase(ws.id, 2)
    who = participant(store, ws.id)
    first, _ = store.write(add_card, who, "a", "Skrivefiel")
    store.write(withdraw_card, who, "a")
    again, _ = store.write(add_card, who, "b", "Skrivefeil rettet")
    assert again.id > first.id
    store.write(withdraw_card, who, "b")
    [grouped] = store.write_batch([(add_card, (who, "c", "I en gruppe"))])
    assert not isinstance(grouped, Exception)
    assert grouped.value[0].id > again.id
    store.write(withdraw_card, who, "c")
    phase_id = store.state(ws.id).current_phase.id  # type: ignore[union-attr]
    paper = store.write(paper_card, ws.id, phase_id, "ansatte", "Fra papir")
    assert paper.id > grouped.value[0].id


def watching(db_path: Path) -> tuple[Store, Workshop, list[ev.Event]]:
    """The app's side of a file: a workshop in its challenges, watched, and what its bus hears."""
    app_side = Store(db_path)
    ws = app_side.create_workshop("tana-oppstart", title="Tana")
    app_side.open_phase(ws.id, 2)
    app_side.watcher.watch(ws.id)
    seen: list[ev.Event] = []
    app_side.bus.subscribe(seen.append)
    app_side.watcher.poll()
    return app_side, ws, seen


def test_the_watcher_never_skips_anothers_card_for_its_own(db_path: Path) -> None:
    """The phones' process commits a card; the app writes a paper card before it has polled:
    the poll still announces the phone's card, and not the app's own."""
    from facilitator.store.cards import paper_card

    app_side, ws, seen = watching(db_path)
    phones = Store(db_path)
    phones.write(add_card, participant(phones, ws.id), "p", "Fra telefonen")
    phase_id = app_side.state(ws.id).current_phase.id  # type: ignore[union-attr]
    app_side.write(paper_card, ws.id, phase_id, "ansatte", "Fra papir")
    app_side.watcher.poll()
    phones.close()
    added = [e.card.text for e in seen if isinstance(e, ev.CardAdded)]
    assert added == ["Fra papir", "Fra telefonen"]  # its own at the write, the phone's by the poll
    app_side.close()


def test_a_phase_closed_and_opened_again_between_polls_is_announced(db_path: Path) -> None:
    app_side, ws, seen = watching(db_path)
    shell = Store(db_path)
    shell.step_phase(ws.id, 1)
    shell.step_phase(ws.id, -1)  # back where it was: the same phase, open, but opened anew
    shell.close()
    app_side.watcher.poll()
    changes = [e for e in seen if isinstance(e, ev.PhaseChanged)]
    assert len(changes) == 1 and changes[0].phase is not None
    assert changes[0].phase.position == 2
    app_side.close()


def test_a_card_of_a_transaction_that_rolled_back_does_not_hide_the_next_one(
    db_path: Path,
) -> None:
    """The app's write fails after its card was noted (a full disk at COMMIT): the id comes
    round again, and the phones' process's card that gets it must still reach the projector."""
    from facilitator.store.cards import paper_card

    app_side, ws, seen = watching(db_path)
    phase_id = app_side.state(ws.id).current_phase.id  # type: ignore[union-attr]

    def paper_that_fails_at_commit(conn: sqlite3.Connection) -> object:
        outcome = paper_card(conn, ws.id, phase_id, "ansatte", "Aldri lagret")
        # A constraint checked only at COMMIT stands in for the disk that fills up there.
        conn.execute("PRAGMA defer_foreign_keys = ON")
        conn.execute("UPDATE card SET participant_id = 999999 WHERE id = ?", (outcome.value.id,))
        return outcome

    with pytest.raises(StoreUnavailable):
        app_side.write(paper_that_fails_at_commit)
    phones = Store(db_path)
    phones.write(add_card, participant(phones, ws.id), "p", "Fra telefonen")
    phones.close()
    app_side.watcher.poll()
    assert [e.card.text for e in seen if isinstance(e, ev.CardAdded)] == ["Fra telefonen"]
    app_side.close()


def test_a_file_whose_version_was_set_back_by_hand_opens_again(db_path: Path) -> None:
    store = Store(db_path)
    ws = store.create_workshop("tana-oppstart", title="Tana")
    store.close()
    for version in (9, 8):
        conn = sqlite3.connect(db_path)
        conn.execute(f"PRAGMA user_version = {version}")
        conn.close()
        again = Store(db_path)  # the migrations from there on run a second time
        assert again.workshop(ws.id) is not None
        again.close()


def test_connections_racing_to_a_new_file_all_open_it(tmp_path: Path) -> None:
    """Switching a new file to WAL answers "locked" at once to a connection that comes in
    between, without the busy timeout's wait (2 rounds in 60 failed so before)."""
    import threading

    from facilitator.store.db import connect

    failed: list[BaseException] = []
    for round_ in range(60):
        db = tmp_path / f"ny{round_}.sqlite"
        start = threading.Barrier(4)

        def opener(db: Path = db, start: threading.Barrier = start) -> None:
            start.wait()
            try:
                connect(db, 5.0).close()
            except BaseException as error:  # reported by the assertion below
                failed.append(error)

        threads = [threading.Thread(target=opener) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    assert failed == []

"""When the file fails, the room keeps going: clear 503s, recovery, backups, closing and deleting."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient

from facilitator import events as ev
from facilitator.server import create_web_app
from facilitator.settings import Limits
from facilitator.store import Store, StoreUnavailable
from facilitator.store.cards import add_card
from facilitator.store.participants import add_participant
from facilitator.store.workshops import close_workshop
from tests.conftest import CHALLENGES, join, new_id


@pytest.fixture
def quick_store(db_path: Path) -> Store:
    """A store that gives up on a lock after a fifth of a second, so the test need not wait."""
    s = Store(db_path, busy_timeout=0.2)
    yield s  # type: ignore[misc]
    s.close()


async def submit(client: TestClient, code: str, auth: dict[str, str], text: str):  # type: ignore[no-untyped-def]
    return await client.post(
        f"/api/v1/w/{code}/submissions", headers=auth, json={"id": new_id(), "text": text}
    )


async def test_a_locked_database_gives_phones_a_clear_503_and_recovers(
    aiohttp_client, quick_store: Store, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    ws = quick_store.create_workshop("tana-oppstart", title="Låst")
    quick_store.open_phase(ws.id, CHALLENGES)
    health: list[ev.Event] = []
    quick_store.bus.subscribe(
        lambda e: health.append(e) if isinstance(e, ev.StorageHealth) else None
    )
    client = await aiohttp_client(create_web_app(quick_store, limits=Limits()))
    auth = await join(client, ws.code)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # e.g. a backup tool holding the file
    resp = await submit(client, ws.code, auth, "Under låsen")
    assert resp.status == 503
    body = await resp.json()
    assert body["error"]["code"] == "unavailable" and "Prøv igjen" in body["error"]["message"]
    other.execute("ROLLBACK")
    other.close()
    assert (await submit(client, ws.code, auth, "Etter låsen")).status == 201
    assert [c.text for c in quick_store.cards(ws.id)] == ["Etter låsen"]
    assert [e.problem is None for e in health] == [False, True]  # failing, then working again


async def test_a_full_disk_refuses_cleanly_and_recovers(aiohttp_client, store: Store) -> None:  # type: ignore[no-untyped-def]
    ws = store.create_workshop("tana-oppstart", title="Full disk")
    store.open_phase(ws.id, CHALLENGES)
    client = await aiohttp_client(create_web_app(store, limits=Limits(rate_limits_on=False)))
    auth = await join(client, ws.code)
    pages = store._wconn.execute("PRAGMA page_count").fetchone()[0]
    store._wconn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now "full"
    statuses = [(await submit(client, ws.code, auth, "x" * 400)).status for _ in range(30)]
    assert 503 in statuses and 500 not in statuses
    assert len(store.cards(ws.id)) == statuses.count(201), (
        "exactly the acknowledged cards are stored"
    )
    store._wconn.execute("PRAGMA max_page_count = 1073741823")
    assert (await submit(client, ws.code, auth, "Plass igjen")).status == 201
    assert store.cards(ws.id)[-1].text == "Plass igjen"


def test_the_tui_facilitator_sees_a_failing_write_as_a_message(store: Store) -> None:
    ws = store.create_workshop("tana-oppstart", title="Feil")
    store._wconn.execute("PRAGMA query_only = ON")  # a read-only file
    with pytest.raises(StoreUnavailable):
        store.open_phase(ws.id, 2)
    store._wconn.execute("PRAGMA query_only = OFF")
    store.open_phase(ws.id, 2)
    assert store.state(ws.id).current_phase.position == 2


def trepart(db: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "facilitator", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=60,
        input=stdin,
    )


def test_a_corrupt_file_gets_one_clear_sentence(tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.sqlite"
    corrupt.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    result = trepart(corrupt, "list")
    assert result.returncode == 1
    assert (
        result.stderr.startswith("trepart: Kunne ikke åpne databasen")
        and "Traceback" not in result.stderr
    )


def test_phase_changes_leave_backups_that_restore_an_earlier_state(
    store: Store, db_path: Path
) -> None:
    ws = store.create_workshop("tana-oppstart", title="Backup")
    store.open_phase(ws.id, CHALLENGES)
    who, _ = store.write(add_participant, ws.id, "ansatte", "nb")
    store.write(add_card, who, "a", "Før backup")
    store.open_phase(ws.id, CHALLENGES + 1)  # backup taken here, with the card
    store.write(close_workshop, ws.id)
    backups = store.backups()
    assert 1 <= len(backups) <= Store.KEEP_BACKUPS
    chosen = backups[-1]
    store.close()
    result = trepart(db_path, "restore", str(chosen))
    assert result.returncode == 0, result.stderr
    again = Store(db_path)
    assert [c.text for c in again.cards(ws.id)] == ["Før backup"]
    assert again.workshop(ws.id).status.value == "running"  # the later close is undone
    again.close()


def test_only_the_last_few_backups_are_kept(store: Store) -> None:
    ws = store.create_workshop("tana-oppstart", title="Mange faser")
    for position in range(1, 10):
        store.open_phase(ws.id, position)
    assert len(store.backups()) == Store.KEEP_BACKUPS


def test_delete_removes_the_workshop_from_the_file_and_its_backups(
    store: Store, db_path: Path
) -> None:
    ws = store.create_workshop("tana-oppstart", title="Slettes", code="SLETT2")
    keep = store.create_workshop("tana-oppstart", title="Beholdes", code="BEHOLD")
    store.open_phase(ws.id, CHALLENGES)
    who, _ = store.write(add_participant, ws.id, "ansatte", "nb")
    store.write(add_card, who, "a", "Hemmelig-innspill-42")
    store.open_phase(ws.id, CHALLENGES + 1)
    assert store.backups()
    store.close()
    refused = trepart(db_path, "delete", "SLETT2", stdin="")
    assert refused.returncode == 1 and "--yes" in refused.stderr
    result = trepart(db_path, "delete", "SLETT2", "--yes")
    assert result.returncode == 0, result.stderr
    remaining = Store(db_path)
    assert [w.code for w in remaining.list_workshops()] == [keep.code]
    raw = b"".join(p.read_bytes() for p in db_path.parent.rglob("*.sqlite*"))
    assert b"Hemmelig-innspill-42" not in raw
    remaining.close()


async def test_a_closed_workshop_accepts_nothing(
    client: TestClient, store: Store, workshop
) -> None:  # type: ignore[no-untyped-def]
    store.open_phase(workshop.id, CHALLENGES)
    auth = await join(client, workshop.code)
    store.close_workshop(workshop.id)
    assert (await submit(client, workshop.code, auth, "For sent")).status == 409
    joined = await client.post(f"/api/v1/w/{workshop.code}/participants", json={"party": "ansatte"})
    assert joined.status == 409 and (await joined.json())["error"]["code"] == "workshop_closed"
    assert store.cards(workshop.id) == []

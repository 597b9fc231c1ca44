"""Issue 15, cases 4 and 8: backups by sequence, the file replaced or removed under a running
server, and restore/delete while another process has the file open."""

from __future__ import annotations

import asyncio
import itertools
import subprocess
import sys
import time
from pathlib import Path

import pytest

from facilitator.model import Workshop
from facilitator.store import Store


def test_backups_are_kept_by_number_whatever_the_clock_says(
    store: Store, workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = itertools.count(0)
    hour_back = 1_764_600_000 - 3600

    def backwards_ns() -> int:  # each call an hour further back
        return (hour_back - 3600 * next(clock)) * 10**9

    monkeypatch.setattr(time, "time_ns", backwards_ns)
    monkeypatch.setattr(time, "time", lambda: backwards_ns() / 10**9)
    monkeypatch.setattr(time, "strftime", lambda fmt, *args: str(backwards_ns()))
    made = [store.backup(f"nr{i}") for i in range(8)]
    assert all(made)
    kept = store.backups()
    assert len(kept) == Store.KEEP_BACKUPS
    assert [p.name.split("-", 1)[1] for p in kept] == [f"nr{i}.sqlite" for i in range(3, 8)]
    assert kept[-1] == made[-1]  # the newest is never the one deleted


def test_old_time_named_backups_count_as_older(store: Store, workshop: Workshop) -> None:
    folder = store.backup_dir
    folder.mkdir(parents=True, exist_ok=True)
    legacy = folder / "20991231-235959-000000001-ws1-fase2.sqlite"
    legacy.write_bytes(b"")
    newest = store.backup("ny")
    assert newest is not None and store.backups()[-1] == newest
    assert store.backups()[0] == legacy
    assert Path(newest).name.startswith("000001-")


async def _phone(client, code: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    from tests.conftest import join

    return await join(client, code)


async def test_a_removed_database_gets_503_and_nothing_more_is_acknowledged(
    client, store: Store, workshop: Workshop, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import CHALLENGES, new_id

    store.open_phase(workshop.id, CHALLENGES)
    auth = await _phone(client, workshop.code)
    url = f"/api/v1/w/{workshop.code}/submissions"
    assert (
        await client.post(url, json={"id": new_id(), "text": "før"}, headers=auth)
    ).status == 201
    for suffix in ("", "-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    for _ in range(3):
        resp = await client.post(url, json={"id": new_id(), "text": "etter"}, headers=auth)
        assert resp.status == 503
        assert "Lagringen er ikke tilgjengelig" in (await resp.json())["error"]["message"]
    assert store.problem is not None and "borte" in store.problem


async def test_random_bytes_over_the_file_give_503_not_500(
    client, store: Store, workshop: Workshop, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import os

    from tests.conftest import CHALLENGES, new_id

    store.open_phase(workshop.id, CHALLENGES)
    auth = await _phone(client, workshop.code)
    url = f"/api/v1/w/{workshop.code}/submissions"
    assert (
        await client.post(url, json={"id": new_id(), "text": "før"}, headers=auth)
    ).status == 201
    size = db_path.stat().st_size
    with db_path.open("r+b") as file:
        file.write(os.urandom(size))
    resp = await client.post(url, json={"id": new_id(), "text": "etter"}, headers=auth)
    assert resp.status == 503
    for path in (f"/api/v1/w/{workshop.code}/state", f"/j/{workshop.code}"):
        assert (await client.get(path)).status in (200, 503)
    assert store.problem is not None and "skadet" in store.problem


def _trepart(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "facilitator", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


async def test_restore_and_delete_refuse_while_serve_has_the_file_open(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    from tests.functional.serve_helpers import ServeProcess

    store.open_phase(workshop.id, 2)  # leaves a backup to restore
    backup = store.backups()[-1]
    store.close()
    serve = ServeProcess(db_path, workshop.code)
    await serve.start()
    try:
        restored = await asyncio.to_thread(_trepart, db_path, "restore", str(backup))
        assert restored.returncode == 1
        assert (
            "åpen i en annen Trepart" in restored.stderr and "Gjenopprettet" not in restored.stdout
        )
        deleted = await asyncio.to_thread(_trepart, db_path, "delete", workshop.code, "--yes")
        assert deleted.returncode == 1 and "åpen i en annen Trepart" in deleted.stderr
    finally:
        await serve.stop()
    # With the server gone (even by kill -9) the lock is gone too.
    restored = await asyncio.to_thread(_trepart, db_path, "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    check = Store(db_path)
    assert [w.code for w in check.list_workshops()] == [workshop.code]
    check.close()


@pytest.mark.parametrize("command", [["phase", "TANA24", "next"], ["list"]])
def test_another_trepart_process_opening_and_closing_the_file_leaves_it_ours(
    db_path: Path, command: list[str]
) -> None:
    """`trepart phase` in a shell beside the running app (or the phones' process closing) once
    made SQLite delete the -wal under the app: the app's check of the header had dropped its
    POSIX locks, and this check then called the file gone and stopped every acknowledgement."""
    store = Store(db_path)
    ws = store.create_workshop("tana-oppstart", title="Tana", code="TANA24")
    store.open_phase(ws.id, 2)
    assert store.file_problem() is None  # the check reads the header (and ran at each write)
    wal = Path(str(db_path) + "-wal")
    assert wal.exists()
    shell = _trepart(db_path, *command)
    assert shell.returncode == 0, shell.stderr
    assert wal.exists()
    assert store.file_problem() is None
    store.step_phase(ws.id, 1)  # still saved, still acknowledged
    assert store.file_problem() is None
    store.close()

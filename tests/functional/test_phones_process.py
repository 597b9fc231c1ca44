"""The phones' endpoint in a process of its own, as `trepart` and `trepart demo` start it.

The app binds the socket, the child serves it, and each side relays what it wrote to the other
(facilitator/relay.py): these tests drive the real app with Pilot and real phones over HTTP, and
check that everything a phone does reaches the projector, that the facilitator's keys reach the
phones, and that the child is restarted, replaced and ended as the room needs.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import aiohttp
import pytest
from textual.pilot import Pilot

from facilitator.app import TrepartApp
from facilitator.model import Workshop
from facilitator.phones import RESTARTS
from facilitator.store import Store
from tests.conftest import CHALLENGES, new_id
from tests.functional.test_decisions_tui import VOTE, phone_votes
from tests.functional.tui_helpers import make_app, screen_text, until

ROOT = Path(__file__).resolve().parents[2]


async def ready(app: TrepartApp, pilot: Pilot[None]) -> int:
    """Wait (bounded) until the phones' process serves; its pid."""
    assert app.phones is not None, "the endpoint should run in a process of its own"
    async with asyncio.timeout(30):
        await app.phones.ready.wait()
    assert app.phones.proc is not None
    return app.phones.proc.pid


async def join(session: aiohttp.ClientSession, base: str, party: str = "ansatte") -> str:
    async with session.post(f"{base}/participants", json={"party": party}) as resp:
        assert resp.status == 201, await resp.text()
        return str((await resp.json())["token"])


async def send(session: aiohttp.ClientSession, base: str, token: str, text: str) -> str:
    cid = new_id()
    async with session.post(
        f"{base}/submissions",
        json={"id": cid, "text": text},
        headers={"Authorization": f"Bearer {token}"},
    ) as resp:
        assert resp.status == 201, await resp.text()
    return cid


async def withdraw(session: aiohttp.ClientSession, base: str, token: str, cid: str) -> None:
    async with session.delete(
        f"{base}/submissions/{cid}", headers={"Authorization": f"Bearer {token}"}
    ) as resp:
        assert resp.status in (200, 204), await resp.text()


async def taken_over(
    app: TrepartApp, pilot: Pilot[None], port: int, workshop: Workshop, text: str
) -> None:
    """The app serves the phones itself on the same port, has said so, and `text` from a phone
    reaches the wall."""
    await until(pilot, lambda: app.runner is not None, rounds=1000)
    assert app.phones is None and app.port == port
    # (the toast wraps its lines: read it as one)
    await until(pilot, lambda: "Trepart tar imot" in " ".join(screen_text(app).split()))
    base = f"http://127.0.0.1:{port}/api/v1/w/{workshop.code}"
    async with aiohttp.ClientSession() as session:
        token = await join(session, base)
        await send(session, base, token, text)
    await until(pilot, lambda: text in screen_text(app), rounds=500)


def alive(pid: int) -> bool:
    """Running, and not a zombie left for a parent that is gone (PID 1 here may not reap)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:  # no /proc (macOS): os.kill found it, so it runs
        return sys.platform != "linux"


async def test_a_phone_in_the_phones_process_reaches_the_wall_and_leaves_it(
    db_path: Path, workshop: Workshop
) -> None:
    app = make_app(db_path, workshop.id, endpoint="process")
    async with app.run_test(size=(120, 34)) as pilot:
        child = await ready(app, pilot)
        assert child != os.getpid()
        await pilot.press("n", "n")  # the room's challenges
        await until(pilot, lambda: "Utfordringer" in screen_text(app))
        base = f"http://127.0.0.1:{app.port}/api/v1/w/{workshop.code}"
        async with aiohttp.ClientSession() as session:
            token = await join(session, base)
            # A phone joined (the party bar counts it): the relay's event, not the file's.
            await until(pilot, lambda: "1 tlf" in screen_text(app), rounds=500)
            cid = await send(session, base, token, "Turnusen [red]sliter[/red] på folk")
            await until(pilot, lambda: "Turnusen [red]sliter[/red]" in screen_text(app), rounds=500)
            await withdraw(session, base, token, cid)
            # A withdrawal is nothing the file watcher could see: only the relay tells the app.
            await until(pilot, lambda: "Turnusen" not in screen_text(app), rounds=500)


async def test_dots_cast_in_the_phones_process_are_counted_on_the_projector(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    from facilitator.store import grouping

    for label in ("Sykefravær", "Heltidskultur"):
        store.write(grouping.add_focus_area, workshop.id, label)
    store.open_phase(workshop.id, VOTE)
    phase_id = store.state(workshop.id).current_phase.id  # type: ignore[union-attr]
    first = str(store.vote_options(phase_id)[0].id)
    app = make_app(db_path, workshop.id, endpoint="process")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        for party in ("folkevalgte", "administrasjon", "ansatte"):
            await phone_votes(app, workshop.code, party, {first: 3})
        await until(pilot, lambda: "Prikker fra 3 telefoner" in screen_text(app), rounds=500)
        await pilot.press("r")  # reveal
        await until(pilot, lambda: "1." in screen_text(app) and "█" in screen_text(app))


async def test_the_facilitators_key_reaches_a_phones_event_stream(
    db_path: Path, workshop: Workshop
) -> None:
    app = make_app(db_path, workshop.id, endpoint="process")
    async with app.run_test(size=(120, 34)) as pilot:
        await ready(app, pilot)
        base = f"http://127.0.0.1:{app.port}/api/v1/w/{workshop.code}"
        async with aiohttp.ClientSession() as session:
            token = await join(session, base)
            async with session.get(
                f"{base}/events", headers={"Authorization": f"Bearer {token}"}
            ) as stream:
                assert stream.status == 200
                await pilot.press("n")  # the first phase opens on the projector
                async with asyncio.timeout(20):
                    async for raw in stream.content:
                        if raw.startswith(b"data:") and b'"phase"' in raw:
                            phase = json.loads(raw[5:])["phase"]
                            if phase is not None:
                                break
        assert phase["position"] == 1


async def test_a_phones_process_that_dies_is_started_again_on_the_same_port(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    app = make_app(db_path, workshop.id, endpoint="process")
    async with app.run_test(size=(120, 34)) as pilot:
        first = await ready(app, pilot)
        port = app.port
        base = f"http://127.0.0.1:{port}/api/v1/w/{workshop.code}"
        async with aiohttp.ClientSession() as session:
            token = await join(session, base)
            before = await send(session, base, token, "Før krasjet")
            os.kill(first, signal.SIGKILL)
            async with asyncio.timeout(30):
                while (
                    app.phones is not None
                    and app.phones.proc is not None
                    and (app.phones.proc.pid == first or not app.phones.ready.is_set())
                ):
                    await pilot.pause(0.02)
            assert app.phones is not None and app.port == port
            # The phone keeps its token and its address: the socket never closed.
            await send(session, base, token, "Etter krasjet")
            await until(pilot, lambda: "Etter krasjet" in screen_text(app), rounds=500)
        assert "Før krasjet" in screen_text(app)
        assert before in {c.client_id for c in store.cards(workshop.id)}


async def test_when_the_phones_process_keeps_dying_the_app_serves_the_phones_itself(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    app = make_app(db_path, workshop.id, endpoint="process")
    async with app.run_test(size=(120, 34), notifications=True) as pilot:
        port = app.port
        for _ in range(RESTARTS + 1):
            pid = await ready(app, pilot)
            os.kill(pid, signal.SIGKILL)
            async with asyncio.timeout(30):
                while (
                    app.phones is not None
                    and app.phones.proc is not None
                    and (app.phones.proc.pid == pid)
                ):
                    await pilot.pause(0.02)
        await taken_over(app, pilot, port, workshop, "Nå i appen selv")


async def test_a_taken_port_stops_the_app_with_a_sentence(
    db_path: Path, workshop: Workshop
) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        app = TrepartApp(
            db_path,
            workshop_id=workshop.id,
            host="127.0.0.1",
            port=taken.getsockname()[1],
            endpoint="process",
        )
        said: list[object] = []  # what `trepart` prints when the app has closed
        leave = app.exit
        app.exit = lambda *a, **k: (said.append(k.get("message")), leave(*a, **k))[1]  # type: ignore[method-assign]
        async with app.run_test(size=(100, 30)):
            pass
    assert app.phones is None
    assert said and "Kunne ikke starte deltakersiden" in str(said[0])


APP_IN_A_PROCESS = textwrap.dedent(
    """
    import asyncio, sys
    from pathlib import Path
    from facilitator.app import TrepartApp
    from screens.qr_code import QRCode

    async def main():
        app = TrepartApp(Path(sys.argv[1]), workshop_id=int(sys.argv[2]), host="127.0.0.1",
                         port=0, endpoint="process")
        async with app.run_test(size=(100, 30)) as pilot:
            while not app.screen.query(QRCode):
                await pilot.pause(0.01)
            await asyncio.wait_for(app.phones.ready.wait(), 30)
            print(app.phones.proc.pid, app.port, "aiohttp" in sys.modules, flush=True)
            await asyncio.Event().wait()

    asyncio.run(main())
    """
)


async def test_the_phones_process_ends_when_the_app_is_killed(
    db_path: Path, workshop: Workshop
) -> None:
    """kill -9 of the app: the child sees its stdin end and stops; the projector's process never
    loaded the web server."""
    parent = subprocess.Popen(
        [sys.executable, "-c", APP_IN_A_PROCESS, str(db_path), str(workshop.id)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
    )
    try:
        assert parent.stdout is not None
        line = await asyncio.wait_for(asyncio.to_thread(parent.stdout.readline), 60)
        child, port, loaded = line.split()
        assert loaded == "False", "the projector's process imported aiohttp"
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"http://127.0.0.1:{port}/healthz") as resp,
        ):
            assert resp.status == 200
        parent.kill()
        parent.wait(timeout=30)
        async with asyncio.timeout(30):
            while alive(int(child)):
                await asyncio.sleep(0.02)
    finally:
        if parent.poll() is None:
            parent.kill()


@pytest.mark.parametrize("endpoint", ["app", "process"])
async def test_the_app_ends_its_endpoint_when_it_quits(
    db_path: Path, workshop: Workshop, endpoint: str
) -> None:
    app = make_app(db_path, workshop.id, endpoint=endpoint)
    async with app.run_test(size=(100, 30)) as pilot:
        if endpoint == "process":
            child = await ready(app, pilot)
        port = app.port
    if endpoint == "process":
        assert not alive(child)
    with pytest.raises(aiohttp.ClientConnectionError):
        async with aiohttp.ClientSession() as session:
            await session.get(f"http://127.0.0.1:{port}/healthz")


@pytest.mark.parametrize("endpoint", ["app", "process"])
async def test_a_card_withdrawn_and_sent_again_is_on_the_wall(
    db_path: Path, store: Store, workshop: Workshop, endpoint: str
) -> None:
    """A phone fixes a typo: it withdraws its card and sends the corrected one (which once got
    the withdrawn card's id back, and the app beside the phones' process never showed it)."""
    store.open_phase(workshop.id, CHALLENGES)
    app = make_app(db_path, workshop.id, endpoint=endpoint)
    async with app.run_test(size=(120, 34)) as pilot:
        if endpoint == "process":
            await ready(app, pilot)
        base = f"http://127.0.0.1:{app.port}/api/v1/w/{workshop.code}"
        async with aiohttp.ClientSession() as session:
            token = await join(session, base)
            cid = await send(session, base, token, "Skrivefiel i kortet")
            await until(pilot, lambda: "Skrivefiel" in screen_text(app), rounds=500)
            await withdraw(session, base, token, cid)
            await until(pilot, lambda: "Skrivefiel" not in screen_text(app), rounds=500)
            await send(session, base, token, "Skrivefeil rettet")
            await until(pilot, lambda: "Skrivefeil rettet" in screen_text(app), rounds=500)


async def test_no_phones_address_is_written_to_disk_by_the_phones_process(
    db_path: Path, workshop: Workshop
) -> None:
    """aiohttp logs a malformed request with the phone's address: none of it may reach a file."""
    app = make_app(db_path, workshop.id, endpoint="process")
    async with app.run_test(size=(120, 34)) as pilot:
        await ready(app, pilot)

        def malformed() -> bytes:
            with socket.create_connection(("127.0.0.1", app.port), timeout=10) as raw:
                raw.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nThis is no header\r\n\r\n")
                return raw.recv(200)

        answer = await asyncio.to_thread(malformed)
        assert b" 400 " in answer.split(b"\r\n")[0]
        # The same phone, answered afterwards: the request above has been handled and logged.
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"http://127.0.0.1:{app.port}/healthz") as resp,
        ):
            assert resp.status == 200
    for file in db_path.parent.rglob("*"):  # the database, its journal, the error log, backups
        if file.is_file():
            assert b"127.0.0.1" not in file.read_bytes(), file.name


async def test_a_phones_process_that_cannot_be_started_again_hands_the_phones_to_the_app(
    db_path: Path, store: Store, workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fork refused (or Python replaced by an upgrade) when the child must be started again: the
    app serves the phones itself, says so, and still closes cleanly."""
    store.open_phase(workshop.id, CHALLENGES)
    app = make_app(db_path, workshop.id, endpoint="process")
    async with app.run_test(size=(120, 34), notifications=True) as pilot:
        pid = await ready(app, pilot)
        port = app.port

        async def refused(*args: object, **kwargs: object) -> None:
            raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")

        monkeypatch.setattr(asyncio, "create_subprocess_exec", refused)
        os.kill(pid, signal.SIGKILL)
        await taken_over(app, pilot, port, workshop, "Fortsatt tatt imot")
    assert app.errors == []


async def test_a_json_py_in_the_facilitators_folder_is_not_imported_by_the_phones_process(
    db_path: Path, workshop: Workshop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "Skrivebord"
    folder.mkdir()
    (folder / "json.py").write_text("raise SystemExit('not the json module')\n")
    monkeypatch.chdir(folder)  # `trepart` started from a folder with a json.py in it
    app = make_app(db_path, workshop.id, endpoint="process")
    async with app.run_test(size=(120, 34)) as pilot:
        first = await ready(app, pilot)
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"http://127.0.0.1:{app.port}/healthz") as resp,
        ):
            assert resp.status == 200
        assert app.phones is not None and app.phones.proc is not None
        assert app.phones.proc.pid == first  # served by the first child: it never died


async def test_a_phones_process_that_hangs_is_stopped_and_started_again(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    """A child that stops answering (here: stopped by a signal) is killed and replaced; the
    phones are served again on the same port."""
    store.open_phase(workshop.id, CHALLENGES)
    app = make_app(db_path, workshop.id, endpoint="process")
    async with app.run_test(size=(120, 34)) as pilot:
        hung = await ready(app, pilot)
        assert app.phones is not None
        app.phones.ping_seconds, app.phones.hung_seconds = 0.1, 1.0  # not 5 s and 30 s
        os.kill(hung, signal.SIGSTOP)
        try:
            async with asyncio.timeout(30):
                while (
                    app.phones.proc is None
                    or app.phones.proc.pid == hung
                    or not (app.phones.ready.is_set())
                ):
                    await pilot.pause(0.05)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.kill(hung, signal.SIGCONT)
        assert not alive(hung)
        base = f"http://127.0.0.1:{app.port}/api/v1/w/{workshop.code}"
        async with aiohttp.ClientSession() as session:
            token = await join(session, base)
            await send(session, base, token, "Svarer igjen")
        await until(pilot, lambda: "Svarer igjen" in screen_text(app), rounds=500)


async def test_a_stall_of_the_apps_own_loop_does_not_cost_the_phones_their_process(
    db_path: Path, workshop: Workshop
) -> None:
    """A laptop that slept, or a long export on the app's loop: the child's answers wait unread
    in the pipe, and the child must not be taken for hung."""
    app = make_app(db_path, workshop.id, endpoint="process")
    async with app.run_test(size=(120, 34)) as pilot:
        child = await ready(app, pilot)
        assert app.phones is not None
        app.phones.ping_seconds, app.phones.hung_seconds = 0.1, 0.5
        await until(pilot, lambda: time.monotonic() - app.phones._answered < 0.2, rounds=500)
        time.sleep(1.5)  # the app's loop itself stands still (this is the case under test)
        after = time.monotonic()
        await until(pilot, lambda: app.phones._answered > after + 0.5, rounds=1000)  # 5 pings on
        assert app.phones.proc is not None and app.phones.proc.pid == child

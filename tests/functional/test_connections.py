"""Issue 15, case 3: one client cannot lock every phone out (slowloris, lying Content-Length,
too many streams from one address), and the server does not flood its log."""

from __future__ import annotations

import asyncio
import contextlib
import os
import selectors
import socket
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from facilitator.model import Workshop
from facilitator.server import create_web_app, start
from facilitator.settings import Limits
from facilitator.store import Store
from tests.conftest import CHALLENGES, new_id

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_NOFILE is POSIX")


@pytest.fixture
async def served(store: Store, workshop: Workshop) -> AsyncIterator[tuple[int, Store]]:
    limits = Limits(header_seconds=1.0, body_seconds=1.0, connections_per_address=5)
    runner, port = await start(create_web_app(store, limits=limits), "127.0.0.1", 0)
    try:
        yield port, store
    finally:
        await runner.cleanup()


async def _closed(reader: asyncio.StreamReader) -> bytes:
    """Everything the server sends until it closes (bounded: fails rather than hangs)."""
    async with asyncio.timeout(15):
        return await reader.read()


async def test_a_request_head_that_never_ends_is_closed(served: tuple[int, Store]) -> None:
    port, _ = served
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"POST /api/v1/w/TANA24/submissions HTTP/1.1\r\nHost: x\r\nX-Slow: ")
    await writer.drain()
    assert await _closed(reader) == b""  # the server hung up on it
    writer.close()


async def test_a_lying_content_length_is_408(served: tuple[int, Store], workshop: Workshop) -> None:
    port, store = served
    store.open_phase(workshop.id, CHALLENGES)
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"http://127.0.0.1:{port}/api/v1/w/{workshop.code}/participants",
            json={"party": "ansatte"},
        ) as resp,
    ):
        token = (await resp.json())["token"]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        f"POST /api/v1/w/{workshop.code}/submissions HTTP/1.1\r\nHost: x\r\n"
        f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
        'Content-Length: 9000\r\n\r\n{"id": '.encode()
    )
    await writer.drain()
    async with asyncio.timeout(15):  # the answer, not the close: aiohttp lingers after it
        answer = await reader.readline()
    assert answer.startswith(b"HTTP/1.1 408"), answer[:80]
    writer.close()
    assert store.cards(workshop.id) == []


async def test_one_address_gets_only_its_share_of_connections(
    served: tuple[int, Store], workshop: Workshop
) -> None:
    port, _ = served
    streams = []
    other = ("127.0.0.2", 0)  # another device (127.0.0.1, the laptop itself, is not capped)
    for _ in range(5):  # five event streams, as five tabs would hold
        reader, writer = await asyncio.open_connection("127.0.0.1", port, local_addr=other)
        writer.write(f"GET /api/v1/w/{workshop.code}/events HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        await writer.drain()
        async with asyncio.timeout(10):
            assert (await reader.readline()).startswith(b"HTTP/1.1 200")
        streams.append(writer)
    reader, writer = await asyncio.open_connection("127.0.0.1", port, local_addr=other)
    answer = await _closed(reader)
    assert answer.startswith(b"HTTP/1.1 429") and b"For mange tilkoblinger" in answer
    reader, writer = await asyncio.open_connection("127.0.0.1", port)  # the laptop: served
    writer.write(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    async with asyncio.timeout(10):
        assert (await reader.readline()).startswith(b"HTTP/1.1 200")
    writer.close()
    for stream in streams:
        stream.close()


def _wave(port: int, n: int) -> list[socket.socket]:
    """`n` connections from 127.0.0.2, waiting (bounded) until the handshakes are done, so that
    the flood has reached the server before the phone tries; a server that cannot accept
    them any more (the old one, out of files) leaves them pending, and the wave goes on."""
    wave = []
    with selectors.DefaultSelector() as selector:
        for _ in range(n):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setblocking(False)
            sock.bind(("127.0.0.2", 0))
            sock.connect_ex(("127.0.0.1", port))
            selector.register(sock, selectors.EVENT_WRITE)
            wave.append(sock)
        pending = len(wave)
        deadline = time.monotonic() + 5
        while pending and time.monotonic() < deadline:
            for key, _events in selector.select(timeout=0.5):
                selector.unregister(key.fileobj)
                pending -= 1
    return wave


def _serve_with_few_files(db: Path, code: str) -> asyncio.subprocess.Process:
    def few_files() -> None:  # in the child: 1,024 files, and no way to raise it
        import resource

        resource.setrlimit(resource.RLIMIT_NOFILE, (1024, 1024))

    env = {**os.environ, "TREPART_RATE_LIMITS": "off"}
    return asyncio.create_subprocess_exec(  # type: ignore[return-value]
        sys.executable, "-m", "facilitator", "--db", str(db), "serve", code,
        "--host", "127.0.0.1", "--port", "0",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, env=env,
        preexec_fn=few_files,
    )  # fmt: skip


@posix_only
async def test_a_slowloris_from_one_address_leaves_the_other_phones_served(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    import resource

    store.open_phase(workshop.id, CHALLENGES)
    store.close()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 4096)), hard))
    proc = await _serve_with_few_files(db_path, workshop.code)
    attackers: list[socket.socket] = []
    try:
        assert proc.stdout is not None and proc.stderr is not None
        async with asyncio.timeout(30):
            while not (line := (await proc.stdout.readline()).decode()).startswith("Deltakerside"):
                assert line, "trepart serve ended early"
        base = line.split(": ", 1)[1].strip().split("/j/")[0]
        port = int(base.rsplit(":", 1)[1])
        for _ in range(15):  # 1,500 half-open requests from 127.0.0.2, never finished
            attackers += _wave(port, 100)
        for sock in attackers:
            with contextlib.suppress(OSError):  # refused or not yet connected: either way
                sock.send(b"POST /api/v1/w/x/submissions HTTP/1.1\r\nHost: x\r\n")
        async with aiohttp.ClientSession() as session:
            async with asyncio.timeout(1.0):  # the phone on 127.0.0.1 is answered within a second
                async with session.post(
                    f"{base}/api/v1/w/{workshop.code}/participants", json={"party": "ansatte"}
                ) as resp:
                    assert resp.status == 201
                    token = (await resp.json())["token"]
                async with session.post(
                    f"{base}/api/v1/w/{workshop.code}/submissions",
                    json={"id": new_id(), "text": "Kom fram likevel"},
                    headers={"Authorization": f"Bearer {token}"},
                ) as resp:
                    assert resp.status == 201
    finally:
        for sock in attackers:
            sock.close()
        proc.kill()
        await proc.wait()
    err = (await proc.stderr.read()).decode()
    assert len(err.splitlines()) < 20, err[:2000]  # a line a minute, not a traceback each
    check = Store(db_path)
    assert [c.text for c in check.cards(workshop.id)] == ["Kom fram likevel"]
    check.close()


def test_the_server_lifts_its_open_files_limit_where_it_can() -> None:
    from facilitator.server.resources import raise_open_files_limit

    limits = raise_open_files_limit()
    if sys.platform != "win32":
        import resource

        assert limits is not None
        assert resource.getrlimit(resource.RLIMIT_NOFILE)[0] == limits[0] >= 1024

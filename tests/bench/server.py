"""Server benchmarks: durable submissions (durable.py), SSE fan-out, memory and start-up, each beside a baseline
measured in the same run (these machines are shared and noisy: compare ratios, not seconds).

Everything runs on 127.0.0.1 and stops by itself.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from statistics import median
from typing import Any

from facilitator.store import Store

PYTHON = sys.executable
HERE = Path(__file__).parent
# A benchmark lifts the rate limits and the per-address connection cap deliberately: every
# phone of the load generator comes from 127.0.0.1.
# The in-process servers (SSE, the TUI) read the same settings from os.environ.
os.environ["TREPART_CONNECTIONS_PER_ADDRESS"] = "100000"
ENV = {**os.environ, "TREPART_RATE_LIMITS": "off"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")


@contextmanager
def process(*args: str, port: int | None = None, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    proc = subprocess.Popen(
        [PYTHON, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env or ENV,
    )
    try:
        if port is not None:
            wait_for_port(port)
        yield proc
    finally:
        proc.kill()
        proc.wait()


def serve(db: Path, code: str, port: int):  # type: ignore[no-untyped-def]
    """`trepart serve` for one workshop on 127.0.0.1:port, in its own process."""
    return process(
        "-m", "facilitator", "--db", str(db), "serve", code, "--host", "127.0.0.1",
        "--port", str(port), port=port,
    )  # fmt: skip


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def workshop_db(folder: Path) -> tuple[Path, str]:
    db = folder / "bench.sqlite"
    store = Store(db)
    ws = store.create_workshop("tana-oppstart", title="Benchmark")
    store.open_phase(ws.id, 2)
    store.close()
    return db, ws.code


SSE_PROCESSES = 2  # the phones are spread over processes, as real phones are separate devices


async def fan_out(port: int, path: str, phones: int, trigger: Any) -> tuple[list[float], float]:
    """Connect `phones` streams, call `trigger()` once all are live; delivery delays in ms."""
    share = [phones // SSE_PROCESSES + (i < phones % SSE_PROCESSES) for i in range(SSE_PROCESSES)]
    clients = [
        await asyncio.create_subprocess_exec(
            PYTHON,
            "-m",
            "tests.bench.sse_phones",
            str(port),
            path,
            str(n),
            stdout=asyncio.subprocess.PIPE,
        )
        for n in share
    ]
    for client in clients:
        assert client.stdout is not None
        line = await asyncio.wait_for(client.stdout.readline(), 120)
        assert line.strip() == b"ready", line
    await asyncio.sleep(0.5)  # let every stream settle before the clock starts
    t0 = time.time()
    await trigger()
    handed = (time.time() - t0) * 1000
    received: list[float] = []
    for client in clients:
        assert client.stdout is not None
        received += json.loads((await asyncio.wait_for(client.stdout.readline(), 120)).decode())
        await client.wait()
    return sorted((t - t0) * 1000 for t in received), handed


async def plain_sse(phones: int) -> list[float]:
    """The baseline: the plainest aiohttp SSE server, `await response.write()` to each phone."""
    from aiohttp import web

    streams: list[web.StreamResponse] = []
    message = b"event: phase\ndata: {}\n\n"
    finished = asyncio.Event()

    async def events(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        await response.write(message)
        streams.append(response)
        await finished.wait()
        return response

    async def trigger() -> None:
        for response in streams:
            await response.write(message)

    app = web.Application()
    app.router.add_get("/events", events)
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        delays, _ = await fan_out(port, "/events", phones, trigger)
    finally:
        finished.set()
        await runner.cleanup()
    return delays


def sse(phones: int = 2000) -> None:
    """The server runs in this process, so the phase change is timed from its commit."""
    from facilitator.server import create_web_app, start

    def quantile(delays: list[float], q: float) -> float:
        return delays[min(len(delays) - 1, int(q * len(delays)))] if delays else float("nan")

    async def main() -> tuple[list[float], float, list[float]]:
        baseline = await plain_sse(phones)
        with tempfile.TemporaryDirectory() as tmp:
            db, code = workshop_db(Path(tmp))
            store = Store(db)
            runner, port = await start(create_web_app(store), "127.0.0.1", 0)

            async def next_phase() -> None:
                store.step_phase(1, 1)  # the facilitator presses "next"; the bus writes to all

            try:
                delays, handed = await fan_out(port, f"/api/v1/w/{code}/events", phones, next_phase)
            finally:
                await runner.cleanup()
                store.close()
        return delays, handed, baseline

    async def in_phones_process() -> list[float]:
        """As `trepart` runs it: the key press commits in the app's process, the relay pokes the
        phones' process, whose watcher reads the phase and writes to every stream."""
        from facilitator.netinfo import listen
        from facilitator.phones import PhonesProcess
        from facilitator.settings import Limits
        from facilitator.venue import Arrivals

        with tempfile.TemporaryDirectory() as tmp:
            db, code = workshop_db(Path(tmp))
            store = Store(db)
            store.bus.bind(asyncio.get_running_loop())
            store.watcher.watch(1)
            child = PhonesProcess(
                store,
                listen("127.0.0.1", 0),
                limits=Limits.from_env(),
                trusted_proxies=frozenset(),
                arrivals=Arrivals(),
                on_trouble=print,
            )
            await child.start(origins=[], public_url=None)
            await asyncio.wait_for(child.ready.wait(), 60)

            async def next_phase() -> None:
                store.step_phase(1, 1)

            try:
                delays, _ = await fan_out(
                    child.port, f"/api/v1/w/{code}/events", phones, next_phase
                )
            finally:
                await child.stop()
                store.close()
        return delays

    delays, handed, baseline = asyncio.run(main())
    split = asyncio.run(in_phones_process())
    print(
        f"SSE fan-out to {phones} phones from the app's key press to the phones' process: "
        f"{len(split)} delivered, p50 {quantile(split, 0.5):.0f} ms, p99 "
        f"{quantile(split, 0.99):.0f} ms (target ≤ 50 ms)"
    )
    p99, base99 = quantile(delays, 0.99), quantile(baseline, 0.99)
    print(
        f"SSE fan-out to {phones} phones: {len(delays)} delivered, p50 {quantile(delays, 0.5):.0f}"
        f" ms, p99 {p99:.0f} ms (target ≤ 50 ms); plain aiohttp SSE in the same run: "
        f"{len(baseline)} delivered, p50 {quantile(baseline, 0.5):.0f} ms, p99 {base99:.0f} ms "
        f"→ p99 ratio {p99 / base99:.2f}×\n  (Trepart had committed the phase, taken its backup "
        f"and written to every socket {handed:.0f} ms after the key press)"
    )


def memory(phones: int = 1000, cards: int = 5000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db, code = workshop_db(Path(tmp))
        hello_port, port = free_port(), free_port()
        with (
            process(str(HERE / "hello.py"), str(hello_port), port=hello_port) as hello,
            serve(db, code, port) as server,
        ):
            idle = rss_mb(server.pid)
            script = r"""
import asyncio, sys, uuid, aiohttp
async def main(base, code, phones, cards):
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=100)) as s:
        async def join(_):
            async with s.post(f"{base}/api/v1/w/{code}/participants", json={"party": "ansatte"}) as r:
                return (await r.json())["token"]
        tokens = await asyncio.gather(*(join(i) for i in range(phones)))
        async def post(i):
            async with s.post(f"{base}/api/v1/w/{code}/submissions", json={"id": str(uuid.uuid4()),
                    "text": f"Kort nummer {i} om heltid og sykefravær"},
                    headers={"Authorization": "Bearer " + tokens[i % phones]}) as r:
                await r.read()
        for start in range(0, cards, 500):
            await asyncio.gather(*(post(i) for i in range(start, min(cards, start + 500))))
asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
"""
            subprocess.run(
                [PYTHON, "-c", script, f"http://127.0.0.1:{port}", code, str(phones), str(cards)],
                check=True,
                timeout=300,
            )
            loaded = rss_mb(server.pid)
            baseline = rss_mb(hello.pid)
    print(
        f"Memory (RSS): trepart serve idle {idle:.0f} MB, with {phones} phones and {cards} cards "
        f"{loaded:.0f} MB; aiohttp hello-world {baseline:.0f} MB; ratio {loaded / baseline:.1f}× "
        "(target ≤ 200 MB)"
    )


STARTUP = r"""
import asyncio, sys, time
t0 = time.perf_counter()
from pathlib import Path
from facilitator.app import TrepartApp
from facilitator.store import Store
from screens.qr_code import QRCode
db = Path(sys.argv[1]); store = Store(db); ws = store.create_workshop("tana-oppstart", title="Start"); store.close()
async def main():
    app = TrepartApp(db, workshop_id=ws.id, host="127.0.0.1", port=0, public_url="http://10.0.0.5:8080",
                     endpoint=sys.argv[2])
    async with app.run_test(size=(100, 30)) as pilot:
        while not app.screen.query(QRCode):
            await pilot.pause(0.005)
        print(time.perf_counter() - t0, flush=True)
asyncio.run(main())
"""
HELLO_TUI = r"""
import asyncio, time
t0 = time.perf_counter()
from textual.app import App
from textual.widgets import Static
class Hello(App):
    def compose(self):
        yield Static("hei")
async def main():
    async with Hello().run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.005)
        print(time.perf_counter() - t0, flush=True)
asyncio.run(main())
"""


def startup(runs: int = 3) -> None:
    """Process start to the QR code, as `trepart` starts (the phones' endpoint in a process of
    its own, so the app never imports aiohttp) and with --phones-in-app, beside hello-world."""
    times: dict[str, list[float]] = {"process": [], "app": [], "hello": []}
    for i in range(runs):
        for endpoint in ("process", "app"):
            with tempfile.TemporaryDirectory() as tmp:
                # Timed to the line the app prints once the QR code is on screen, not to the
                # process's exit: shutting down waits for the embedding worker's first import.
                start = time.perf_counter()
                proc = subprocess.Popen(
                    [PYTHON, "-c", STARTUP, str(Path(tmp) / f"s{i}.sqlite"), endpoint],
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    text=True,
                )
                assert proc.stdout is not None
                proc.stdout.readline()
                times[endpoint].append(time.perf_counter() - start)
                proc.wait(timeout=120)
        start = time.perf_counter()
        subprocess.run([PYTHON, "-c", HELLO_TUI], check=True, capture_output=True, timeout=120)
        times["hello"].append(time.perf_counter() - start)
    base = median(times["hello"])
    ours, inline = median(times["process"]), median(times["app"])
    print(
        f"Start-up, process start to QR code on screen: {ours:.2f} s (--phones-in-app "
        f"{inline:.2f} s); a hello-world Textual app {base:.2f} s; ratio {ours / base:.1f}× "
        f"({inline / base:.1f}×) (target ≤ 1 s)"
    )
    importtime = subprocess.run(
        [PYTHON, "-X", "importtime", "-c", "import facilitator.app"],
        capture_output=True,
        text=True,
        timeout=120,
    ).stderr.splitlines()
    heavy = sorted(
        (
            (int(line.split("|")[1]), line.split("|")[2].strip())
            for line in importtime
            if line.startswith("import time:") and line.split("|")[1].strip().isdigit()
        ),
        reverse=True,
    )[:5]
    print("  heaviest imports (cumulative µs): " + ", ".join(f"{name} {us}" for us, name in heavy))


def main() -> None:
    from tests.bench import durable

    durable.main()
    print()
    sse()
    print()
    memory()
    print()
    startup()


if __name__ == "__main__":
    main()

"""The projector under load: submissions with the TUI live, phone → wall latency, and key presses
with 2,000 cards on the wall and on the board."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path
from statistics import median

import aiohttp

from facilitator.store import Store
from facilitator.store.cards import add_card
from facilitator.store.participants import add_participant
from screens.board import BoardScreen
from screens.wall import CardView, Wall
from tests.bench import wrk
from tests.bench.server import free_port, process, workshop_db
from tests.functional.tui_helpers import make_app

os.environ["TREPART_RATE_LIMITS"] = "off"  # a benchmark lifts the rate limits deliberately
from tests.bench.server import HERE as BENCH

MODES = {
    "same process": "app",  # --phones-in-app: the endpoint on the TUI's loop
    "phones' process": "process",  # as `trepart` starts it: a child on the app's socket
}


def with_tui_live(seconds: float = 4.0, rounds: int = 1) -> None:
    """Durable submissions (wrk) with the projector live: the endpoint in the TUI's own process
    (`--phones-in-app`), and in the phones' process the app starts by default (the TUI hears
    each group commit through the relay); both beside hello-world, interleaved, in one run."""
    if not wrk.available():
        return
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in (*MODES, "floor")}
    for _ in range(rounds):
        for name, endpoint in MODES.items():
            runs[name].append(asyncio.run(_tui_live(seconds, endpoint)))
        hello_port = free_port()
        with process(str(BENCH / "hello.py"), str(hello_port), port=hello_port):
            runs["floor"].append(
                wrk.run(f"http://127.0.0.1:{hello_port}/submit", None, seconds=seconds)
            )
    floor = median(r["throughput"] for r in runs["floor"])
    print(
        f"Durable submissions with the TUI live, wrk c=50 (median of {rounds}; hello-world {floor:.0f} req/s):"
    )
    for name in MODES:
        r = runs[name]
        t = median(x["throughput"] for x in r)
        print(
            f"  endpoint in the {name:15}: {t:6.0f} req/s, p50 {median(x['p50'] for x in r):.1f} ms, "
            f"p99 {median(x['p99'] for x in r):.1f} ms, {t / floor:.2f}× hello-world (target ≥ 0.25×); "
            f"the wall had every card {median(x['lag'] for x in r):.2f} s after the last 201"
        )


async def _tui_live(seconds: float, endpoint: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        db, code = workshop_db(Path(tmp))
        app = make_app(db, 1, endpoint=endpoint)
        async with app.run_test(size=(100, 30)) as pilot:
            if app.phones is not None:
                await asyncio.wait_for(app.phones.ready.wait(), 60)
            base = f"http://127.0.0.1:{app.port}"
            phones = await asyncio.to_thread(wrk.join_phones, base, code, 50)
            tokens = wrk.token_file(Path(tmp), phones)
            url = f"{base}/api/v1/w/{code}/submissions"
            result = await asyncio.to_thread(wrk.run, url, tokens, seconds=seconds)
            done = time.perf_counter()
            # The wall keeps the newest 60 as widgets: it has every card once its count does.
            for _ in range(1000):
                wall = app.screen.query_one(Wall)
                if len(wall.views) + wall.hidden_older >= result["created"]:
                    break
                await pilot.pause(0.02)
            result["lag"] = time.perf_counter() - done
    return result


def phone_to_projector(
    phones: int = 300, *, own_process: bool = True, endpoint: str = "process"
) -> None:
    """From a phone's POST to the card's appearance on the wall, 300 phones posting at once.

    `own_process`: the phones are raw sockets in a process of their own (card_phones.py), as
    real phones are other devices; otherwise an aiohttp client in the TUI's own process and
    loop, as before issue 20 (its 300 requests then compete with the server and the wall).
    `endpoint`: "process" as `trepart` starts it, "app" for --phones-in-app."""

    async def main() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            db, code = workshop_db(Path(tmp))
            app = make_app(db, 1, endpoint=endpoint)
            shown_at: dict[str, float] = {}
            added_at: dict[str, float] = {}  # handed to the wall (Wall.add), before its repaint
            original = Wall.add

            def add(wall: Wall, cards: list) -> None:  # type: ignore[type-arg]
                now = time.time()
                added_at.update({c.client_id: now for c in cards if c.client_id not in added_at})
                original(wall, cards)
                # Stamp each card once the screen has been repainted with it.
                wall.call_after_refresh(
                    lambda: shown_at.update(
                        {c.client_id: time.time() for c in cards if c.client_id not in shown_at}
                    )
                )

            Wall.add = add  # type: ignore[method-assign]
            sent_at: dict[str, float] = {}
            answered: list[float] = []
            async with app.run_test(size=(100, 30)) as pilot:
                if app.phones is not None:
                    await asyncio.wait_for(app.phones.ready.wait(), 60)
                if own_process:
                    sent_at, answered = await _phones_elsewhere(app.port, code, phones)
                else:
                    sent_at, answered = await _phones_here(app.port, code, phones)
                for _ in range(400):
                    if len(shown_at) >= phones:
                        break
                    await pilot.pause(0.02)
            Wall.add = original  # type: ignore[method-assign]
        delays = sorted((shown_at[c] - sent_at[c]) * 1000 for c in sent_at if c in shown_at)
        p95 = delays[int(0.95 * (len(delays) - 1))]
        acks = sorted(answered)
        to_wall = sorted((added_at[c] - sent_at[c]) * 1000 for c in sent_at if c in added_at)
        where = "phones in their own process" if own_process else "phones in the TUI's process"
        where += ", endpoint in the " + ("phones' process" if endpoint == "process" else "app")
        print(
            f"Phone → projector, {phones} phones at once ({where}): {len(delays)} shown, "
            f"p50 {median(delays):.0f} ms, p95 {p95:.0f} ms (target p95 ≤ 250 ms); "
            f"201 received p50 {median(acks):.0f} ms, p95 {acks[int(0.95 * (len(acks) - 1))]:.0f} ms; "
            f"handed to the wall p50 {median(to_wall):.0f} ms, "
            f"p95 {to_wall[int(0.95 * (len(to_wall) - 1))]:.0f} ms (then its repaint)"
        )

    asyncio.run(main())


async def _phones_here(port: int, code: str, phones: int) -> tuple[dict[str, float], list[float]]:
    sent_at: dict[str, float] = {}
    answered: list[float] = []
    base = f"http://127.0.0.1:{port}/api/v1/w/{code}"
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:

        async def join() -> str:
            async with session.post(f"{base}/participants", json={"party": "ansatte"}) as r:
                return str((await r.json())["token"])

        tokens = await asyncio.gather(*(join() for _ in range(phones)))

        async def send(token: str) -> None:
            cid = str(uuid.uuid4())
            sent_at[cid] = time.time()
            async with session.post(
                f"{base}/submissions",
                json={"id": cid, "text": "Heltid"},
                headers={"Authorization": f"Bearer {token}"},
            ) as r:
                await r.read()
            answered.append((time.time() - sent_at[cid]) * 1000)

        await asyncio.gather(*(send(t) for t in tokens))
    return sent_at, answered


async def _phones_elsewhere(
    port: int, code: str, phones: int
) -> tuple[dict[str, float], list[float]]:
    client = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.bench.card_phones", str(port), code, str(phones),
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert client.stdin is not None and client.stdout is not None
    line = await asyncio.wait_for(client.stdout.readline(), 120)
    assert line.strip() == b"ready", line
    client.stdin.write(b"go\n")
    await client.stdin.drain()
    result = json.loads(await asyncio.wait_for(client.stdout.readline(), 120))
    await client.wait()
    sent_at = {cid: sent for cid, (sent, _, _) in result.items()}
    answered = [(done - sent) * 1000 for sent, done, _ in result.values()]
    return sent_at, answered


async def _key_timings(cards: int) -> tuple[float, dict[str, float], int]:
    """Open a workshop with `cards` cards; median key-to-repaint times on the wall and the board."""
    with tempfile.TemporaryDirectory() as tmp:
        db, _code = workshop_db(Path(tmp))
        store = Store(db)
        who, _ = store.write(add_participant, 1, "ansatte", "nb")
        store.write_batch(
            [
                (add_card, (who, f"c{i}", f"Kort {i}: heltid, turnus og sykefravær"))
                for i in range(cards)
            ]
        )
        store.close()
        started = time.perf_counter()
        app = make_app(db, 1)
        timings: dict[str, list[float]] = {}

        async def timed(name: str, *keys: str) -> None:
            start = time.perf_counter()
            await pilot.press(*keys)
            await pilot.pause()
            timings.setdefault(name, []).append(time.perf_counter() - start)

        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            opened = time.perf_counter() - started
            for _ in range(3):
                await timed("f12 (unbound: floor)", "f12")  # what Pilot itself costs a key
                await timed("j (QR)", "j")
                await timed("w (wall)", "w")
                await timed("b (open board)", "b")
                assert isinstance(app.screen, BoardScreen)
                await timed("board: tab", "tab")  # to the cards
                await timed("board: ↓ card", "down")
                await timed("board: space (mark)", "space")
                await timed("Esc (leave board)", "escape")
            shown = len(app.screen.query(CardView))
    return opened, {k: median(v) * 1000 for k, v in timings.items()}, shown


def big_wall(cards: int = 2000, baseline: int = 20) -> None:
    """Key press to repaint with 2,000 cards, beside the same keys with 20 cards in the same run."""

    async def main() -> None:
        base_open, base, _ = await _key_timings(baseline)
        opened, ours, shown = await _key_timings(cards)
        print(
            f"TUI with {cards} cards ({shown} card widgets on the wall) vs {baseline} cards, same "
            f"run (target ≤ 100 ms per key):\n  {'':22} {cards:>8} {baseline:>8} {'ratio':>7}"
        )
        print(f"  {'open the workshop':22} {opened * 1000:8.0f} {base_open * 1000:8.0f}")
        for key, ms in ours.items():
            print(f"  {key:22} {ms:8.0f} {base[key]:8.0f} {ms / base[key]:6.2f}×")

    asyncio.run(main())


async def _switch_timings(cards: int, worker: str, switches: int = 10) -> tuple[list[float], int]:
    """Board and back with `cards` cards no vector cache has seen, timed from the key to the
    repaint without Pilot (whose idle check counts the worker's CPU as the app's): the worker
    "off", "on" (holding back while keys come) or "on, never held"."""
    from facilitator import embedding as worker_module

    os.environ["TREPART_EMBEDDINGS"] = "off" if worker == "off" else "on"
    hold = worker_module.Embedder.hold
    if worker == "on, never held":
        worker_module.Embedder.hold = lambda self, seconds=0.0: None  # type: ignore[method-assign]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            db, _code = workshop_db(Path(tmp))
            store = Store(db)
            who, _ = store.write(add_participant, 1, "ansatte", "nb")
            salt = uuid.uuid4().hex[:6]  # new words: nothing is embedded yet
            store.write_batch(
                [
                    (add_card, (who, f"c{i}", f"Kort {i} {salt}: heltid, turnus og sykefravær"))
                    for i in range(cards)
                ]
            )
            store.close()
            app = make_app(db, 1)
            times: list[float] = []

            async def switch(key: str, screen: type) -> None:
                start = time.perf_counter()
                app.simulate_key(key)
                for _ in range(5000):
                    if isinstance(app.screen, screen):
                        break
                    await asyncio.sleep(0.002)
                painted = asyncio.Event()
                app.screen.call_after_refresh(painted.set)
                await asyncio.wait_for(painted.wait(), 30)
                times.append(time.perf_counter() - start)

            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.pause()
                await asyncio.sleep(1.5)  # the worker has begun (it waits for the first screen)
                for _ in range(switches):
                    await switch("b", BoardScreen)
                    await switch("escape", type(app.screen_stack[-1]))
                    await asyncio.sleep(0.2)  # a facilitator reads before the next key
                left = app.embedder._pending
        return times, left
    finally:
        worker_module.Embedder.hold = hold  # type: ignore[method-assign]
        os.environ.pop("TREPART_EMBEDDINGS", None)


def keys_while_embedding(cards: int = 2000) -> None:
    """What the background worker costs a key while it embeds a restart's 2,000 cards."""

    async def main() -> None:
        print(f"Board and back with {cards} cards while the worker embeds them (key to repaint):")
        for worker in ("off", "on", "on, never held", "off"):
            times, left = await _switch_timings(cards, worker)
            times.sort()
            print(
                f"  worker {worker:15}: median {median(times) * 1000:5.0f} ms, "
                f"p90 {times[int(0.9 * (len(times) - 1))] * 1000:5.0f} ms"
                + (f" ({left} cards still to embed at the end)" if worker != "off" else "")
            )

    asyncio.run(main())


def embedding(on: bool) -> str:
    """Run the next bench with the background embedding worker on or off (issue 18)."""
    os.environ["TREPART_EMBEDDINGS"] = "on" if on else "off"
    return "with cards embedded in the background" if on else "embedding off"


def main() -> None:
    for on in (False, True):  # the worker must not cost the phones or the projector anything
        print(f"[{embedding(on)}]")
        with_tui_live()
        for endpoint in ("process", "app"):  # interleaved: the default beside --phones-in-app
            phone_to_projector(endpoint=endpoint)
        phone_to_projector(own_process=False)
    os.environ.pop("TREPART_EMBEDDINGS", None)
    print()
    # With the worker on, Pilot's pause() reads the worker's CPU as the app still working (it
    # compares the process's CPU time with the wall clock) and waits its full second each time:
    # the keys would read ~3 s whatever the projector did. The worker's cost to the projector is
    # in the rows above (TUI live, phone -> projector, with the worker on and off).
    print(f"[{embedding(False)}: Pilot cannot tell a busy worker from a busy app]")
    big_wall()
    os.environ.pop("TREPART_EMBEDDINGS", None)
    keys_while_embedding()


if __name__ == "__main__":
    main()

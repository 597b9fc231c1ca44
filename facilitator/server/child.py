"""The phones' process: the participant endpoint on the app's socket, in a process of its own.

Started by the app (facilitator/phones.py) as `python -m facilitator.server.child CONFIG`, with
the listening sockets the app bound passed as open descriptors, so the port on the QR code is
the app's from its first frame and a restart of this process loses no address. The phones and the
projector then run on two cores instead of sharing one event loop and one GIL.

stdin: the app's relay lines (facilitator/relay.py); its end (EOF) means the app has gone —
closed, or killed — and this process stops too. stdout: this process's relay lines and nothing
else (anything printed goes to stderr, which the app does not keep: aiohttp's log lines name the
phones' addresses). A fatal error is written to the error log beside the database. Every acknowledged card is
committed here before its 201, exactly as in the app's own process.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import sys
from pathlib import Path
from typing import Any

from facilitator import crashlog


async def serve(config: dict[str, Any], channel: int) -> None:
    from facilitator import venue
    from facilitator.relay import Relay
    from facilitator.server import captive, create_web_app, origin, start
    from facilitator.settings import Limits
    from facilitator.store import Store

    loop = asyncio.get_running_loop()
    store = Store(Path(config["db"]))
    app = create_web_app(
        store,
        limits=Limits(**config["limits"]),
        trusted_proxies=frozenset(config["trusted_proxies"]),
    )
    arrivals = venue.Arrivals()
    captive.install(app, arrivals=arrivals, own_names=venue.own_names(config["public_url"]))
    for allowed in config["origins"]:
        origin.allow(app, allowed)
    sockets = [socket.socket(fileno=fd) for fd in config["fds"]]
    out, _ = await loop.connect_write_pipe(asyncio.Protocol, os.fdopen(channel, "wb", 0))

    def answer(message: dict[str, Any]) -> None:
        if message.get("k") == "ping":  # the app asks whether this process still answers
            relay.send({"k": "pong"})

    relay = Relay(store, out.write, answer)
    arrivals.subscribe(lambda ip: relay.send({"k": "arrival", "ip": ip}))
    runner, _port = await start(app, sockets=sockets)
    store.watcher.start()
    for workshop_id in config["watch"]:
        store.watcher.watch(workshop_id)
    relay.send({"k": "ready", "pid": os.getpid()})
    reader = asyncio.StreamReader(limit=1 << 20)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin.buffer)
    try:
        while True:
            try:
                data = await reader.readline()
            except ValueError:  # an over-long line: the reader dropped it, read on
                continue
            if not data:
                break
            relay.receive(data)
    finally:  # the app closed the line, or went away
        relay.close()
        await store.watcher.stop()
        await runner.cleanup()
        store.close()
        out.close()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    config = json.loads(args[0])
    # The relay's lines leave on a copy of stdout; stdout itself becomes stderr, so that nothing
    # printed by a library can ever be read as a line by the app.
    channel = os.dup(1)
    os.dup2(2, 1)
    try:
        from facilitator.server.app import run_serving  # inside: an import error is logged too

        run_serving(serve(config, channel))
    except KeyboardInterrupt:
        return 0
    except BaseException as exc:
        crashlog.record(Path(config["db"]), exc)  # the traceback, never a log line with an address
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

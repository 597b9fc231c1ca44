"""Phones for the SSE benchmark: raw sockets that only notice `event: phase`, as cheap as a client
can be, so the figure measures the server's delivery rather than the client's parsing.

`python -m tests.bench.sse_phones PORT PATH N` opens N streams, prints `ready` once every phone
has its first phase event, then prints (as JSON) the time each phone saw the next one.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time

MARK = b"event: phase"


class Phone(asyncio.Protocol):
    def __init__(self, request: bytes, first: asyncio.Event, arrived: list[float]) -> None:
        self.request, self.first, self.arrived = request, first, arrived
        self.seen = 0
        self.tail = b""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.WriteTransport)
        transport.write(self.request)

    def data_received(self, data: bytes) -> None:
        now = time.time()
        joined = self.tail + data
        self.tail = joined[-(len(MARK) - 1) :]
        count = joined.count(MARK)
        if not count:
            return
        before, self.seen = self.seen, self.seen + count
        if before == 0:
            self.first.set()
        if before <= 1 < self.seen:
            self.arrived.append(now)


async def main(port: int, path: str, n: int) -> None:
    loop = asyncio.get_running_loop()
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
    arrived: list[float] = []
    firsts = [asyncio.Event() for _ in range(n)]
    transports = []
    for first in firsts:
        transport, _ = await loop.create_connection(
            lambda first=first: Phone(request.encode(), first, arrived), "127.0.0.1", port
        )
        transports.append(transport)
    await asyncio.wait_for(asyncio.gather(*(f.wait() for f in firsts)), 60)
    print("ready", flush=True)
    deadline = loop.time() + 30
    while len(arrived) < n and loop.time() < deadline:
        await asyncio.sleep(0.05)  # bounded: a lost message shows as fewer deliveries
    for transport in transports:
        transport.close()
    print(json.dumps(arrived), flush=True)


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), sys.argv[2], int(sys.argv[3])))

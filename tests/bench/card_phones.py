"""Phones for the phone → projector benchmark, in a process of their own: raw sockets that each
post one card at the same moment, so the figure is the server's and the projector's, not the
time a Python HTTP client in the TUI's own process spends building 300 requests.

`python -m tests.bench.card_phones PORT CODE N` joins N phones (blocking HTTP), connects N
sockets, prints `ready`, waits for a line on stdin, then writes every phone's POST in one pass
(each stamped just before its write) and prints (as JSON) {client id: [sent, answered, status]}.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
import uuid

from tests.bench import wrk


class Phone(asyncio.Protocol):
    def __init__(self, done: asyncio.Future[tuple[float, int]]) -> None:
        self.done = done
        self.buffer = b""

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if b"\r\n\r\n" in self.buffer and not self.done.done():
            status = int(self.buffer.split(b" ", 2)[1])
            self.done.set_result((time.time(), status))


async def main(port: int, code: str, n: int) -> None:
    tokens = await asyncio.to_thread(wrk.join_phones, f"http://127.0.0.1:{port}", code, n)
    loop = asyncio.get_running_loop()
    phones = []
    for token in tokens:
        cid = str(uuid.uuid4())
        body = json.dumps({"id": cid, "text": "Heltid"}).encode()
        request = (
            f"POST /api/v1/w/{code}/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Content-Type: application/json\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode() + body
        done: asyncio.Future[tuple[float, int]] = loop.create_future()
        transport, _ = await loop.create_connection(lambda d=done: Phone(d), "127.0.0.1", port)
        phones.append((cid, request, transport, done))
    print("ready", flush=True)
    await asyncio.to_thread(sys.stdin.readline)
    sent = {}
    for cid, request, transport, _ in phones:
        sent[cid] = time.time()
        transport.write(request)
    answers = await asyncio.wait_for(asyncio.gather(*(d for *_, d in phones)), 60)
    for *_, transport, _ in phones:
        transport.close()
    print(
        json.dumps(
            {cid: [sent[cid], *answer] for (cid, *_), answer in zip(phones, answers, strict=True)}
        ),
        flush=True,
    )


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), sys.argv[2], int(sys.argv[3])))

"""A load generator that stops by itself: N concurrent phones posting cards for T seconds.

Run in its own process so that it never shares an event loop with the server it measures.
Prints one JSON line: requests, seconds, throughput, p50 and p99 latency in milliseconds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
import uuid

import aiohttp


async def phone(
    session: aiohttp.ClientSession,
    args: argparse.Namespace,
    deadline: float,
    latencies: list[float],
    errors: list[int],
) -> None:
    headers = {}
    if args.mode == "trepart":
        async with session.post(
            f"{args.base}/api/v1/w/{args.code}/participants", json={"party": "ansatte"}
        ) as resp:
            headers["Authorization"] = f"Bearer {(await resp.json())['token']}"
        url = f"{args.base}/api/v1/w/{args.code}/submissions"
    else:
        url = f"{args.base}/submit"
    while time.perf_counter() < deadline:
        body = {"id": str(uuid.uuid4()), "text": "Høyt sykefravær i hjemmetjenesten"}
        start = time.perf_counter()
        async with session.post(url, json=body, headers=headers) as resp:
            await resp.read()
            if resp.status in (200, 201):
                latencies.append(time.perf_counter() - start)
            else:
                errors.append(resp.status)


async def main(args: argparse.Namespace) -> None:
    latencies: list[float] = []
    errors: list[int] = []
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        # Warm up: every phone joins before the clock starts.
        deadline = time.perf_counter() + args.seconds + 0.5
        start = time.perf_counter()
        await asyncio.gather(
            *(phone(session, args, deadline, latencies, errors) for _ in range(args.concurrency))
        )
        elapsed = time.perf_counter() - start
    latencies.sort()

    def pct(p: float) -> float:
        return (
            latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000
            if latencies
            else float("nan")
        )

    print(
        json.dumps(
            {
                "requests": len(latencies),
                "errors": len(errors),
                "seconds": elapsed,
                "throughput": len(latencies) / elapsed,
                "p50": pct(0.50),
                "p99": pct(0.99),
            }
        )
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--code", default="")
    parser.add_argument("--mode", choices=["trepart", "hello"], default="trepart")
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=5.0)
    asyncio.run(main(parser.parse_args()))

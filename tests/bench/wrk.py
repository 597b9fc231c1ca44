"""Drive a server with wrk, the C load generator, and read its figures back.

The Python load generator this bench used before tops out near 7,400 req/s on these machines, below what
aiohttp's hello-world serves, so a ratio to hello-world measured with it is capped by the
client. wrk is not: it runs lua/cards.lua, which posts a fresh card per request with a phone's
bearer token and counts only 201 Created as throughput; the latency percentiles are wrk's own.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import urllib.request
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).parent / "lua" / "cards.lua"
INSTALL = "wrk is not installed: `sudo apt-get install wrk` (Debian/Ubuntu) or `brew install wrk`"


def available() -> bool:
    if shutil.which("wrk"):
        return True
    print(f"  skipped: {INSTALL}")
    return False


def join_phones(base: str, code: str, phones: int) -> list[str]:
    """`phones` participants of workshop `code`; their bearer tokens."""
    tokens = []
    for _ in range(phones):
        request = urllib.request.Request(
            f"{base}/api/v1/w/{code}/participants",
            data=b'{"party": "ansatte"}',
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=30) as resp:
            tokens.append(json.loads(resp.read())["token"])
    return tokens


def token_file(folder: Path, tokens: list[str]) -> Path:
    path = folder / "tokens.txt"
    path.write_text("\n".join(tokens) + "\n")
    return path


def run(
    url: str, tokens: Path | None, *, connections: int = 50, seconds: float = 5.0, threads: int = 1
) -> dict[str, Any]:
    """wrk against `url` for `seconds`: throughput (201s a second), p50/p90/p99 ms, refusals."""
    base, _, path = url.partition("://")[2].partition("/")
    out = subprocess.run(
        [
            "wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "10s",
            "-s", str(SCRIPT), f"http://{base}", "--", f"/{path}", str(tokens or ""),
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    )  # fmt: skip
    line = next(x for x in reversed(out.stdout.splitlines()) if x.startswith("{"))
    result: dict[str, Any] = json.loads(line)
    result["throughput"] = result["created"] / result["seconds"]
    return result

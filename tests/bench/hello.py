"""The baseline: a plain aiohttp server that answers a POST with 201 and does nothing durable."""

from __future__ import annotations

import sys

from aiohttp import web


async def submit(request: web.Request) -> web.Response:
    await request.json()
    return web.json_response({"ok": True}, status=201)


if __name__ == "__main__":
    app = web.Application()
    app.router.add_post("/submit", submit)
    web.run_app(
        app,
        host="127.0.0.1",
        port=int(sys.argv[1]),
        access_log=None,
        print=lambda *a: print(*a, flush=True),
    )

"""Helpers for driving the real app (real store, real server on a free port) with Pilot."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import aiohttp
from textual.pilot import Pilot

from facilitator.app import TrepartApp
from tests.conftest import new_id

PUBLIC_URL = "http://10.0.0.5:8080"  # fixed, so the QR code and the URL are the same in every run


def make_app(db_path: Path, workshop_id: int | None = None, endpoint: str = "app") -> TrepartApp:
    """The app on a free port; `endpoint="process"` as `trepart` starts it (the phones' endpoint
    in a process of its own, tests/functional/test_phones_process.py), "app" on the app's loop."""
    return TrepartApp(
        db_path,
        workshop_id=workshop_id,
        host="127.0.0.1",
        port=0,
        public_url=PUBLIC_URL,
        endpoint=endpoint,
    )


def screen_text(app: TrepartApp) -> str:
    """What the projector shows, as plain text (the screenshot without its SVG markup)."""
    return html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot())).replace("\xa0", " ")


async def until(pilot: Pilot[None], condition: Callable[[], bool], *, rounds: int = 200) -> None:
    """Let the app process messages until `condition` holds (bounded: fails rather than hangs)."""
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("the screen never showed what was expected")


async def post_card(
    app: TrepartApp, code: str, text: str, party: str = "ansatte", target: str | None = None
) -> None:
    base = f"http://127.0.0.1:{app.port}/api/v1/w/{code}"
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{base}/participants", json={"party": party}) as resp:
            assert resp.status == 201
            token = (await resp.json())["token"]
        body: dict[str, str] = {"id": new_id(), "text": text}
        if target:
            body["target_party"] = target
        async with session.post(
            f"{base}/submissions", json=body, headers={"Authorization": f"Bearer {token}"}
        ) as resp:
            assert resp.status == 201, await resp.text()

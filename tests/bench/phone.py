"""The phone page on a slow connection: first render under Chromium's "Slow 3G"-like throttling,
beside a minimal page served the same way in the same run."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path
from statistics import median

from aiohttp import web

from facilitator.server import create_web_app, start
from facilitator.store import Store
from tests.browser.conftest import CHROMIUM, FLAGS  # the same Chromium, started the same way

SLOW_3G = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 500 * 1024 // 8,
    "uploadThroughput": 500 * 1024 // 8,
}


async def first_paint(browser, url: str) -> float:  # type: ignore[no-untyped-def]
    context = await browser.new_context(viewport={"width": 375, "height": 667})
    page = await context.new_page()
    cdp = await context.new_cdp_session(page)
    await cdp.send("Network.enable")
    await cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    await page.goto(url, wait_until="load")
    paint = await page.evaluate(
        "performance.getEntriesByType('paint').filter(e => e.name === 'first-contentful-paint')"
        ".map(e => e.startTime)[0] || performance.timing.loadEventEnd - performance.timing.navigationStart"
    )
    await context.close()
    return float(paint)


async def main() -> None:
    from playwright.async_api import async_playwright

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "p.sqlite")
        ws = store.create_workshop(
            "tana-oppstart", title="Oppstartsseminar", municipality="Tana kommune"
        )
        runner, port = await start(create_web_app(store), "127.0.0.1", 0)
        plain = web.Application()
        plain.router.add_get(
            "/",
            lambda r: web.Response(
                text="<!doctype html><title>x</title><p>hei</p>", content_type="text/html"
            ),
        )
        plain_runner = web.AppRunner(plain)
        await plain_runner.setup()
        site = web.TCPSite(plain_runner, "127.0.0.1", 0)
        await site.start()
        plain_port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            ours = [
                await first_paint(browser, f"http://127.0.0.1:{port}/j/{ws.code}") for _ in range(3)
            ]
            base = [await first_paint(browser, f"http://127.0.0.1:{plain_port}/") for _ in range(3)]
            await browser.close()
        await runner.cleanup()
        await plain_runner.cleanup()
        store.close()
    print(
        f"Phone page, first contentful paint on throttled slow 3G (400 ms, 500 kbit/s): {median(ours):.0f} ms; "
        f"a one-line page {median(base):.0f} ms; ratio {median(ours) / median(base):.1f}× (target ≤ 1 s)"
    )


if __name__ == "__main__":
    asyncio.run(main())

"""The published referat as a reader's browser shows it: standalone, in order, with real tables."""

from __future__ import annotations

import itertools
from pathlib import Path

from exports import render
from facilitator.store import Store
from tests import referat_fixture


async def test_the_html_referat_renders_standalone_and_in_order(
    browser, store: Store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    workshop_id = referat_fixture.build(store)
    page_file = tmp_path / "referat.html"
    page_file.write_bytes(render(store, workshop_id, "html")[0][1])
    context = await browser.new_context(viewport={"width": 1000, "height": 1400})
    page = await context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    await page.goto(page_file.as_uri())
    assert requests == [page_file.as_uri()], "no fonts, scripts or images from anywhere else"
    assert await page.get_attribute("html", "lang") == "nb"
    levels = await page.eval_on_selector_all(
        "h1, h2, h3", "els => els.map(e => Number(e.tagName[1]))"
    )
    assert levels[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(levels))
    assert await page.locator("script").count() == 0
    assert await page.locator("table th[scope=col]").count() > 10
    evil = page.get_by_text('=HYPERLINK("http://evil.example"', exact=False)
    assert await evil.count() == 1 and await page.locator("a").count() == 0
    await page.screenshot(path=str(tmp_path / "referat.png"), full_page=True)
    pdf_text = await page.evaluate("document.body.innerText")
    assert (
        "Kartlegge ønsket stillingsstørrelse" in pdf_text
        and "Dette kortet er skjult" not in pdf_text
    )
    await context.close()

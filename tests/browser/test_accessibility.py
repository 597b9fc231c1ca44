"""WCAG 2.1 AA on the phone page: axe-core in Chromium finds nothing, in every state and language,
at phone sizes; keyboard use, zoom, touch targets and the offline case work as a person needs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient

from facilitator.model import Workshop
from facilitator.store import Store, grouping

AXE = Path(__file__).parents[2] / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = [{"width": 375, "height": 667}, {"width": 320, "height": 568}]
LANGS = ["nb", "nn", "se", "en"]


@pytest.fixture
def axe_source() -> str:
    if not AXE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("axe-core is missing: `make install` runs npm install")
        pytest.skip("axe-core not installed (npm install)")
    return AXE.read_text(encoding="utf-8")


async def violations(page, axe_source: str) -> list[str]:  # type: ignore[no-untyped-def]
    await page.add_script_tag(content=axe_source)
    result = await page.evaluate(
        "async () => (await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
    )
    return list(result)


async def page_states(store: Store, workshop: Workshop):  # type: ignore[no-untyped-def]
    """(name, path, prepare) for each state a phone can see."""
    return [
        ("join", "", None),
        ("waiting", "", None),
        ("info", "", 1),
        ("collect", "", 2),
        ("role", "", 4),
        ("vote", "", 6),
        ("pulse", "", 8),
    ]


@pytest.mark.parametrize("lang", LANGS)
async def test_no_axe_violations_in_any_state(
    browser,
    axe_source: str,
    client: TestClient,
    store: Store,  # type: ignore[no-untyped-def]
    workshop: Workshop,
    lang: str,
) -> None:
    store.write(grouping.add_focus_area, workshop.id, "Sykefravær")
    base = str(client.make_url(f"/j/{workshop.code}"))
    found: dict[str, list[str]] = {}
    for viewport in VIEWPORTS:
        for scheme in ("light", "dark"):
            context = await browser.new_context(
                viewport=viewport, bypass_csp=True, color_scheme=scheme
            )
            page = await context.new_page()
            await page.goto(f"{base}?lang={lang}")
            found[f"join {viewport['width']} {scheme}"] = await violations(page, axe_source)
            await page.locator("input[name=party]").first.check()
            async with page.expect_navigation():
                await page.locator("form.join button").click()
            for position, name in (
                (None, "waiting"),
                (1, "info"),
                (2, "collect"),
                (4, "role"),
                (6, "vote"),
                (8, "pulse"),
            ):
                if position is not None:
                    store.open_phase(workshop.id, position)
                await page.goto(base)
                found[f"{name} {viewport['width']} {scheme}"] = await violations(page, axe_source)
            store.open_phase(workshop.id, 2)
            await page.goto(base)
            await page.locator("#text").fill("x" * 10)
            async with page.expect_navigation():  # the form itself, as without JavaScript: PRG
                await page.evaluate("document.querySelector('form.submit').submit()")
            found[f"sent {viewport['width']} {scheme}"] = await violations(page, axe_source)
            async with page.expect_navigation():
                await page.evaluate(
                    "document.querySelector('#text').removeAttribute('required');"
                    "document.querySelector('#text').value=' ';"
                    "document.querySelector('form.submit').submit()"
                )
            assert await page.locator("#text-error").is_visible()
            found[f"error {viewport['width']} {scheme}"] = await violations(page, axe_source)
            store.close_phase(workshop.id)
            await page.goto(base)
            found[f"closed {viewport['width']} {scheme}"] = await violations(page, axe_source)
            await page.goto(str(client.make_url(f"/j/NOSUCH?lang={lang}")))
            found[f"404 {viewport['width']} {scheme}"] = await violations(page, axe_source)
            await context.close()
    assert {k: v for k, v in found.items() if v} == {}
    assert await _html_lang(browser, base, lang) == lang


async def _html_lang(browser, base: str, lang: str) -> str:  # type: ignore[no-untyped-def]
    context = await browser.new_context()
    page = await context.new_page()
    await page.goto(f"{base}?lang={lang}")
    value = await page.get_attribute("html", "lang")
    await context.close()
    return str(value)


async def test_keyboard_only_zoom_and_touch_targets(
    browser,
    client: TestClient,
    store: Store,  # type: ignore[no-untyped-def]
    workshop: Workshop,
) -> None:
    store.open_phase(workshop.id, 2)
    context = await browser.new_context(viewport={"width": 320, "height": 568}, locale="nb-NO")
    page = await context.new_page()
    await page.goto(str(client.make_url(f"/j/{workshop.code}")))
    # Keyboard only: Tab to the parties, Space to pick, Tab to the button, Enter to join.
    for _ in range(12):
        await page.keyboard.press("Tab")
        if await page.evaluate("document.activeElement.name") == "party":
            break
    await page.keyboard.press("Space")
    while await page.evaluate("document.activeElement.tagName") != "BUTTON":
        await page.keyboard.press("Tab")
    await page.keyboard.press("Enter")
    await page.locator("#text").wait_for()
    await page.keyboard.press("Tab")
    focused = await page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focused != "none", "focus is visible"
    # Touch targets of at least 44 × 44 CSS pixels.
    sizes = await page.eval_on_selector_all(
        "main button, main textarea, main select, .langs a",
        "els => els.map(e => [e.getBoundingClientRect().height, e.getBoundingClientRect().width])",
    )
    assert sizes and all(h >= 44 and w >= 44 for h, w in sizes), sizes
    # 200 % zoom at 320 px: nothing is cut off sideways.
    await page.set_viewport_size({"width": 160, "height": 284})
    wide = await page.evaluate(
        "Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > "
        "window.innerWidth + 1).map(e => e.tagName + '#' + e.id + '.' + e.className)"
    )
    assert wide == []
    await context.close()


async def test_a_card_written_offline_is_sent_once_when_the_network_returns(
    browser,
    client: TestClient,
    store: Store,
    workshop: Workshop,  # type: ignore[no-untyped-def]
) -> None:
    store.open_phase(workshop.id, 2)
    context = await browser.new_context(viewport={"width": 375, "height": 667}, locale="nb-NO")
    page = await context.new_page()
    await page.goto(str(client.make_url(f"/j/{workshop.code}")))
    await page.get_by_label("Administrasjon").check()
    await page.get_by_role("button", name="Bli med").click()
    await page.get_by_label("Ditt innspill").fill("Skrevet i kjelleren uten dekning")
    await (
        page.locator("#counter").filter(has_text="32 av 500 tegn").wait_for()
    )  # once app.js has run
    await context.set_offline(True)
    await page.get_by_role("button", name="Send").click()
    await page.get_by_role("status").filter(has_text="Ikke sendt ennå").wait_for()
    assert store.cards(workshop.id) == []
    await context.set_offline(False)
    await page.evaluate("window.dispatchEvent(new Event('online'))")
    await page.get_by_role("status").filter(has_text="Sendt!").wait_for()
    await page.evaluate(
        "window.dispatchEvent(new Event('online'))"
    )  # a second try sends nothing new
    queue = await page.evaluate(f"localStorage.getItem('trepart-queue-{workshop.code}')")
    assert json.loads(queue) == []
    assert [c.text for c in store.cards(workshop.id)] == ["Skrevet i kjelleren uten dekning"]
    await context.close()


async def test_the_page_fits_the_budget_and_asks_nothing_of_the_internet(
    browser,
    client: TestClient,
    store: Store,
    workshop: Workshop,  # type: ignore[no-untyped-def]
) -> None:
    store.open_phase(workshop.id, 2)
    context = await browser.new_context(locale="nb-NO")
    page = await context.new_page()
    sizes: dict[str, int] = {}

    async def on_response(response) -> None:  # type: ignore[no-untyped-def]
        if "/events" not in response.url and not 300 <= response.status < 400:
            sizes[response.url] = len(await response.body())

    page.on("response", on_response)
    await page.goto(str(client.make_url(f"/j/{workshop.code}")))
    await page.get_by_label("Folkevalgte").check()
    await page.get_by_role("button", name="Bli med").click()
    await page.locator("#text").wait_for()
    await page.wait_for_load_state("networkidle")
    host = str(client.make_url("/"))
    assert all(url.startswith(host) for url in sizes), sizes
    phase_page = sum(n for url, n in sizes.items() if not url.endswith("/join"))
    assert phase_page <= 30 * 1024, sizes
    await context.close()

"""The phone in every state a room meets (issue 13, items 12–15), in Debian's Chromium.

320 CSS px is WCAG 1.4.10's reflow width: no page state may scroll sideways there.
"""

from __future__ import annotations

from pathlib import Path

from facilitator.model import Workshop
from facilitator.store import Store, grouping
from tests.browser.phones import NARROW, joined_phone
from tests.conftest import CHALLENGES, ROLES

VOTE, PULSE = 6, 8


async def narrow_phone(browser, client, workshop: Workshop, party: str = "Administrasjon"):  # type: ignore[no-untyped-def]
    url = str(client.make_url(f"/j/{workshop.code}"))
    return await joined_phone(browser, url, party, viewport=NARROW)


async def sideways(page) -> int:  # type: ignore[no-untyped-def]
    """How many CSS px the page is wider than the screen (0: it reflows)."""
    return int(
        await page.evaluate(
            "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
            " - window.innerWidth"
        )
    )


async def test_every_page_state_fits_320_css_px(
    browser,
    store: Store,
    workshop: Workshop,
    client,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    for label in ("Sykefravær og nærvær", "Heltidskultur", "Rekruttering"):
        store.write(grouping.add_focus_area, workshop.id, label)
    context = await browser.new_context(viewport=NARROW, locale="nb-NO")
    page = await context.new_page()
    await page.goto(str(client.make_url(f"/j/{workshop.code}")))
    assert await sideways(page) == 0, "the join form"
    await page.get_by_label("Folkevalgte").check()
    await page.get_by_role("button", name="Bli med").click()
    await page.get_by_role("heading", name="Vent på neste spørsmål").wait_for()
    assert await sideways(page) == 0, "waiting"
    for position, heading in (
        (CHALLENGES, "Hvilke utfordringer"),
        (ROLES, "forvent"),
        (VOTE, ""),
        (PULSE, "samarbeidet"),
    ):
        store.open_phase(workshop.id, position)
        await page.reload()
        await page.locator("h1").first.wait_for()
        if heading:
            assert heading.lower() in (await page.locator("h1").first.inner_text()).lower()
        await page.screenshot(path=str(tmp_path / f"phone-320-{position}.png"), full_page=True)
        assert await sideways(page) == 0, f"phase {position}"
    store.close_workshop(workshop.id)
    await page.reload()
    await page.get_by_role("heading", name="Workshopen er avsluttet.").wait_for()
    assert await sideways(page) == 0, "closed"
    await context.close()


async def test_the_pulse_scale_shows_all_five_on_a_narrow_phone(
    browser,
    store: Store,
    workshop: Workshop,
    client,  # type: ignore[no-untyped-def]
) -> None:
    store.open_phase(workshop.id, PULSE)
    context, page = await narrow_phone(browser, client, workshop)
    five = page.get_by_label("5", exact=True)
    box = await five.bounding_box()
    assert box is not None and box["x"] + box["width"] <= NARROW["width"]
    await five.check()
    await page.get_by_role("button", name="Send").click()
    await page.get_by_role("status").filter(has_text="Svaret ditt er lagret").wait_for()
    await context.close()


async def test_the_role_question_leaves_out_the_phones_own_party(
    browser,
    store: Store,
    workshop: Workshop,
    client,  # type: ignore[no-untyped-def]
) -> None:
    store.open_phase(workshop.id, ROLES)
    context, page = await narrow_phone(browser, client, workshop, "Administrasjon")
    options = await page.locator("#target_party option").all_inner_texts()
    assert options == ["Folkevalgte", "Ansatte og tillitsvalgte"]
    await context.close()


async def test_after_close_every_phone_says_so_at_once(
    browser,
    store: Store,
    workshop: Workshop,
    client,
    db_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    store.close_phase(workshop.id)
    waiting, page = await narrow_phone(browser, client, workshop)
    await page.get_by_role("heading", name="Vent på neste spørsmål").wait_for()
    joining = await browser.new_context(viewport=NARROW, locale="nb-NO")
    form = await joining.new_page()
    await form.goto(str(client.make_url(f"/j/{workshop.code}")))
    await form.get_by_role("button", name="Bli med").wait_for()
    shell = Store(db_path)  # `trepart close` in another process
    try:
        shell.close_workshop(workshop.id)
    finally:
        shell.close()
    await page.get_by_role("heading", name="Workshopen er avsluttet.").wait_for()
    await form.get_by_role("heading", name="Workshopen er avsluttet.").wait_for()
    assert await form.get_by_role("button", name="Bli med").count() == 0
    late = await joining.new_page()  # a phone that scans the code now
    await late.goto(str(client.make_url(f"/j/{workshop.code}")))
    assert await late.get_by_role("heading", name="Workshopen er avsluttet.").count() == 1
    assert await late.get_by_role("radio").count() == 0
    await waiting.close()
    await joining.close()


async def test_a_phone_withdraws_its_own_card(
    browser,
    store: Store,
    workshop: Workshop,
    client,  # type: ignore[no-untyped-def]
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    context, page = await narrow_phone(browser, client, workshop)
    for text in ("Skrev feil her", "Turnus laget for drift"):
        await page.get_by_label("Ditt innspill").fill(text)
        await page.get_by_role("button", name="Send", exact=True).click()
        await page.locator("ul.sent li").filter(has_text=text).wait_for()
    withdraw = page.locator("ul.sent li").filter(has_text="Skrev feil her")
    await withdraw.get_by_role("button", name="Trekk tilbake").click()
    await page.get_by_role("status").filter(has_text="Innspillet er trukket tilbake.").wait_for()
    assert await page.locator("ul.sent li > span").all_inner_texts() == ["Turnus laget for drift"]
    assert [c.text for c in store.cards(workshop.id)] == ["Turnus laget for drift"]
    await context.close()


async def test_the_vote_page_never_counts_below_zero(
    browser,
    store: Store,
    workshop: Workshop,
    client,  # type: ignore[no-untyped-def]
) -> None:
    for label in ("Sykefravær", "Heltidskultur"):
        store.write(grouping.add_focus_area, workshop.id, label)
    store.open_phase(workshop.id, VOTE)
    context, page = await narrow_phone(browser, client, workshop)
    await page.get_by_label("Heltidskultur").fill("3")
    await page.get_by_label("Sykefravær").fill("3")
    left = page.locator("#dots-left")
    await left.filter(has_text="3 prikker for mye").wait_for()
    assert "-" not in await left.inner_text()
    await page.get_by_role("button", name="Lagre prikkene").click()  # the server refuses
    await page.locator("#dots-left").filter(has_text="3 prikker for mye").wait_for()
    await context.close()

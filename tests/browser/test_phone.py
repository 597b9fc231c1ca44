"""A participant on a phone-sized Chromium: join, write, send, and the card reaches the wall."""

from __future__ import annotations

from pathlib import Path

from facilitator.model import Workshop
from facilitator.store import Store
from screens.wall import CardView
from tests.browser.phones import PHONE, joined_phone
from tests.conftest import CHALLENGES
from tests.functional.tui_helpers import make_app, until


async def test_a_phone_joins_sends_a_card_and_it_is_on_the_wall(
    browser,
    db_path: Path,
    workshop: Workshop,
    store: Store,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    app = make_app(db_path, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        context = await browser.new_context(viewport=PHONE, locale="nb-NO")
        page = await context.new_page()
        await page.goto(f"http://127.0.0.1:{app.port}/j/{workshop.code}")
        assert await page.get_attribute("html", "lang") == "nb"
        await page.get_by_label("Ansatte og tillitsvalgte").check()
        await page.get_by_role("button", name="Bli med").click()
        await page.get_by_label("Ditt innspill").fill(
            "Turnusen er laget for drift, ikke for heltid"
        )
        await page.get_by_role("button", name="Send").click()
        await page.get_by_role("status").filter(has_text="Sendt!").wait_for()
        sent = page.locator("ul.sent li > span")
        assert await sent.all_inner_texts() == ["Turnusen er laget for drift, ikke for heltid"]
        await page.screenshot(path=str(tmp_path / "phone-sent.png"), full_page=True)
        # A second card: the participant can keep sending.
        await page.get_by_label("Ditt innspill").fill("For mange små stillinger")
        await page.get_by_role("button", name="Send").click()
        await page.get_by_role("status").filter(has_text="Sendt!").wait_for()
        assert await sent.count() == 2

        assert sorted(c.text for c in store.cards(workshop.id)) == [
            "For mange små stillinger",
            "Turnusen er laget for drift, ikke for heltid",
        ]
        await until(pilot, lambda: len(app.screen.query(CardView)) == 2)
        await context.close()


async def test_the_page_works_without_javascript(
    browser, store: Store, workshop: Workshop, client
) -> None:  # type: ignore[no-untyped-def]
    store.open_phase(workshop.id, CHALLENGES)
    context = await browser.new_context(viewport=PHONE, java_script_enabled=False, locale="nb-NO")
    page = await context.new_page()
    await page.goto(str(client.make_url(f"/j/{workshop.code}")))
    await page.get_by_label("Folkevalgte").check()
    await page.get_by_role("button", name="Bli med").click()
    await page.get_by_label("Ditt innspill").fill("Tydelige prioriteringer")
    await page.get_by_role("button", name="Send").click()
    await page.get_by_role("status").filter(has_text="Sendt!").wait_for()
    assert [c.text for c in store.cards(workshop.id)] == ["Tydelige prioriteringer"]
    await context.close()


async def test_the_phone_follows_the_facilitator_without_reloading(
    browser,
    store: Store,
    workshop: Workshop,
    client,  # type: ignore[no-untyped-def]
) -> None:
    context, page = await joined_phone(browser, str(client.make_url(f"/j/{workshop.code}")))
    await page.get_by_role("heading", name="Vent på neste spørsmål").wait_for()
    await page.evaluate("window.sameDocument = true")
    store.open_phase(workshop.id, CHALLENGES)  # the facilitator opens "Utfordringer"
    await page.get_by_role("heading", name="Hvilke utfordringer står kommunen overfor?").wait_for()
    assert await page.evaluate("window.sameDocument === true"), "the page was not reloaded"
    # Someone typing is not interrupted: they are told, and their text stays.
    await page.get_by_label("Ditt innspill").fill("Halvskrevet tanke")
    store.close_phase(workshop.id)
    await page.get_by_role("status").filter(has_text="Prosesslederen har gått videre.").wait_for()
    assert await page.get_by_label("Ditt innspill").input_value() == "Halvskrevet tanke"
    await context.close()


async def test_text_typed_while_the_next_question_loads_is_kept(
    browser,
    store: Store,
    workshop: Workshop,
    client,  # type: ignore[no-untyped-def]
) -> None:
    import asyncio

    store.open_phase(workshop.id, CHALLENGES)
    context, page = await joined_phone(browser, str(client.make_url(f"/j/{workshop.code}")))
    field = page.get_by_label("Ditt innspill")
    await field.wait_for()
    # The page for the next question is held back until the participant has begun to write.
    asked, release = asyncio.Event(), asyncio.Event()

    async def slow(route):  # type: ignore[no-untyped-def]
        if route.request.resource_type == "fetch":
            asked.set()
            await release.wait()
        await route.continue_()

    await page.route(f"**/j/{workshop.code}", slow)
    store.open_phase(workshop.id, CHALLENGES + 1)
    await asyncio.wait_for(asked.wait(), 30)
    await field.fill("Skrevet mens siden lastet")
    release.set()
    await page.get_by_role("status").filter(has_text="Prosesslederen har gått videre.").wait_for()
    assert await field.input_value() == "Skrevet mens siden lastet"
    await page.unroute(f"**/j/{workshop.code}")
    await page.get_by_role("button", name="Vis det nye spørsmålet").click()
    await page.get_by_role("heading", name="Hva vil vi oppnå sammen de neste to årene?").wait_for()
    await context.close()


async def test_a_phone_spreads_its_dots_and_sees_how_many_are_left(
    browser,
    store: Store,
    workshop: Workshop,
    client,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    from facilitator.store import grouping

    for label in ("Sykefravær", "Heltidskultur", "Rekruttering"):
        store.write(grouping.add_focus_area, workshop.id, label)
    store.open_phase(workshop.id, 6)
    context, page = await joined_phone(
        browser, str(client.make_url(f"/j/{workshop.code}")), "Ansatte og tillitsvalgte"
    )
    await page.get_by_label("Heltidskultur").fill("2")
    await page.locator("#dots-left").filter(has_text="Igjen: 1").wait_for()
    await page.get_by_label("Sykefravær").fill("1")
    await page.locator("#dots-left").filter(has_text="Igjen: 0").wait_for()
    await page.get_by_role("button", name="Lagre prikkene").click()
    await page.get_by_role("status").filter(has_text="Prikkene er lagret.").wait_for()
    await page.screenshot(path=str(tmp_path / "phone-vote.png"), full_page=True)
    phase = store.state(workshop.id).current_phase
    assert {r.option.label: r.dots for r in store.vote_results(phase.id)} == {
        "Heltidskultur": 2,
        "Sykefravær": 1,
        "Rekruttering": 0,
    }
    await context.close()

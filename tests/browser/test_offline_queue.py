"""Issue 15, case 6: the phone's queue keeps a card while the server is down or busy, sends it
when it is back, and never files it under another question."""

from __future__ import annotations

from aiohttp import web

from facilitator.model import Workshop
from facilitator.server import create_web_app, start
from facilitator.settings import Limits
from facilitator.store import Store
from tests.browser.phones import joined_phone
from tests.conftest import CHALLENGES


class Endpoint:
    """The real endpoint on 127.0.0.1, which the test can take down and bring up on its port."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.port = 0
        self.runner: web.AppRunner | None = None

    async def up(self) -> None:
        app = create_web_app(self.store, limits=Limits(rate_limits_on=False))
        self.runner, self.port = await start(app, "127.0.0.1", self.port)

    async def down(self) -> None:
        assert self.runner is not None
        await self.runner.cleanup()
        self.runner = None


async def _joined_page(browser, endpoint: Endpoint, code: str):  # type: ignore[no-untyped-def]
    url = f"http://127.0.0.1:{endpoint.port}/j/{code}"
    context, page = await joined_phone(browser, url, "Ansatte og tillitsvalgte")
    await page.get_by_label("Ditt innspill").wait_for()
    return context, page


async def test_a_card_waits_while_the_server_is_down_and_is_sent_when_it_is_back(
    browser, store: Store, workshop: Workshop
) -> None:  # type: ignore[no-untyped-def]
    store.open_phase(workshop.id, CHALLENGES)
    endpoint = Endpoint(store)
    await endpoint.up()
    context, page = await _joined_page(browser, endpoint, workshop.code)
    try:
        await endpoint.down()
        await page.get_by_label("Ditt innspill").fill("Sendt mens serveren var nede")
        await page.get_by_role("button", name="Send").click()
        await page.get_by_text("Ikke sendt ennå").wait_for()
        assert store.cards(workshop.id) == []
        await endpoint.up()  # the page's back-off (2 s) tries again by itself
        await page.locator("ul.sent li", has_text="Sendt mens serveren var nede").wait_for(
            timeout=15_000
        )
        cards = store.cards(workshop.id)
        assert [c.text for c in cards] == ["Sendt mens serveren var nede"]
        phase = store.state(workshop.id).current_phase
        assert phase is not None and cards[0].phase_id == phase.id
    finally:
        await context.close()
        if endpoint.runner is not None:
            await endpoint.down()


async def test_a_busy_server_keeps_the_card_in_the_queue(
    browser, store: Store, workshop: Workshop
) -> None:  # type: ignore[no-untyped-def]
    store.open_phase(workshop.id, CHALLENGES)
    endpoint = Endpoint(store)
    await endpoint.up()
    context, page = await _joined_page(browser, endpoint, workshop.code)
    answers = iter([429, 503])

    async def busy(route) -> None:  # type: ignore[no-untyped-def]
        status = next(answers, None)
        if status is None:
            await route.continue_()
        else:
            await route.fulfill(status=status, json={"error": {"code": "x", "message": "vent"}})

    try:
        await page.route("**/submissions", busy)
        await page.get_by_label("Ditt innspill").fill("Kom fram til slutt")
        await page.get_by_role("button", name="Send").click()
        await page.locator("ul.sent li", has_text="Kom fram til slutt").wait_for(timeout=20_000)
        assert [c.text for c in store.cards(workshop.id)] == ["Kom fram til slutt"]
    finally:
        await context.close()
        await endpoint.down()


async def test_a_card_queued_for_a_closed_question_is_refused_and_the_person_told(
    browser, store: Store, workshop: Workshop
) -> None:  # type: ignore[no-untyped-def]
    store.open_phase(workshop.id, CHALLENGES)
    endpoint = Endpoint(store)
    await endpoint.up()
    context, page = await _joined_page(browser, endpoint, workshop.code)
    try:
        await endpoint.down()
        await page.get_by_label("Ditt innspill").fill("Skrevet til Utfordringer")
        await page.get_by_role("button", name="Send").click()
        await page.get_by_text("Ikke sendt ennå").wait_for()
        store.open_phase(workshop.id, 3)  # the facilitator moved on to the goals
        await endpoint.up()
        await page.get_by_text("Spørsmålet er lukket").wait_for(timeout=15_000)
        assert store.cards(workshop.id) == []  # not filed under the goals
    finally:
        await context.close()
        if endpoint.runner is not None:
            await endpoint.down()

"""A phone in Chromium, as the browser tests open one: its screen size, and joining a workshop."""

from __future__ import annotations

PHONE = {"width": 375, "height": 667}
NARROW = {"width": 320, "height": 568}


async def joined_phone(  # type: ignore[no-untyped-def]
    browser, url: str, party: str = "Administrasjon", viewport: dict[str, int] = PHONE
):
    """A phone (its own context, nb-NO) that opened the join page at `url` and joined `party`."""
    context = await browser.new_context(viewport=viewport, locale="nb-NO")
    page = await context.new_page()
    await page.goto(url)
    await page.get_by_label(party).check()
    await page.get_by_role("button", name="Bli med").click()
    return context, page

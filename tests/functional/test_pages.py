"""The phone page without JavaScript: forms, Post/Redirect/Get, escaped text."""

from __future__ import annotations

import re

from aiohttp.test_utils import TestClient

from facilitator.model import Workshop
from facilitator.store import Store
from tests.conftest import CHALLENGES, ROLES, new_id


async def join_form(client: TestClient, code: str, party: str = "ansatte") -> None:
    resp = await client.post(
        f"/j/{code}/join", data={"party": party, "lang": "nb"}, allow_redirects=False
    )
    assert resp.status == 303
    assert resp.headers["Location"] == f"/j/{code}"


def client_id_in(html: str) -> str:
    match = re.search(r'name="client_id" value="([0-9a-f-]{36})"', html)
    assert match, "the form carries a client id so a resent form is no duplicate"
    return match.group(1)


async def test_the_join_page_offers_the_three_parties_in_bokmaal(
    client: TestClient, workshop: Workshop
) -> None:
    html = await (await client.get(f"/j/{workshop.code}")).text()
    assert '<html lang="nb">' in html
    assert "Hvilken part tilhører du?" in html
    for name in ("Folkevalgte", "Administrasjon", "Ansatte og tillitsvalgte"):
        assert name in html
    assert f'<form method="post" action="/j/{workshop.code}/join"' in html


async def test_a_phone_joins_writes_and_sees_its_card_listed(
    client: TestClient, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    await join_form(client, workshop.code)
    page = await (await client.get(f"/j/{workshop.code}")).text()
    assert "Hvilke utfordringer står kommunen overfor?" in page
    resp = await client.post(
        f"/j/{workshop.code}/submit",
        allow_redirects=False,
        data={"text": "<script>alert(1)</script> Turnus", "client_id": client_id_in(page)},
    )
    assert resp.status == 303
    assert resp.headers["Location"] == f"/j/{workshop.code}?sent=1"
    after = await (await client.get(resp.headers["Location"])).text()
    assert "Sendt! Du kan sende flere." in after
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Turnus" in after
    assert "<script>alert(1)" not in after
    assert [c.text for c in store.cards(workshop.id)] == ["<script>alert(1)</script> Turnus"]


async def test_a_resent_form_makes_no_duplicate(
    client: TestClient, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    await join_form(client, workshop.code)
    form = {"text": "Dobbeltklikk", "client_id": new_id()}
    for _ in range(2):
        resp = await client.post(f"/j/{workshop.code}/submit", data=form, allow_redirects=False)
        assert resp.status == 303
    assert len(store.cards(workshop.id)) == 1


async def test_an_error_keeps_the_draft_and_says_why(
    client: TestClient, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    await join_form(client, workshop.code)
    resp = await client.post(
        f"/j/{workshop.code}/submit", data={"text": "ø" * 501, "client_id": new_id()}
    )
    assert resp.status == 422
    html = await resp.text()
    assert "Teksten er for lang (høyst 500 tegn)." in html
    assert "ø" * 501 in html
    assert 'role="alert"' in html


async def test_role_expectation_form_asks_which_party(
    client: TestClient, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, ROLES)
    await join_form(client, workshop.code, "folkevalgte")
    page = await (await client.get(f"/j/{workshop.code}")).text()
    assert 'name="target_party"' in page
    resp = await client.post(
        f"/j/{workshop.code}/submit",
        allow_redirects=False,
        data={
            "text": "Involver oss tidlig",
            "client_id": client_id_in(page),
            "target_party": "administrasjon",
        },
    )
    assert resp.status == 303
    assert store.cards(workshop.id)[0].target_party == "administrasjon"


async def test_a_closed_phase_says_wait_for_the_next_question(
    client: TestClient, store: Store, workshop: Workshop
) -> None:
    await join_form(client, workshop.code)
    store.open_phase(workshop.id, CHALLENGES)
    store.close_phase(workshop.id)
    html = await (await client.get(f"/j/{workshop.code}")).text()
    assert "Vent på neste spørsmål" in html
    assert 'http-equiv="refresh"' in html  # the no-JavaScript fallback follows by itself
    assert 'name="text"' not in html


async def test_a_form_from_another_site_is_refused(
    client: TestClient, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    await join_form(client, workshop.code)
    resp = await client.post(
        f"/j/{workshop.code}/submit",
        data={"text": "CSRF", "client_id": new_id()},
        headers={"Origin": "http://evil.example"},
    )
    assert resp.status == 403
    assert store.cards(workshop.id) == []


async def test_an_unknown_code_is_a_friendly_404_page(client: TestClient) -> None:
    resp = await client.get("/j/NOSUCH")
    assert resp.status == 404
    html = await resp.text()
    assert "Fant ingen workshop med denne koden." in html


async def test_the_phone_speaks_its_language_and_remembers_a_tap(
    client: TestClient, workshop: Workshop
) -> None:
    nynorsk = await (
        await client.get(f"/j/{workshop.code}", headers={"Accept-Language": "nn-NO,nn;q=0.9"})
    ).text()
    assert (
        '<html lang="nn">' in nynorsk
        and "Kva part høyrer du til?" in nynorsk
        and "Tilsette og tillitsvalde" in nynorsk
    )
    tapped = await client.get(f"/j/{workshop.code}?lang=se")
    assert "trepart_lang=se" in tapped.headers["Set-Cookie"]
    again = await (
        await client.get(f"/j/{workshop.code}", headers={"Accept-Language": "en"})
    ).text()
    assert '<html lang="se">' in again and "Guđe bellodahkii gullat?" in again


async def test_api_errors_come_in_the_phones_language(
    client: TestClient, workshop: Workshop
) -> None:
    resp = await client.post(
        f"/api/v1/w/{workshop.code}/submissions",
        headers={"Accept-Language": "en"},
        json={"id": new_id(), "text": "x"},
    )
    assert (await resp.json())["error"][
        "message"
    ] == "You need to join the workshop before you can send."

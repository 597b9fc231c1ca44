"""The participant endpoint over real HTTP on a real SQLite file: the DESIGN.md contract."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient

from facilitator.model import Workshop
from facilitator.settings import Limits
from facilitator.store import Store
from tests.conftest import CHALLENGES, ROLES, join, new_id


def cards(store: Store, ws: Workshop) -> list[str]:
    return [c.text for c in store.cards(ws.id)]


async def test_state_document_has_the_fixed_fields(
    client: TestClient, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    resp = await client.get(f"/api/v1/w/{workshop.code}/state")
    assert resp.status == 200
    doc = await resp.json()
    assert doc["workshop"]["title"] == "Oppstartsseminar"
    assert doc["workshop"]["code"] == "TANA24"
    assert doc["workshop"]["languages"] == ["nb", "nn", "se", "en"]
    assert [p["key"] for p in doc["parties"]] == ["folkevalgte", "administrasjon", "ansatte"]
    assert doc["phase"]["kind"] == "collect"
    assert doc["phase"]["category"] == "challenge"
    assert doc["phase"]["status"] == "open"
    assert doc["phase"]["prompt"] == "Hvilke utfordringer står kommunen overfor?"


async def test_join_sets_an_httponly_strict_cookie_and_returns_a_token(
    client: TestClient, workshop: Workshop
) -> None:
    resp = await client.post(
        f"/api/v1/w/{workshop.code}/participants", json={"party": "folkevalgte"}
    )
    assert resp.status == 201
    assert len((await resp.json())["token"]) >= 24
    cookie = resp.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


async def test_submit_stores_the_card_verbatim_after_trimming(
    client: TestClient, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    auth = await join(client, workshop.code)
    resp = await client.post(
        f"/api/v1/w/{workshop.code}/submissions",
        headers=auth,
        json={"id": new_id(), "text": "  <b>Høyt</b> [red]sykefravær[/]  "},
    )
    assert resp.status == 201
    assert cards(store, workshop) == ["<b>Høyt</b> [red]sykefravær[/]"]


async def test_the_same_client_id_again_is_200_and_no_duplicate(
    client: TestClient, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    auth = await join(client, workshop.code)
    body = {"id": new_id(), "text": "Lite tid til oppfølging"}
    first = await client.post(f"/api/v1/w/{workshop.code}/submissions", headers=auth, json=body)
    again = await client.post(f"/api/v1/w/{workshop.code}/submissions", headers=auth, json=body)
    assert (first.status, again.status) == (201, 200)
    assert cards(store, workshop) == ["Lite tid til oppfølging"]


async def test_the_cookie_alone_identifies_the_phone(
    client: TestClient, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    await client.post(f"/api/v1/w/{workshop.code}/participants", json={"party": "ansatte"})
    resp = await client.post(
        f"/api/v1/w/{workshop.code}/submissions",
        json={"id": new_id(), "text": "Via informasjonskapsel"},
    )
    assert resp.status == 201


async def test_role_expectation_needs_a_target_party(
    client: TestClient, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, ROLES)
    auth = await join(client, workshop.code)
    url = f"/api/v1/w/{workshop.code}/submissions"
    missing = await client.post(url, headers=auth, json={"id": new_id(), "text": "Tydelige vedtak"})
    assert missing.status == 422
    ok = await client.post(
        url,
        headers=auth,
        json={"id": new_id(), "text": "Tydelige vedtak", "target_party": "folkevalgte"},
    )
    assert ok.status == 201
    assert store.cards(workshop.id)[0].target_party == "folkevalgte"


async def test_withdraw_own_card_while_open(
    client: TestClient, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    auth = await join(client, workshop.code)
    other = await join(client, workshop.code, "folkevalgte")
    card_id = new_id()
    await client.post(
        f"/api/v1/w/{workshop.code}/submissions",
        headers=auth,
        json={"id": card_id, "text": "Angrer"},
    )
    stranger = await client.delete(
        f"/api/v1/w/{workshop.code}/submissions/{card_id}", headers=other
    )
    assert stranger.status == 404
    mine = await client.delete(f"/api/v1/w/{workshop.code}/submissions/{card_id}", headers=auth)
    assert mine.status == 204
    assert cards(store, workshop) == []


async def error(resp) -> str:  # type: ignore[no-untyped-def]
    body = await resp.json()
    assert body["error"]["message"], "every error carries a sentence for the phone"
    return str(body["error"]["code"])


async def test_unknown_code_is_404_before_any_other_check(client: TestClient) -> None:
    resp = await client.post(
        "/api/v1/w/NOSUCH/submissions", data=b"not json", headers={"Content-Type": "text/plain"}
    )
    assert resp.status == 404
    assert await error(resp) == "unknown_workshop"


async def test_no_participant_is_401(client: TestClient, store: Store, workshop: Workshop) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    resp = await client.post(
        f"/api/v1/w/{workshop.code}/submissions", json={"id": new_id(), "text": "x"}
    )
    assert resp.status == 401
    assert await error(resp) == "not_joined"
    assert cards(store, workshop) == []


async def test_closed_phase_is_409_and_nothing_is_stored(
    client: TestClient, store: Store, workshop: Workshop
) -> None:
    auth = await join(client, workshop.code)
    store.open_phase(workshop.id, CHALLENGES)
    store.close_phase(workshop.id)
    resp = await client.post(
        f"/api/v1/w/{workshop.code}/submissions",
        headers=auth,
        json={"id": new_id(), "text": "For sent"},
    )
    assert resp.status == 409
    assert await error(resp) == "phase_closed"
    assert cards(store, workshop) == []


@pytest.mark.parametrize(
    ("body", "headers", "status", "code"),
    [
        (b"{not json", {"Content-Type": "application/json"}, 400, "invalid_json"),
        (b'"just a string"', {"Content-Type": "application/json"}, 400, "invalid_json"),
        (
            b'{"id": "x", "text": "\xff\xfe"}',
            {"Content-Type": "application/json"},
            400,
            "invalid_encoding",
        ),
        (
            b"text=hei",
            {"Content-Type": "application/x-www-form-urlencoded"},
            415,
            "unsupported_media_type",
        ),
        (
            b'{"id": "not-a-uuid", "text": "hei"}',
            {"Content-Type": "application/json"},
            422,
            "invalid_value",
        ),
        (
            b'{"id": "6f1c0c1e-8d9e-4a51-9d1a-2b1c3d4e5f60", "text": "hei", "admin": true}',
            {"Content-Type": "application/json"},
            422,
            "unknown_field",
        ),
        (
            b'{"id": "6f1c0c1e-8d9e-4a51-9d1a-2b1c3d4e5f60", "text": "   "}',
            {"Content-Type": "application/json"},
            422,
            "text_empty",
        ),
        (
            b'{"id": "6f1c0c1e-8d9e-4a51-9d1a-2b1c3d4e5f60", "text": 42}',
            {"Content-Type": "application/json"},
            422,
            "invalid_value",
        ),
        (
            b'{"id": "6f1c0c1e-8d9e-4a51-9d1a-2b1c3d4e5f60", "text": "nul\\u0000byte"}',
            {"Content-Type": "application/json"},
            422,
            "invalid_text",
        ),
        (
            b'{"id": "6f1c0c1e-8d9e-4a51-9d1a-2b1c3d4e5f60", "text": "\\ud800"}',
            {"Content-Type": "application/json"},
            422,
            "invalid_text",
        ),
        (
            b'{"id": "6f1c0c1e-8d9e-4a51-9d1a-2b1c3d4e5f60", "text": "evil\\u202egnp.exe"}',
            {"Content-Type": "application/json"},
            422,
            "invalid_text",
        ),
    ],
)
async def test_bad_input_gets_its_status_and_changes_nothing(
    client: TestClient,
    store: Store,
    workshop: Workshop,
    body: bytes,
    headers: dict[str, str],
    status: int,
    code: str,
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    auth = await join(client, workshop.code)
    resp = await client.post(
        f"/api/v1/w/{workshop.code}/submissions", data=body, headers={**auth, **headers}
    )
    assert resp.status == status
    assert await error(resp) == code
    assert cards(store, workshop) == []


async def test_text_over_the_limit_is_422_and_501_chars_is_one_too_many(
    client: TestClient, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    auth = await join(client, workshop.code)
    url = f"/api/v1/w/{workshop.code}/submissions"
    too_long = await client.post(url, headers=auth, json={"id": new_id(), "text": "æ" * 501})
    assert too_long.status == 422
    assert await error(too_long) == "text_too_long"
    assert "500" in (await too_long.json())["error"]["message"]
    just_right = await client.post(url, headers=auth, json={"id": new_id(), "text": "æ" * 500})
    assert just_right.status == 201


async def test_oversize_body_is_413(client: TestClient, store: Store, workshop: Workshop) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    auth = await join(client, workshop.code)
    resp = await client.post(
        f"/api/v1/w/{workshop.code}/submissions",
        headers=auth,
        json={"id": new_id(), "text": "x" * 20_000},
    )
    assert resp.status == 413
    assert await error(resp) == "too_large"
    assert cards(store, workshop) == []


async def test_unknown_party_is_422(client: TestClient, workshop: Workshop) -> None:
    resp = await client.post(f"/api/v1/w/{workshop.code}/participants", json={"party": "ordfører"})
    assert resp.status == 422
    assert await error(resp) == "unknown_party"


@pytest.mark.parametrize("limits", [Limits(cards_per_minute=3)])
async def test_a_flooding_phone_gets_429(
    client: TestClient, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    auth = await join(client, workshop.code)
    statuses = []
    for i in range(5):
        resp = await client.post(
            f"/api/v1/w/{workshop.code}/submissions",
            headers=auth,
            json={"id": new_id(), "text": f"kort {i}"},
        )
        statuses.append(resp.status)
    assert statuses == [201, 201, 201, 429, 429]
    assert len(cards(store, workshop)) == 3


@pytest.mark.parametrize("limits", [Limits(cards_per_minute=3, rate_limits_on=False)])
async def test_rate_limits_can_be_lifted_for_load_tests(
    client: TestClient, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    auth = await join(client, workshop.code)
    for i in range(5):
        resp = await client.post(
            f"/api/v1/w/{workshop.code}/submissions",
            headers=auth,
            json={"id": new_id(), "text": f"kort {i}"},
        )
        assert resp.status == 201


async def test_unknown_card_is_404(client: TestClient, store: Store, workshop: Workshop) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    auth = await join(client, workshop.code)
    resp = await client.delete(f"/api/v1/w/{workshop.code}/submissions/{new_id()}", headers=auth)
    assert resp.status == 404
    assert await error(resp) == "unknown_card"


async def test_security_headers_and_no_store(client: TestClient, workshop: Workshop) -> None:
    resp = await client.get(f"/j/{workshop.code}")
    assert resp.status == 200
    assert "frame-ancestors 'none'" in resp.headers["Content-Security-Policy"]
    assert "script-src 'self'" in resp.headers["Content-Security-Policy"]
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert resp.headers["Referrer-Policy"] == "same-origin"
    assert resp.headers["Cache-Control"] == "no-store"


async def test_healthz(client: TestClient) -> None:
    resp = await client.get("/healthz")
    assert resp.status == 200


def test_limits_come_from_the_environment() -> None:
    limits = Limits.from_env({"TREPART_RATE_LIMITS": "off", "TREPART_TEXT_MAX": "280"})
    assert limits.rate_limits_on is False
    assert limits.text_max == 280
    assert Limits.from_env({}).rate_limits_on is True


async def test_guessing_join_codes_is_rate_limited(client: TestClient) -> None:
    statuses = [(await client.get(f"/api/v1/w/GUESS{i:02d}/state")).status for i in range(25)]
    assert statuses[:20] == [404] * 20
    assert set(statuses[20:]) == {429}


def test_no_facilitator_operation_is_reachable_over_http(store: Store) -> None:
    from facilitator.server import create_web_app

    app = create_web_app(store)
    routes = sorted({(r.method, r.resource.canonical) for r in app.router.routes() if r.resource})
    assert routes == sorted(
        {
            ("GET", "/healthz"),
            ("GET", "/j/{code}"),
            ("POST", "/j/{code}/join"),
            ("POST", "/j/{code}/submit"),
            ("POST", "/j/{code}/vote"),
            ("POST", "/j/{code}/rate"),
            ("POST", "/j/{code}/withdraw"),
            ("GET", "/api/v1/w/{code}/state"),
            ("POST", "/api/v1/w/{code}/participants"),
            ("POST", "/api/v1/w/{code}/submissions"),
            ("DELETE", "/api/v1/w/{code}/submissions/{id}"),
            ("POST", "/api/v1/w/{code}/votes"),
            ("POST", "/api/v1/w/{code}/ratings"),
            ("GET", "/api/v1/w/{code}/events"),
            ("GET", "/static"),
            ("HEAD", "/static"),
            ("HEAD", "/j/{code}"),
            ("HEAD", "/api/v1/w/{code}/state"),
            ("HEAD", "/healthz"),
            ("HEAD", "/api/v1/w/{code}/events"),
        }
    )

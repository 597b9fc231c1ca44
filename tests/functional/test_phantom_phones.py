"""Issue 14, item 5: phantom phones. A rejoin with the cookie is the same participant, joins per
address are limited to what a real phone needs, and X-Forwarded-For names the phone only when
the facilitator names the proxy (--trusted-proxy)."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient

from facilitator.cli import build_parser
from facilitator.model import Workshop
from facilitator.server import create_web_app
from facilitator.settings import Limits
from facilitator.store import Store


async def test_a_rejoin_with_the_cookie_is_the_same_participant(
    client: TestClient, store: Store, workshop: Workshop
) -> None:
    url = f"/api/v1/w/{workshop.code}/participants"
    first = await client.post(url, json={"party": "ansatte"})
    assert first.status == 201
    token = (await first.json())["token"]
    for _ in range(10):  # the cookie jar sends the cookie back
        again = await client.post(url, json={"party": "folkevalgte"})
        assert again.status == 200
        assert (await again.json()) == {"token": token, "party": "ansatte"}
    bearer = await client.post(
        url, json={"party": "ansatte"}, headers={"Authorization": f"Bearer {token}"}
    )
    assert bearer.status == 200
    form = await client.post(
        f"/j/{workshop.code}/join", data={"party": "administrasjon"}, allow_redirects=False
    )
    assert form.status == 303
    assert [p["party"] for p in store.dump(workshop.id)["participants"]] == ["ansatte"]


async def _joins(client: TestClient, code: str, forwarded: str, n: int) -> list[int]:
    statuses = []
    for _ in range(n):
        client.session.cookie_jar.clear()  # a new phone each time, as a script would
        resp = await client.post(
            f"/api/v1/w/{code}/participants",
            json={"party": "ansatte"},
            headers={"X-Forwarded-For": f"203.0.113.9, {forwarded}"},
        )
        statuses.append(resp.status)
    return statuses


async def test_behind_a_named_proxy_each_phone_address_has_a_few_joins(
    aiohttp_client, store: Store, workshop: Workshop
) -> None:  # type: ignore[no-untyped-def]
    limits = Limits()
    app = create_web_app(store, limits=limits, trusted_proxies=frozenset({"127.0.0.1/32"}))
    client = await aiohttp_client(app)
    allowed = limits.joins_per_address
    assert (
        await _joins(client, workshop.code, "10.0.0.7", allowed + 3) == [201] * allowed + [429] * 3
    )
    assert await _joins(client, workshop.code, "10.0.0.8", 1) == [201]  # another phone
    assert len(store.dump(workshop.id)["participants"]) == allowed + 1


async def test_forwarded_addresses_are_ignored_unless_the_proxy_is_named(
    aiohttp_client, store: Store, workshop: Workshop
) -> None:  # type: ignore[no-untyped-def]
    """Spoofed X-Forwarded-For from a peer that is not the named proxy counts as the peer."""
    app = create_web_app(store, limits=Limits(), trusted_proxies=frozenset({"192.0.2.1/32"}))
    client = await aiohttp_client(app)
    # The peer is loopback (this laptop, the demo's audience): not counted, whatever it claims.
    statuses = [
        s
        for address in ("10.0.0.1", "10.0.0.1", "10.0.0.1", "10.0.0.1", "10.0.0.1", "10.0.0.1")
        for s in await _joins(client, workshop.code, address, 1)
    ]
    assert statuses == [201] * 6


@pytest.mark.parametrize("command", [[], ["serve", "WS"], ["demo"]])
def test_trusted_proxy_is_an_option_of_serve_demo_and_the_tui(command: list[str]) -> None:
    parser = build_parser()
    args = parser.parse_args(command or ["--trusted-proxy", "10.0.0.1"])
    if command:
        args = parser.parse_args([*command, "--trusted-proxy", "10.0.0.0/8"])
        assert args.trusted_proxy == ["10.0.0.0/8"]
    else:
        assert args.tui_trusted_proxy == ["10.0.0.1/32"]
    with pytest.raises(SystemExit):
        parser.parse_args([*command, "--trusted-proxy", "nonsense"])

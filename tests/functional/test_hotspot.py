"""--hotspot: each platform's captive-portal check gets the answer it expects, over real HTTP."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient

from facilitator.model import Workshop
from facilitator.server import captive, create_web_app
from facilitator.store import Store

JOIN = "http://10.42.0.1:8080/j/TANA24"

# (platform, host it asks, path) → (status, body)
PROBES = [
    ("android", "connectivitycheck.gstatic.com", "/generate_204", 204, ""),
    ("android, older", "clients3.google.com", "/gen_204", 204, ""),
    (
        "ios and macos",
        "captive.apple.com",
        "/hotspot-detect.html",
        200,
        "<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>",
    ),
    ("windows 10/11", "www.msftconnecttest.com", "/connecttest.txt", 200, "Microsoft Connect Test"),
    ("windows 7/8", "www.msftncsi.com", "/ncsi.txt", 200, "Microsoft NCSI"),
    ("firefox", "detectportal.firefox.com", "/success.txt", 200, "success\n"),
]


@pytest.fixture
async def hotspot(aiohttp_client, store: Store, workshop: Workshop) -> TestClient:  # type: ignore[no-untyped-def]
    app = create_web_app(store)
    captive.install(app, hotspot_target=lambda: JOIN, own_names={"trepart.example"})
    return await aiohttp_client(app)


@pytest.mark.parametrize(("platform", "host", "path", "status", "body"), PROBES)
async def test_each_platform_hears_that_the_network_is_online(
    hotspot: TestClient, platform: str, host: str, path: str, status: int, body: str
) -> None:
    resp = await hotspot.get(path, headers={"Host": host}, allow_redirects=False)
    assert resp.status == status, platform
    assert await resp.text() == body


async def test_another_host_is_sent_to_the_join_page(hotspot: TestClient) -> None:
    resp = await hotspot.get("/some/page", headers={"Host": "www.vg.no"}, allow_redirects=False)
    assert resp.status == 302
    assert resp.headers["Location"] == JOIN


async def test_the_laptops_own_addresses_and_names_are_served_as_usual(
    hotspot: TestClient, workshop: Workshop
) -> None:
    for host in ("10.42.0.1:8080", "127.0.0.1", "[fe80::1]:8080", "trepart.example:8080"):
        resp = await hotspot.get(
            f"/j/{workshop.code}", headers={"Host": host}, allow_redirects=False
        )
        assert resp.status == 200, host
        assert "Bli med" in await resp.text()


async def test_without_hotspot_there_are_no_probe_answers(
    client: TestClient, workshop: Workshop
) -> None:
    resp = await client.get("/generate_204", headers={"Host": "connectivitycheck.gstatic.com"})
    assert resp.status == 404
    resp = await client.get("/hotspot-detect.html", allow_redirects=False)
    assert resp.status == 404

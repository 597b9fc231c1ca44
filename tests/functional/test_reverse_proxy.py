"""`trepart serve` behind a real nginx (Debian's package), as the README's reverse-proxy recipe says.

The proxy runs as a process of the test on 127.0.0.1 with a configuration written into tmp_path:
the join page, a form post, the JSON API and the live event stream all go through it. In CI
(CI=true) a missing nginx is a failure, not a skip: `.ci/run` installs it.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from facilitator.demo import sse_events
from facilitator.store import Store
from tests.conftest import CHALLENGES, new_id
from tests.functional.serve_helpers import READY_PREFIX

# The README's recipe, with the paths a process without root needs (temp files, pid, log).
NGINX_CONF = """
daemon off;
master_process off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 64k;
        location / {{
            proxy_pass http://127.0.0.1:{upstream};
            proxy_http_version 1.1;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_buffering off;
            proxy_read_timeout 1h;
        }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def nginx_binary() -> str:
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
    )
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("nginx is not installed: .ci/run installs Debian's nginx")
        pytest.skip("Debian's nginx is not installed (apt-get install nginx)")
    return found


async def wait_for_port(port: int, proc: asyncio.subprocess.Process) -> None:
    """Until nginx accepts connections (bounded): it has no 'ready' line to read."""
    async with asyncio.timeout(20):
        while True:
            if proc.returncode is not None:
                raise AssertionError("nginx stopped at start")
            try:
                _reader, writer = await asyncio.open_connection("127.0.0.1", port)
            except OSError:
                await asyncio.sleep(0.05)
                continue
            writer.close()
            await writer.wait_closed()
            return


@pytest.fixture
async def behind_nginx(tmp_path: Path, db_path: Path) -> AsyncIterator[tuple[str, str, str]]:
    """(the proxy's base URL, the join code, what `trepart serve` printed as the join URL)."""
    nginx = nginx_binary()
    store = Store(db_path)
    ws = store.create_workshop("tana-oppstart", title="Hybridmøte", code="PROXY1")
    store.close()
    upstream, port = free_port(), free_port()
    public = f"http://127.0.0.1:{port}"
    serve = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "facilitator", "--db", str(db_path), "serve", ws.code,
        "--host", "127.0.0.1", "--port", str(upstream), "--public-url", public,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "TREPART_RATE_LIMITS": "off"},
    )  # fmt: skip
    conf = tmp_path / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=tmp_path, port=port, upstream=upstream))
    proxy = await asyncio.create_subprocess_exec(
        nginx, "-p", str(tmp_path), "-c", str(conf), stderr=asyncio.subprocess.PIPE
    )
    try:
        assert serve.stdout is not None
        printed = ""
        async with asyncio.timeout(30):
            while not printed:
                line = (await serve.stdout.readline()).decode()
                assert line, "trepart serve ended early"
                if line.startswith(READY_PREFIX):
                    printed = line.removeprefix(READY_PREFIX).strip()
        await wait_for_port(port, proxy)
        yield public, ws.code, printed
    finally:
        for proc in (proxy, serve):
            if proc.returncode is None:
                proc.kill()
            await proc.wait()


async def test_the_printed_url_is_the_proxys_and_the_join_page_comes_through_it(
    behind_nginx: tuple[str, str, str],
) -> None:
    public, code, printed = behind_nginx
    assert printed == f"{public}/j/{code}"
    async with aiohttp.ClientSession() as session, session.get(printed) as page:
        assert page.status == 200
        assert "Hybridmøte" in await page.text()
        assert page.headers["Server"].startswith("nginx")


async def test_a_form_post_and_a_card_go_through_the_proxy(
    behind_nginx: tuple[str, str, str], db_path: Path
) -> None:
    public, code, _printed = behind_nginx
    subprocess.run(
        [sys.executable, "-m", "facilitator", "--db", str(db_path), "phase", code, "open",
         str(CHALLENGES)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    # unsafe=True: aiohttp keeps no cookies from a bare IP address otherwise (a browser does).
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        # A phone without JavaScript: the form post carries the page's own origin (the proxy's).
        async with session.post(
            f"{public}/j/{code}/join",
            data={"party": "ansatte", "lang": "nb"},
            headers={"Origin": public},
            allow_redirects=False,
        ) as joined:
            assert joined.status == 303, await joined.text()
            assert "HttpOnly" in joined.headers["Set-Cookie"]
        async with session.post(
            f"{public}/j/{code}/submit",
            data={"text": "Nattevakter alene", "client_id": new_id()},
            headers={"Origin": public},
            allow_redirects=False,
        ) as submitted:
            assert submitted.status == 303, await submitted.text()
        card = {"id": new_id(), "text": "Vi trenger bedre turnus"}
        async with session.post(f"{public}/api/v1/w/{code}/submissions", json=card) as sent:
            assert sent.status == 201, await sent.text()
    store = Store(db_path)
    try:
        assert [c.text for c in store.cards(store.resolve(code).id)] == [
            "Nattevakter alene",
            "Vi trenger bedre turnus",
        ]  # type: ignore[union-attr]
    finally:
        store.close()


async def test_the_live_stream_is_not_buffered_by_the_proxy(
    behind_nginx: tuple[str, str, str], db_path: Path
) -> None:
    public, code, _printed = behind_nginx
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"{public}/api/v1/w/{code}/events") as stream,
    ):
        events = sse_events(stream)
        first = await anext(events)
        assert json.loads(first[1])["phase"] is None
        await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "facilitator", "--db", str(db_path), "phase", code, "open", "2"],
            check=True,
            capture_output=True,
            timeout=60,
        )
        async with asyncio.timeout(10):
            name, data = await anext(events)
        assert name == "phase"
        assert json.loads(data)["phase"]["position"] == 2

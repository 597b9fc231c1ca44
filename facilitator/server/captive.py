"""Opt-in answers for a laptop hotspot: captive-portal probes, other hosts sent to the join page.

A phone that joins a Wi-Fi asks a well-known address whether the network reaches the
internet. When nobody answers (the laptop's own hotspot has no internet), Android and iOS
mark the network as useless and send the page over 4G instead, where the laptop is not.
With `--hotspot` Trepart gives each platform the answer it expects, so the phone stays on
the Wi-Fi, and sends a request for any other host name to the join page. Never on a shared
network: it would answer for the whole network's phones. The probes only reach Trepart when
the hotspot's DNS points their names at the laptop and port 80 is Trepart's (README).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Awaitable, Callable

from aiohttp import web

from facilitator.venue import Arrivals

APPLE_SUCCESS = "<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>"

# path → (status, body, content type): what each platform's check expects to see.
PROBES: dict[str, tuple[int, str, str]] = {
    "/generate_204": (204, "", "text/plain"),  # Android (connectivitycheck.gstatic.com)
    "/gen_204": (204, "", "text/plain"),  # Android, older and Chrome OS
    "/hotspot-detect.html": (200, APPLE_SUCCESS, "text/html"),  # iOS, macOS (captive.apple.com)
    "/library/test/success.html": (200, APPLE_SUCCESS, "text/html"),  # older iOS
    "/connecttest.txt": (200, "Microsoft Connect Test", "text/plain"),  # Windows 10/11
    "/ncsi.txt": (200, "Microsoft NCSI", "text/plain"),  # Windows 7/8
    "/success.txt": (200, "success\n", "text/plain"),  # Firefox (detectportal.firefox.com)
}

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
ARRIVALS = web.AppKey("arrivals", Arrivals)


def probe_answer(path: str) -> web.Response | None:
    answer = PROBES.get(path)
    if answer is None:
        return None
    status, body, content_type = answer
    if status == 204:
        return web.Response(status=204)
    return web.Response(status=status, text=body, content_type=content_type)


def is_own_host(host: str, names: set[str]) -> bool:
    """An IP literal (a phone that typed or scanned the laptop's address), localhost, or a
    name the facilitator gave with --public-url is Trepart's own; anything else is a probe or
    a page the phone wanted from the internet."""
    if host.startswith("["):  # [IPv6]:port
        name = host[1:].split("]", 1)[0]
    else:
        name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    name = name.lower()
    if name in ("localhost", "") or name in names:
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def hotspot_middleware(target: Callable[[], str], names: set[str]) -> Callable[..., object]:
    """`target()` is the current join page: the workshop on the projector, wherever it is."""

    @web.middleware
    async def hotspot(request: web.Request, handler: Handler) -> web.StreamResponse:
        answer = probe_answer(request.path)
        if answer is not None:
            return answer
        if not is_own_host(request.host, names) and request.method in ("GET", "HEAD"):
            raise web.HTTPFound(target())  # 302: a 301 would stay in the phone's cache
        return await handler(request)

    return hotspot


def arrivals_middleware(arrivals: Arrivals) -> Callable[..., object]:
    @web.middleware
    async def arrived(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.transport is not None and not request.path.startswith("/static/"):
            local = request.transport.get_extra_info("sockname")
            peer = request.transport.get_extra_info("peername")
            if local and peer:
                arrivals.saw(str(local[0]), str(peer[0]))
        return await handler(request)

    return arrived


def install(
    app: web.Application,
    *,
    arrivals: Arrivals | None = None,
    hotspot_target: Callable[[], str] | None = None,
    own_names: set[str] | None = None,
) -> None:
    """Add these to an app from create_web_app before it starts (its middlewares freeze then)."""
    if arrivals is not None:
        app[ARRIVALS] = arrivals
        app.middlewares.append(arrivals_middleware(arrivals))  # type: ignore[arg-type]
    if hotspot_target is not None:
        app.middlewares.append(hotspot_middleware(hotspot_target, own_names or set()))  # type: ignore[arg-type]


async def also_on_port(runner: web.AppRunner, host: str, port: int) -> str | None:
    """Serve the same app on `port` too (80, where the probes arrive); the reason when it cannot
    (on Linux a port under 1024 needs root or `sysctl net.ipv4.ip_unprivileged_port_start=80`)."""
    site = web.TCPSite(runner, host, port)
    try:
        await site.start()
    except OSError as exc:
        return exc.strerror or str(exc)
    return None

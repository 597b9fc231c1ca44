"""Who a request comes from: the origins Trepart serves, and the phone's address.

Form posts are accepted only from a page Trepart itself served: its public URL, the address the
connection arrived at (the socket's own, not the Host header a client writes), the laptop's LAN
address and loopback, at the port being served. `Origin: null` and `Sec-Fetch-Site: cross-site`
are refused; a post without Origin (an old browser, a script, no page at all) passes, since no
browser sends a cross-site form without one.

The client address used for rate limits and connection caps is the peer's; only when the
facilitator names a reverse proxy (`--trusted-proxy ADDR`) and the peer is that proxy is the
last address of X-Forwarded-For taken instead.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from aiohttp import web

from facilitator.netinfo import lan_address
from facilitator.server import keys
from facilitator.server.errors import ApiError

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def origin_of(url: str) -> str | None:
    """scheme://host[:port] of `url`, lower case, default ports left out; None if not a URL."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    default = 80 if parts.scheme == "http" else 443
    return f"{parts.scheme}://{host}" + (f":{port}" if port and port != default else "")


def allow(app: web.Application, url: str) -> None:
    """Also accept form posts from pages at `url` (the public URL the phones were given)."""
    if (found := origin_of(url)) is not None:
        app[keys.ORIGINS].add(found)


def served_origins(request: web.Request) -> set[str]:
    given: set[str] = request.app[keys.ORIGINS]
    allowed = set(given)
    sockname = request.transport.get_extra_info("sockname") if request.transport else None
    if not sockname:
        return allowed
    own, port = str(sockname[0]), int(sockname[1])
    for host in {own, lan_address(), *LOOPBACK}:
        if ipaddress_or_name(host) and (found := origin_of(f"http://{_bracket(host)}:{port}")):
            allowed.add(found)
    return allowed


def ipaddress_or_name(host: str) -> bool:
    return host not in ("0.0.0.0", "::", "")


def _bracket(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def check_origin(request: web.Request) -> None:
    """Form posts must come from our own page (no cross-site posting into a workshop)."""
    if request.headers.get("Sec-Fetch-Site", "").strip().lower() == "cross-site":
        raise ApiError("forbidden_origin")
    origin = request.headers.get("Origin")
    if origin is None:
        return
    if origin_of(origin) not in served_origins(request):
        raise ApiError("forbidden_origin")


def client_key(request: web.Request) -> str:
    """The phone's address, in memory for rate limits only; never stored or logged."""
    peer = request.remote or "?"
    trusted = request.app[keys.TRUSTED_PROXIES]
    if not trusted or not is_trusted(peer, trusted):
        return peer
    forwarded = request.headers.get("X-Forwarded-For", "")
    last = forwarded.split(",")[-1].strip() if forwarded else ""
    try:
        return str(ipaddress.ip_address(last))
    except ValueError:
        return peer


SELF = frozenset({"127.0.0.1", "::1"})


def is_self(address: str) -> bool:
    """The laptop talking to itself (the demo's simulated audience, a local load test): not
    counted against the join limit or the connection cap. Other loopback addresses are."""
    try:
        return str(ipaddress.ip_address(address)) in SELF
    except ValueError:
        return False


def is_trusted(peer: str, trusted: frozenset[str]) -> bool:
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return False
    for item in trusted:
        try:
            if address in ipaddress.ip_network(item, strict=False):
                return True
        except ValueError:
            continue
    return False


def parse_proxies(values: list[str] | tuple[str, ...] | None) -> frozenset[str]:
    """Validate --trusted-proxy values (addresses or networks); ValueError names a bad one."""
    result = set()
    for value in values or ():
        try:
            result.add(str(ipaddress.ip_network(value.strip(), strict=False)))
        except ValueError:
            raise ValueError(value) from None
    return frozenset(result)

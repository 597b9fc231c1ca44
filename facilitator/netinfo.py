"""Which addresses phones can reach this laptop at, the laptop's own hotspot first."""

from __future__ import annotations

import errno
import ipaddress
import os
import re
import socket
from collections.abc import Iterable
from dataclasses import dataclass

from facilitator.settings import DEFAULT_PORT, PORT_TRIES

# A documentation address (RFC 5737): connecting a UDP socket to it only asks the
# routing table which interface would be used; no packet is ever sent.
_PROBE = ("192.0.2.1", 9)

# The addresses each system gives itself when it shares a connection as a hotspot: Windows'
# Mobile hotspot / ICS, NetworkManager's "Hotspot" (shared mode), macOS Internet Sharing.
HOTSPOT_ADDRESSES = {"192.168.137.1", "10.42.0.1", "192.168.2.1"}
_HOTSPOT_NAME = re.compile(
    r"^(ap\d|bridge1\d\d|wlan\d+ap)|hotspot|wi-?fi direct|local area connection\*", re.I
)
# Interfaces no phone is on: containers, virtual machines, VPN tunnels.
_VIRTUAL_NAME = re.compile(
    r"^(docker|br-|veth|virbr|vmnet|vboxnet|utun|tun|tap|tailscale|zt|wg|lxc|lxd|podman|cni)"
    r"|virtualbox|vmware|hyper-v|vethernet|wsl",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Address:
    ip: str
    interface: str
    kind: str  # "hotspot" | "lan" | "virtual" | "link-local"

    def base(self, port: int) -> str:
        return f"http://{self.ip}:{port}"


def lan_address() -> str:
    """The laptop's address on its default network, or 127.0.0.1 when it has none."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.connect(_PROBE)
            address = str(sock.getsockname()[0])
    except OSError:
        return "127.0.0.1"
    if ipaddress.ip_address(address).is_unspecified:
        return "127.0.0.1"
    return address


def interfaces() -> list[tuple[str, str]]:
    """(interface name, IPv4 address) for every interface, on Windows, macOS and Linux alike.

    ifaddr reads getifaddrs() or GetAdaptersAddresses() through ctypes: no compiler, no admin."""
    import ifaddr

    found: list[tuple[str, str]] = []
    for adapter in ifaddr.get_adapters():
        for ip in adapter.ips:
            if isinstance(ip.ip, str):  # IPv4; IPv6 tuples are left out (see usable_addresses)
                found.append((adapter.nice_name or adapter.name, ip.ip))
    return found


def classify(name: str, ip: str) -> str | None:
    address = ipaddress.ip_address(ip)
    if address.is_loopback or address.is_unspecified or address.is_multicast:
        return None
    if ip in HOTSPOT_ADDRESSES or _HOTSPOT_NAME.search(name):
        return "hotspot"
    if address.is_link_local:
        return "link-local"
    if _VIRTUAL_NAME.search(name):
        return "virtual"
    return "lan"


_ORDER = {"hotspot": 0, "lan": 1, "virtual": 2, "link-local": 3}


def usable_addresses(
    found: Iterable[tuple[str, str]] | None = None, *, default: str | None = None
) -> list[Address]:
    """Every non-loopback IPv4 address, best first: the hotspot's, then the default route's,
    then other networks, container and VM bridges, and link-local last.

    IPv6 is left out: a phone types or scans `http://192.168.137.1:8080` more reliably than a
    bracketed IPv6 address, and every hotspot and venue network hands out IPv4."""
    if found is None:
        try:
            found = interfaces()
        except Exception:  # an exotic adapter must not stop the join view
            found = []
    default = lan_address() if default is None else default
    seen: set[str] = set()
    result: list[Address] = []
    for name, ip in found:
        kind = classify(name, ip)
        if kind is None or ip in seen:
            continue
        seen.add(ip)
        result.append(Address(ip, name, kind))
    if default not in seen and classify("", default) is not None:
        result.append(Address(default, "", classify("", default) or "lan"))
    result.sort(key=lambda a: (_ORDER[a.kind], a.ip != default))
    return result


def join_url(base: str, code: str) -> str:
    return f"{base.rstrip('/')}/j/{code}"


ANY_INTERFACE = ("0.0.0.0", "::", "")


def public_base(host: str, port: int) -> str:
    """The address phones are told: the host the server was bound to, or the LAN address when it
    listens on every interface."""
    shown = lan_address() if host in ANY_INTERFACE else host
    if ":" in shown:  # an IPv6 literal
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


# Listening: the app binds the phones' port itself, for the phones' process (which inherits the
# socket) and for its own loop alike, trying the next port when one is taken.
BACKLOG = 1024  # a room of phones scanning the QR code at once waits here, not refused
_TAKEN = (errno.EADDRINUSE, errno.EACCES, 10048, 10013)  # and Windows' WSAEADDRINUSE, WSAEACCES


def listen(host: str, port: int | None) -> list[socket.socket]:
    """Listening sockets for `host` (every address it resolves to, as asyncio binds them) on
    `port`; None tries 8080 and the next ones, 0 takes any free port."""
    candidates = (
        [port] if port is not None else list(range(DEFAULT_PORT, DEFAULT_PORT + PORT_TRIES))
    )
    last: OSError | None = None
    for candidate in candidates:
        try:
            return _bind(host, candidate)
        except OSError as exc:
            if exc.errno not in (errno.EADDRINUSE, errno.EACCES):
                raise
            last = exc
    raise last or OSError("no free port")


def _bind(host: str, port: int) -> list[socket.socket]:
    infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    bound: list[socket.socket] = []
    seen: set[tuple[int, object]] = set()
    try:
        for family, kind, proto, _name, address in infos:
            if (family, address[0]) in seen:
                continue
            seen.add((family, address[0]))
            sock = socket.socket(family, kind, proto)
            bound.append(sock)
            if os.name == "posix":  # as asyncio: on Windows it would let another take the port
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            if port == 0 and len(bound) > 1:  # every family on the port the first one got
                address = (address[0], bound[0].getsockname()[1], *address[2:])
            sock.bind(address)
            sock.listen(BACKLOG)
            sock.set_inheritable(True)
    except OSError:
        for sock in bound:
            sock.close()
        raise
    return bound

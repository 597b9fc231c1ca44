"""Which address phones on the same Wi-Fi can reach this laptop at."""

from __future__ import annotations

import ipaddress
import socket

# A documentation address (RFC 5737): connecting a UDP socket to it only asks the
# routing table which interface would be used; no packet is ever sent.
_PROBE = ("192.0.2.1", 9)


def lan_address() -> str:
    """The laptop's address on its default network, or 127.0.0.1 when it has none."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.connect(_PROBE)
            address = sock.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    if ipaddress.ip_address(address).is_unspecified:
        return "127.0.0.1"
    return address


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

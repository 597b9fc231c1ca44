"""The venue's part of a launch: the Wi-Fi to show, the address to print, which addresses work.

Shared by `trepart serve`, `trepart demo`, the TUI and `trepart export`, so the command line
and the projector agree on which network and which address the room is given.

Arrivals is the join view's live tick: the facilitator learns that an address works when the
first phone arrives through it, not when the room has waited five minutes. Only the laptop's
own interface address is kept (never a phone's), in memory, until the app stops.
"""

from __future__ import annotations

import argparse
import ipaddress
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from facilitator import qr
from facilitator.i18n import LANGUAGES
from facilitator.model import Workshop
from facilitator.wifi import Wifi, WifiError, from_fields, parse

HOTSPOT_PORT = 80  # where phones' captive-portal checks arrive


def wifi_arg(value: str) -> Wifi:
    """argparse's type for --wifi SSID[:PASSWORD]."""
    try:
        return parse(value)
    except WifiError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def chosen_wifi(given: Wifi | None, ws: Workshop | None) -> Wifi | None:
    """--wifi wins; otherwise the network typed into the workshop's editor, if any."""
    if given is not None:
        return given
    if ws is None:
        return None
    return from_fields(ws.wifi_ssid, ws.wifi_password)


def own_names(public_url: str | None) -> set[str]:
    """Host names that are Trepart's own under --hotspot (besides IP literals and localhost)."""
    if not public_url:
        return set()
    host = urlsplit(public_url).hostname
    return {host.lower()} if host else set()


def wifi_lines(wifi: Wifi) -> list[str]:
    """The Wi-Fi code and its steps for a console (`trepart serve --wifi`)."""
    lines = qr.text_lines(wifi.payload())
    lines.append(f"{wifi.ssid} – {wifi.credentials('nb')}")
    lines.extend(wifi.steps(lang) for lang in LANGUAGES)
    return lines


Listener = Callable[[str], None]


class Arrivals:
    def __init__(self) -> None:
        self.first: dict[str, float] = {}  # laptop address → when the first phone came through it
        self._listeners: list[Listener] = []

    def saw(self, local_ip: str | None, peer_ip: str | None) -> bool:
        """Note a request that reached `local_ip` from `peer_ip`; True when it is the first
        phone through that address. The laptop talking to itself is no phone."""
        if not local_ip or not peer_ip or local_ip in self.first or local_ip == peer_ip:
            return False
        try:
            if ipaddress.ip_address(local_ip).is_loopback:
                return False
        except ValueError:
            return False
        self.arrived(local_ip)
        return True

    def arrived(self, local_ip: str) -> None:
        """The first phone came through `local_ip` (here, or in the phones' own process)."""
        if local_ip in self.first:
            return
        self.first[local_ip] = time.time()
        for listener in list(self._listeners):
            listener(local_ip)

    def reached(self, ip: str) -> bool:
        return ip in self.first

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

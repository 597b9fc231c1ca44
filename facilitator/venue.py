"""The venue's part of a launch: the Wi-Fi to show, the hotspot answers, the address to print.

Shared by `trepart serve`, `trepart demo`, the TUI and `trepart export`, so the command line
and the projector agree on which network and which address the room is given.
"""

from __future__ import annotations

import argparse
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

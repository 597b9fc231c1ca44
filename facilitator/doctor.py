"""`trepart doctor`: before the room arrives, which addresses phones can use and whether they answer.

The check connects to the laptop itself on each address: it proves that Trepart's port is
open on that interface, not that the venue's network or the firewall lets a phone through
(a connection from the machine to itself does not pass the firewall). So the report ends
with the firewall's usual answer for this system and what a hotspot can carry.
"""

from __future__ import annotations

import contextlib
import socket
import sys
from collections.abc import Callable, Iterator

from facilitator.i18n import N_, _
from facilitator.netinfo import Address, usable_addresses
from facilitator.settings import DEFAULT_PORT

WINDOWS_HOTSPOT_DEVICES = 8
TIMEOUT = 1.0

KIND_WORDS = {  # marked with N_ for the catalog, translated where shown
    "hotspot": N_("hotspot"),
    "lan": N_("nettverk"),
    "virtual": N_("virtuelt (ingen telefon er her)"),
    "link-local": N_("lenkelokal (uten DHCP)"),
}


def port_answers(ip: str, port: int, timeout: float = TIMEOUT) -> bool:
    try:
        with socket.create_connection((ip, port), timeout=timeout):
            return True
    except OSError:
        return False


@contextlib.contextmanager
def listening(port: int) -> Iterator[bool]:
    """Listen on every interface for the length of the check, as `trepart serve` would; False
    when the port is taken already (then something, perhaps Trepart itself, answers there)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        try:
            sock.bind(("0.0.0.0", port))
        except OSError:
            yield False
            return
        sock.listen(16)
        yield True
    finally:
        sock.close()


def firewall_hint(platform: str, port: int) -> list[str]:
    if platform.startswith("win"):
        return [
            _(
                "Brannmur (Windows): svar «Tillat» for private nettverk første gang Trepart starter,"
            ),
            _(
                "og la Wi-Fi-nettet være «Privat», ikke «Offentlig». Eller, i PowerShell som administrator:"
            ),
            f"  New-NetFirewallRule -DisplayName Trepart -Direction Inbound -Protocol TCP "
            f"-LocalPort {port} -Action Allow -Profile Private",
            _(
                "Windows' mobile hotspot tar høyst {n} enheter: ta med en reiseruter til flere telefoner."
            ).format(n=WINDOWS_HOTSPOT_DEVICES),
        ]
    if platform == "darwin":
        return [
            _("Brannmur (macOS): Systeminnstillinger → Nettverk → Brannmur → Valg: tillat"),
            _("innkommende tilkoblinger for Python (macOS spør første gang; svar «Tillat»)."),
        ]
    return [
        _("Brannmur (Linux): åpne porten hvis en brannmur er på, for eksempel"),
        f"  sudo ufw allow {port}/tcp   "
        + _("eller")
        + f"   sudo firewall-cmd --add-port={port}/tcp",
    ]


def report(
    addresses: list[Address],
    port: int,
    *,
    platform: str = sys.platform,
    answers: Callable[[str, int], bool] = port_answers,
    own_listener: bool = True,
) -> list[str]:
    lines = [_("Adresser telefonene kan bruke (port {port}):").format(port=port)]
    for address in addresses:
        ok = answers(address.ip, port)
        mark = "✓" if ok else "✗"
        verdict = _("porten svarer") if ok else _("porten svarer ikke")
        where = f"{address.interface}, " if address.interface else ""
        lines.append(
            f"  {mark} http://{address.ip}:{port}   ({where}{_(KIND_WORDS[address.kind])}) – {verdict}"
        )
    if not any(a.kind in ("hotspot", "lan") for a in addresses):
        lines += [
            "",
            _("Advarsel: maskinen er ikke på noe nettverk telefonene kan nå (bare 127.0.0.1)."),
            _("Koble til Wi-Fi eller slå på en hotspot, og kjør «trepart doctor» igjen."),
        ]
    if not own_listener:
        lines += ["", _("Porten {port} er i bruk: kjører Trepart allerede?").format(port=port)]
    lines += [
        "",
        _(
            "Sjekken kobler maskinen til seg selv og går ikke gjennom brannmuren: prøv med en telefon."
        ),
        *firewall_hint(platform, port),
    ]
    return lines


def run(port: int | None = None) -> int:
    port = port or DEFAULT_PORT
    addresses = usable_addresses()
    with listening(port) as own:
        lines = report(addresses, port, own_listener=own)
    print("\n".join(lines))
    return 0 if any(a.kind in ("hotspot", "lan") for a in addresses) else 1

"""What a screen may ask of the app that hosts it, without importing the app (or its server)."""

from __future__ import annotations

from typing import Protocol, cast

from textual.app import App

from facilitator.model import Workshop
from facilitator.netinfo import Address
from facilitator.store import Store
from facilitator.venue import Arrivals
from facilitator.wifi import Wifi


class Host(Protocol):
    store: Store
    lang: str  # chosen with --lang: the referat's default language
    arrivals: Arrivals  # which laptop addresses a phone has come through
    addresses: list[Address]  # the laptop's usable addresses, best first
    address_fixed: bool  # --host/--public-url decide; the facilitator cannot pick
    public_url_given: bool  # --public-url: the room uses that name; no address list
    public_url: str | None

    def join_url(self, code: str) -> str: ...

    def wifi_for(self, ws: Workshop) -> Wifi | None: ...

    def use_address(self, ip: str) -> None: ...

    def listening(self) -> str: ...

    def export(
        self, workshop_id: int, fmt: str, lang: str = "nb", internal: bool = False
    ) -> list[str]: ...


def host(app: App[object]) -> Host:
    return cast(Host, app)

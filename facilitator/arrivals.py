"""Which of the laptop's addresses phones have come through: the join view's live tick.

The facilitator learns that an address works when the first phone arrives through it, not
when the room has waited five minutes. Only the in-memory address of the laptop's own
interface is kept (never a phone's), and only until the app stops.
"""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Callable

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
        self.first[local_ip] = time.time()
        for listener in list(self._listeners):
            listener(local_ip)
        return True

    def reached(self, ip: str) -> bool:
        return ip in self.first

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

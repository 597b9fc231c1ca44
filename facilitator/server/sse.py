"""Server-sent events: one encoded message, written to every phone of a workshop."""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict

from facilitator import events as ev
from facilitator.model import Phase

KEEPALIVE_SECONDS = 15.0


def phase_payload(phase: object) -> dict[str, object] | None:
    if not isinstance(phase, Phase):
        return None
    return {
        "id": phase.id,
        "position": phase.position,
        "kind": phase.kind.value,
        "category": phase.category.value if phase.category else None,
        "status": phase.status.value,
    }


def encode(name: str, data: object) -> bytes:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


class Broadcaster:
    """Keeps a small queue per connected phone; publishing never waits for a slow phone."""

    def __init__(self) -> None:
        self._streams: dict[int, set[asyncio.Queue[bytes | None]]] = defaultdict(set)

    def register(self, workshop_id: int) -> asyncio.Queue[bytes | None]:
        queue: asyncio.Queue[bytes | None] = asyncio.Queue(maxsize=64)
        self._streams[workshop_id].add(queue)
        return queue

    def unregister(self, workshop_id: int, queue: asyncio.Queue[bytes | None]) -> None:
        self._streams[workshop_id].discard(queue)

    def connected(self, workshop_id: int) -> int:
        return len(self._streams.get(workshop_id, ()))

    def on_event(self, event: ev.Event) -> None:
        if not self._streams.get(event.workshop_id):
            return
        if isinstance(event, ev.PhaseChanged):
            self.send(event.workshop_id, encode("phase", {"phase": phase_payload(event.phase)}))
        elif isinstance(event, ev.WorkshopChanged):
            self.send(event.workshop_id, encode("state", {}))

    def send(self, workshop_id: int, message: bytes | None) -> None:
        for queue in tuple(self._streams.get(workshop_id, ())):
            try:
                queue.put_nowait(message)
            except asyncio.QueueFull:
                continue  # a stalled phone catches up from the state on its next reload

    def close_all(self) -> None:
        for workshop_id in list(self._streams):
            self.send(workshop_id, None)

"""The line between the app and the phones' process: what one writes, the other hears at once.

Both processes write one SQLite file, and each one's watcher notices the other's cards and phase
changes within its poll (store/watcher.py, 0.25 s). The relay makes that immediate and complete:
after every commit a process sends the other what it wrote, as one JSON line per event on a pipe.
A new card or a phase change is sent as a *poke* (the receiver polls its watcher now and reads
the rows themselves: card ids are never given twice, and a phase's state includes when it opened,
so the poll misses neither); everything the watcher cannot see — a card withdrawn or edited, a party
joined, dots cast, the storage failing — is sent as the event's kind and ids.

Lines carry ids, party keys and the storage's own error text, never a participant's words: the
receiver reads what it shows from the file, which stays the one truth. A lost or garbled line
costs at most one watcher interval, and a line that is not understood is dropped.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from facilitator import events as ev

if TYPE_CHECKING:
    from facilitator.store import Store

Message = dict[str, Any]
POKE: Message = {"k": "poke"}


def encode(event: ev.Event) -> Message | None:
    """The line for `event`; None for what the receiver's watcher reads itself (a poke)."""
    w = event.workshop_id
    match event:
        case ev.CardAdded() | ev.PhaseChanged():
            return None
        case ev.CardChanged(card=card):
            return {"k": "event", "t": "card_changed", "w": w, "card": card.id}
        case ev.CardWithdrawn(card_id=card_id):
            return {"k": "event", "t": "card_withdrawn", "w": w, "card": card_id}
        case ev.ParticipantJoined(party_key=party):
            return {"k": "event", "t": "joined", "w": w, "party": party}
        case ev.VotesChanged(phase_id=phase_id):
            return {"k": "event", "t": "votes", "w": w, "phase": phase_id}
        case ev.StorageHealth(problem=problem):
            return {"k": "event", "t": "health", "w": w, "problem": problem}
        case ev.GroupsChanged():
            return {"k": "event", "t": "groups", "w": w}
        case ev.ActionsChanged():
            return {"k": "event", "t": "actions", "w": w}
        case _:  # WorkshopChanged, and any kind added later: listeners re-read the workshop
            return {"k": "event", "t": "workshop", "w": w}


def decode(message: Message, store: Store) -> ev.Event | None:
    """The event a line stands for, read back from the file where it names a card."""
    w, kind = message.get("w"), message.get("t")
    if not isinstance(w, int):
        return None
    if kind in ("card_changed", "card_withdrawn"):
        card_id = message.get("card")
        if not isinstance(card_id, int):
            return None
        if kind == "card_withdrawn":
            return ev.CardWithdrawn(w, card_id)
        card = store.card(card_id)
        return None if card is None else ev.CardChanged(w, card)
    if kind == "joined":
        party = message.get("party")
        return ev.ParticipantJoined(w, party) if isinstance(party, str) else None
    if kind == "votes":
        phase = message.get("phase")
        return ev.VotesChanged(w, phase) if isinstance(phase, int) else None
    if kind == "health":
        problem = message.get("problem")
        return ev.StorageHealth(w, problem if isinstance(problem, str) else None)
    if kind == "groups":
        return ev.GroupsChanged(w)
    if kind == "actions":
        return ev.ActionsChanged(w)
    if kind == "workshop":
        return ev.WorkshopChanged(w)
    return None


def line(message: Message) -> bytes:
    return json.dumps(message, ensure_ascii=True, separators=(",", ":")).encode() + b"\n"


class Relay:
    """One side of the line. `send` takes bytes (non-blocking: a transport's write); lines
    read from the other side go to `receive`; anything but pokes and events (the phones'
    process saying it is ready, a laptop address a phone came through) goes to `on_message`."""

    def __init__(
        self,
        store: Store,
        send: Callable[[bytes], None],
        on_message: Callable[[Message], None] | None = None,
    ) -> None:
        self.store = store
        self._send = send
        self._on_message = on_message
        # Only this process's own writes: what it noticed of the other's is never sent back.
        # Each publish leaves at once, as one write: a group commit's cards are one poke, and a
        # phase change reaches the phones before the backup that follows it is taken.
        self._unsubscribe = store.bus.subscribe_batches(self._outgoing, own_only=True)

    def close(self) -> None:
        self._unsubscribe()

    def send(self, message: Message) -> None:
        self._send(line(message))

    # -- out --------------------------------------------------------------------------------

    def _outgoing(self, events: tuple[ev.Event, ...]) -> None:
        poke, messages = False, []
        for event in events:
            message = encode(event)
            if message is None:
                poke = True
            else:
                messages.append(message)
        # The poke last: the receiver has the events first (a workshop change is noted by its
        # watcher, so the poll does not announce it again), then reads the file as it is now (a
        # card added and withdrawn in one group is simply not there).
        if poke:
            messages.append(POKE)
        if messages:
            with contextlib.suppress(Exception):  # the other side gone: its supervisor knows
                self._send(b"".join(line(m) for m in messages))

    # -- in ---------------------------------------------------------------------------------

    def receive(self, data: bytes) -> None:
        try:
            message = json.loads(data)
        except ValueError:
            return
        if not isinstance(message, dict):
            return
        kind = message.get("k")
        if kind == "poke":
            with contextlib.suppress(Exception):  # as the watcher's own poll: a locked file waits
                self.store.watcher.poll()
        elif kind == "event":
            with contextlib.suppress(Exception):
                event = decode(message, self.store)
                if event is not None:
                    self.store.watcher.heard([event])
                    self.store.bus.publish(event, elsewhere=True)
        elif self._on_message is not None:
            self._on_message(message)

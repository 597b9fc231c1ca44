"""What every request needs to read, kept in memory between the events that change it.

A phone's request needs its workshop, the workshop's parties and current phase,
and who the phone is. Reading those from SQLite for every card costs more than
storing the card; they change only when the bus says so (a phase change, an
edit, a close), so they are cached and dropped on exactly those events.
"""

from __future__ import annotations

from facilitator import events as ev
from facilitator.model import Participant, Workshop, WorkshopState
from facilitator.store import Store

MAX_PARTICIPANTS = 100_000


class ReadCache:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._codes: dict[str, Workshop] = {}
        self._states: dict[int, WorkshopState] = {}
        self._people: dict[tuple[int, str], Participant] = {}

    def on_event(self, event: ev.Event) -> None:
        if isinstance(event, ev.PhaseChanged | ev.WorkshopChanged):
            self._states.pop(event.workshop_id, None)
            self._codes = {c: w for c, w in self._codes.items() if w.id != event.workshop_id}
            if isinstance(event, ev.WorkshopChanged):
                self._people = {k: v for k, v in self._people.items() if k[0] != event.workshop_id}

    def workshop(self, code: str) -> Workshop | None:
        code = code.upper()
        found = self._codes.get(code)
        if found is None:
            found = self.store.workshop_by_code(code)
            if found is not None:
                self._codes[code] = found
        return found

    def state(self, workshop_id: int) -> WorkshopState:
        found = self._states.get(workshop_id)
        if found is None:
            found = self._states[workshop_id] = self.store.state(workshop_id)
        return found

    def participant(self, workshop_id: int, token: str) -> Participant | None:
        # Keyed by the token itself: it is in this process's memory anyway (the request's
        # header), is never written anywhere, and a SHA-256 per card was 2 % of the loop.
        key = (workshop_id, token)
        found = self._people.get(key)
        if found is None:
            found = self.store.participant_by_token(workshop_id, token)
            if found is not None:
                if len(self._people) >= MAX_PARTICIPANTS:
                    self._people.clear()
                self._people[key] = found
        return found

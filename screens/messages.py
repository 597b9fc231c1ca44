"""The two messages the app sends its screens when the store's bus reports a change.

One vocabulary: a screen gets the store's own event (facilitator/events.py) inside `StoreChanged`
and matches on its type; only new cards come differently, coalesced into `CardsArrived`, because
300 phones at once must become a few repaints, not 300.
"""

from __future__ import annotations

from textual.message import Message

from facilitator import events as ev
from facilitator.model import Card

# Events a room sends in bursts and whose listeners re-read what they show rather than use the
# event's payload: a newer one makes an older one of the same kind, still waiting, redundant.
HIGH_RATE: tuple[type[ev.Event], ...] = (
    ev.ParticipantJoined,
    ev.VotesChanged,
    ev.GroupsChanged,
    ev.ActionsChanged,
)


class StoreChanged(Message, bubble=False):
    """The store committed a change; `event` says what (see facilitator/events.py).

    It does not bubble: the app posts one to each screen, and a screen's must not come back."""

    def __init__(self, event: ev.Event) -> None:
        super().__init__()
        self.event = event

    @property
    def workshop_id(self) -> int:
        return self.event.workshop_id

    def can_replace(self, message: Message) -> bool:
        return (
            isinstance(message, StoreChanged)
            and isinstance(self.event, HIGH_RATE)
            and type(message.event) is type(self.event)
            and message.event.workshop_id == self.event.workshop_id
        )


class CardsArrived(Message, bubble=False):
    """Cards committed since the last message: several `CardAdded` events coalesced into one."""

    def __init__(self, workshop_id: int, cards: tuple[Card, ...]) -> None:
        super().__init__()
        self.workshop_id = workshop_id
        self.cards = cards

"""Messages the app sends its screens when the store's bus reports a change."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from facilitator.model import Card, Phase


@dataclass
class CardsArrived(Message):
    """Cards committed since the last message; several bus events coalesced into one."""

    workshop_id: int
    cards: tuple[Card, ...]


@dataclass
class CardsChanged(Message):
    """The facilitator hid, approved, edited or merged cards."""

    workshop_id: int
    cards: tuple[Card, ...]


@dataclass
class CardsRemoved(Message):
    workshop_id: int
    card_ids: tuple[int, ...]


@dataclass
class PhaseUpdated(Message):
    workshop_id: int
    phase: Phase | None


@dataclass
class TalliesChanged(Message):
    """Joins or cards changed the counts per party; coalesced, so it can replace a pending one."""

    workshop_id: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, TalliesChanged) and message.workshop_id == self.workshop_id


@dataclass
class VotesUpdated(Message):
    """Dots, ratings or the reveal changed; coalesced, since a room votes all at once."""

    workshop_id: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, VotesUpdated) and message.workshop_id == self.workshop_id


@dataclass
class GroupsUpdated(Message):
    workshop_id: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, GroupsUpdated) and message.workshop_id == self.workshop_id


@dataclass
class ActionsUpdated(Message):
    workshop_id: int

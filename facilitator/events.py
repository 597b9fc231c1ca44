"""Typed change events and the in-process bus that fans them out.

The store publishes after a commit; the TUI and the phones' event streams
subscribe. Subscribers run on the event loop's thread, whichever thread
published, so that no subscriber ever needs a lock.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import dataclass

from facilitator.model import Card, Phase


@dataclass(frozen=True, slots=True)
class Event:
    workshop_id: int


@dataclass(frozen=True, slots=True)
class CardAdded(Event):
    card: Card


@dataclass(frozen=True, slots=True)
class CardChanged(Event):
    """The facilitator hid, approved, edited or merged a card."""

    card: Card


@dataclass(frozen=True, slots=True)
class CardWithdrawn(Event):
    card_id: int


@dataclass(frozen=True, slots=True)
class ParticipantJoined(Event):
    party_key: str


@dataclass(frozen=True, slots=True)
class PhaseChanged(Event):
    """The current phase or its status changed (from this process or another)."""

    phase: Phase | None


@dataclass(frozen=True, slots=True)
class VotesChanged(Event):
    """Dots or pulse ratings changed in a phase (counts only; results stay hidden until revealed)."""

    phase_id: int


@dataclass(frozen=True, slots=True)
class GroupsChanged(Event):
    """Focus areas or the cards' places in them changed."""


@dataclass(frozen=True, slots=True)
class ActionsChanged(Event):
    """An action was added, edited, or changed status."""


@dataclass(frozen=True, slots=True)
class StorageHealth(Event):
    """Writes started failing (problem set) or work again (problem None); not tied to a workshop."""

    problem: str | None


@dataclass(frozen=True, slots=True)
class WorkshopChanged(Event):
    """Anything else about the workshop changed; listeners re-read what they show."""


Subscriber = Callable[[Event], None]


BatchSubscriber = Callable[[tuple[Event, ...]], None]


@dataclass(frozen=True, slots=True)
class _Subscription:
    callback: Subscriber | None
    own_only: bool  # only what this process itself wrote, not what it noticed of another's
    batch: BatchSubscriber | None = None  # all the events of one publish at once


class Bus:
    """Fan-out of events to subscribers on one asyncio loop.

    Without a loop (the CLI's one-shot commands) events are delivered at once
    on the publishing thread. An event is published `elsewhere=True` when this process only
    noticed it (the file watcher, the phones' process reporting its writes): a subscriber with
    `own_only` — the relay that tells the other process — hears only this process's own writes,
    so nothing is echoed back and forth.
    """

    def __init__(self) -> None:
        self._subscribers: list[_Subscription] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread: int | None = None

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._loop_thread = threading.get_ident()

    def subscribe(self, subscriber: Subscriber, *, own_only: bool = False) -> Callable[[], None]:
        return self._add(_Subscription(subscriber, own_only))

    def subscribe_batches(
        self, subscriber: BatchSubscriber, *, own_only: bool = False
    ) -> Callable[[], None]:
        """`subscriber` gets the events of each publish together, once the one-by-one
        subscribers have had them (a group commit's cards as one batch)."""
        return self._add(_Subscription(None, own_only, subscriber))

    def _add(self, subscription: _Subscription) -> Callable[[], None]:
        self._subscribers.append(subscription)

        def unsubscribe() -> None:
            if subscription in self._subscribers:
                self._subscribers.remove(subscription)

        return unsubscribe

    def publish(self, *events: Event, elsewhere: bool = False) -> None:
        if not events:
            return
        if self._loop is None or threading.get_ident() == self._loop_thread:
            self._dispatch(events, elsewhere)
        elif not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._dispatch, events, elsewhere)

    def _dispatch(self, events: tuple[Event, ...], elsewhere: bool = False) -> None:
        subscriptions = tuple(s for s in self._subscribers if not (elsewhere and s.own_only))
        for event in events:
            for subscription in subscriptions:
                if subscription.callback is not None:
                    subscription.callback(event)
        for subscription in subscriptions:
            if subscription.batch is not None:
                subscription.batch(events)

"""The relay between the app and the phones' process: every kind of event crosses, nothing echoes."""

from __future__ import annotations

import asyncio
from pathlib import Path

from facilitator import events as ev
from facilitator.model import Participant, Workshop
from facilitator.relay import Relay, decode, encode, line
from facilitator.store import Store, cards, participants
from tests.conftest import CHALLENGES, new_id


def a_card(store: Store, workshop: Workshop) -> tuple[int, Participant, str]:
    """A phone joins and writes a card, through the store's own operations."""
    store.open_phase(workshop.id, CHALLENGES)
    participant, _token = store.write(participants.add_participant, workshop.id, "ansatte", "nb")
    client_id = new_id()
    card, _created = store.write(cards.add_card, participant, client_id, "Vi trenger flere hender")
    return card.id, participant, client_id


def test_every_kind_the_watcher_cannot_see_crosses_as_ids(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    card_id, _, _ = a_card(store, workshop)
    card = store.card(card_id)
    assert card is not None
    w = workshop.id
    for event in (
        ev.CardChanged(w, card),
        ev.CardWithdrawn(w, card_id),
        ev.ParticipantJoined(w, "ansatte"),
        ev.VotesChanged(w, 7),
        ev.GroupsChanged(w),
        ev.ActionsChanged(w),
        ev.WorkshopChanged(w),
        ev.StorageHealth(0, "disk I/O error"),
        ev.StorageHealth(0, None),
    ):
        message = encode(event)
        assert message is not None
        assert card.text not in line(message).decode()  # never a participant's words
        other_side = Store(db_path)
        try:
            assert decode(message, other_side) == event
        finally:
            other_side.close()


def test_cards_and_phases_are_a_poke_for_the_watcher(store: Store, workshop: Workshop) -> None:
    card_id, _, _ = a_card(store, workshop)
    card = store.card(card_id)
    assert card is not None
    assert encode(ev.CardAdded(workshop.id, card)) is None
    assert encode(ev.PhaseChanged(workshop.id, None)) is None


async def test_a_write_on_one_side_is_heard_on_the_other_once(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    """Two stores on one file joined by a relay each (as app and child): a card and a
    withdrawal written on one side reach the other's bus, and nothing comes back."""
    loop = asyncio.get_running_loop()
    store.bus.bind(loop)
    other = Store(db_path)
    other.bus.bind(loop)
    heard: dict[str, list[ev.Event]] = {"here": [], "there": []}
    store.bus.subscribe(heard["here"].append)
    other.bus.subscribe(heard["there"].append)
    wire: dict[str, list[bytes]] = {"here": [], "there": []}
    here = Relay(store, wire["there"].append)
    there = Relay(other, wire["here"].append)
    other.watcher.watch(workshop.id)
    store.watcher.watch(workshop.id)

    async def deliver() -> None:
        for _ in range(4):  # a few turns of the line: any echo would show up in them
            await asyncio.sleep(0)
            for side, relay in (("there", there), ("here", here)):
                for data in wire[side]:
                    for each in data.splitlines():
                        relay.receive(each)
                wire[side].clear()

    card_id, participant, client_id = a_card(store, workshop)
    await deliver()
    arrived = [e for e in heard["there"] if isinstance(e, ev.CardAdded)]
    assert [e.card.id for e in arrived] == [card_id]
    assert sum(isinstance(e, ev.CardAdded) for e in heard["here"]) == 1  # its own, no echo
    heard["here"].clear()
    other.write(cards.withdraw_card, participant, client_id)  # as the child's writer would
    await deliver()
    withdrawn = ev.CardWithdrawn(workshop.id, card_id)
    assert heard["here"].count(withdrawn) == 1
    # Heard there once (its own write), and not sent back to it by the side that noticed it.
    assert heard["there"].count(withdrawn) == 1
    assert store.card(card_id) is None
    here.close()
    there.close()
    other.close()


def test_a_line_that_is_not_understood_is_dropped(store: Store, workshop: Workshop) -> None:
    told: list[object] = []
    relay = Relay(store, lambda data: None, told.append)
    heard: list[ev.Event] = []
    store.bus.subscribe(heard.append)
    for garbage in (
        b"",
        b"\xff\xfe",
        b"[1, 2]",
        b'{"k": "event", "t": "card_changed", "w": "1", "card": 1}',
        b'{"k": "event", "t": "card_changed", "w": 1, "card": 99999}',  # no such card
        b'{"k": "event", "t": "joined", "w": 1, "party": 5}',
        b'{"k": "event", "t": "nonsense", "w": 1}',
        b'{"k": "poke"}',  # nothing changed in the file: nothing to say
    ):
        relay.receive(garbage)
    assert heard == []
    relay.receive(b'{"k": "ready"}')
    assert told == [{"k": "ready"}]
    relay.close()


async def test_closing_the_workshop_reaches_the_other_side_once(
    db_path: Path, store: Store, workshop: Workshop
) -> None:
    """The app closes the workshop: the phones' process hears it through the relay, and its own
    watcher, which sees the status change in the file too, does not say it a second time."""
    loop = asyncio.get_running_loop()
    store.bus.bind(loop)
    phones = Store(db_path)
    phones.bus.bind(loop)
    phones.watcher.watch(workshop.id)
    heard: list[ev.Event] = []
    phones.bus.subscribe(heard.append)
    wire: list[bytes] = []
    app_side = Relay(store, wire.append)
    phones_side = Relay(phones, lambda data: None)
    store.close_workshop(workshop.id)
    for data in wire:
        for each in data.splitlines():
            phones_side.receive(each)
    phones.watcher.poll()  # its own poll, as every 0.25 s
    assert heard.count(ev.WorkshopChanged(workshop.id)) == 1
    app_side.close()
    phones_side.close()
    phones.close()


async def test_the_first_phone_through_an_address_is_told_to_the_app(
    store: Store, workshop: Workshop
) -> None:
    """The phones' process sees a phone arrive through one of the laptop's addresses; the app's
    join panel (listening to its Arrivals) hears of the address, and of no phone's."""
    from facilitator.phones import PhonesProcess
    from facilitator.settings import Limits
    from facilitator.venue import Arrivals

    store.bus.bind(asyncio.get_running_loop())
    arrivals = Arrivals()
    reached: list[str] = []
    arrivals.subscribe(reached.append)
    app_side = PhonesProcess(
        store,
        [],
        limits=Limits(),
        trusted_proxies=frozenset(),
        arrivals=arrivals,
        on_trouble=lambda reason: None,
    )
    relay = Relay(store, lambda data: None, app_side._message)
    child_arrivals = Arrivals()  # the phones' process's own
    lines: list[bytes] = []
    child_arrivals.subscribe(lambda ip: lines.append(line({"k": "arrival", "ip": ip})))
    child_arrivals.saw("192.0.2.2", "192.0.2.77")  # a phone on the venue's network
    child_arrivals.saw("192.0.2.2", "192.0.2.78")  # the second phone there: nothing new
    for each in lines:
        relay.receive(each)
    assert reached == ["192.0.2.2"] and arrivals.reached("192.0.2.2")
    assert all(b"192.0.2.77" not in each for each in lines)
    relay.close()

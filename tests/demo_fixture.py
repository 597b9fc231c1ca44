"""The demo's workshop as `trepart demo` leaves it: 24 phones writing demo.py's texts (with all
their duplicates) into every collect phase, the engine's grouping, dots, a pulse and actions.

Built through the store rather than the HTTP endpoint, so that the page tests are quick and
deterministic; the texts and the numbers are the demo's.
"""

from __future__ import annotations

import random

from facilitator import demo
from facilitator.store import Store, grouping, minutes
from facilitator.store.actions import add_action
from facilitator.store.cards import add_card
from facilitator.store.participants import add_participant
from facilitator.store.votes import reveal, set_rating, set_votes
from facilitator.store.workshops import update_workshop

# The focus areas the grouping engine finds in the demo's texts, by a word each card contains
# (the engine itself takes seconds to load; these tests are about the page, not the grouping).
AREAS = {
    "Sykefravær og nærvær": ("sykefravær", "sykmeldt", "nærvær", "arbeidsmiljø"),
    "Heltidskultur": ("stilling", "heltid", "deltid", "turnus", "vikar", "fast"),
    "Rekruttering og å beholde folk": ("rekrutt", "unge", "lærling", "fadder", "nyansatt", "lønn"),
    "Kompetanse": ("kompetanse", "opplæring", "språk", "digitali"),
    "Medvirkning og medbestemmelse": ("tillitsvalgt", "verneombud", "medvirkning", "amu"),
    "Ledelse og roller": ("leder", "ansvar", "politisk", "politikerne", "vedtak"),
    "Omdømme og økonomi": ("omdømme", "budsjett", "jobbe i", "avstander", "møteplass"),
}


def build(store: Store, phones: int = 24, seed: int = 7) -> int:
    rng = random.Random(seed)
    ws = store.create_workshop(
        "tana-oppstart",
        title="Oppstartsseminar trepartssamarbeid",
        municipality="Tana kommune",
        date="2026-11-24",
        place="Kommunestyresalen",
        code="DEMO26",
    )
    store.write(update_workshop, ws.id, facilitator="Kari Nordmann", referent="Ola Hansen")
    store.write(minutes.set_meeting, ws.id, time="09:00–15:00")
    people = [
        (party, store.write(add_participant, ws.id, party, "nb")[0])
        for i in range(phones)
        for party in (demo.PARTIES[i % 3],)
    ]
    state = store.state(ws.id)
    for phase in state.phases:
        if not phase.collects:
            continue
        store.open_phase(ws.id, phase.position)
        calls = []
        for n, (party, who) in enumerate(people):
            for k in range(3):
                category = phase.category.value if phase.category else None
                text, target = demo.card_text(category, party, rng)
                calls.append((add_card, (who, f"{phase.position}-{n}-{k}", text, target)))
        store.write_batch(calls)  # one commit per phase: the room's cards arrive together
        if phase.category and phase.category.value == "challenge":
            store.write(
                minutes.set_item_note,
                phase.id,
                discussion="Sykefravær og små stillinger går igjen hos alle tre partene.",
                decision="Heltid og nærvær blir de to første fokusområdene.",
            )
    store.close_phase(ws.id)
    grouped = {
        p.id for p in state.phases if p.category and p.category.value in ("challenge", "goal")
    }
    cards = [c for c in store.cards(ws.id) if c.phase_id in grouped]
    for label, words in AREAS.items():
        area = store.write(grouping.add_focus_area, ws.id, label)
        mine = [c.id for c in cards if any(w in c.text.lower() for w in words)]
        cards = [c for c in cards if c.id not in mine]
        store.write(grouping.place, mine, area)
    vote = next(p for p in state.phases if p.kind.value == "vote")
    store.open_phase(ws.id, vote.position)
    options = [o.id for o in store.vote_options(vote.id)]
    for _party, who in people:
        chosen = rng.sample(options, k=min(3, len(options)))
        store.write(set_votes, who, {o: 1 for o in chosen})
    store.write(reveal, vote.id, True)
    pulse = next(p for p in state.phases if p.kind.value == "rate")
    store.open_phase(ws.id, pulse.position)
    for _party, who in people:
        store.write(set_rating, who, rng.randint(2, 5))
    store.close_phase(ws.id)
    for title, owner, deadline, area in (
        ("Kartlegge ønsket stillingsstørrelse", "Personalsjefen", "2027-02-01", "Heltid"),
        (
            "Nærværsprosjekt i hjemmetjenesten med NAV arbeidslivssenter",
            "Hovedverneombudet",
            "2027-03-01",
            "Sykefravær",
        ),
        (
            "Felles introduksjonsprogram for nyansatte",
            "Kommunedirektøren",
            "2027-04-15",
            "Rekruttering",
        ),
        (
            "Ledersamling med tillitsvalgte hvert kvartal",
            "Hovedtillitsvalgt",
            "2027-01-31",
            "Samarbeid",
        ),
    ):
        store.write(add_action, ws.id, title, owner=owner, deadline=deadline, focus_area=area)
    return ws.id

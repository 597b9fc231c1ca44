"""One realistic, finished workshop that every export is tested on (and that the README's sample shows)."""

from __future__ import annotations

from facilitator.meeting import Presence
from facilitator.model import ActionStatus
from facilitator.store import Store, grouping, minutes
from facilitator.store.actions import add_action, set_status
from facilitator.store.agreements import add_agreement
from facilitator.store.cards import add_card, edit_text, merge, paper_card, set_hidden
from facilitator.store.participants import add_participant
from facilitator.store.votes import reveal, set_rating, set_votes
from facilitator.store.workshops import update_workshop

# Invented people: the minutes name them, no card or vote does.
PEOPLE = [
    ("folkevalgte", "Per Haugen", "ordfører", Presence.PRESENT),
    ("folkevalgte", "Lise Berg", "varaordfører", Presence.ABSENT),
    ("folkevalgte", "Anne Lie", "", Presence.DEPUTY),
    ("administrasjon", "Jon Dahl", "kommunedirektør", Presence.PRESENT),
    ("ansatte", "Siri Moe", "hovedtillitsvalgt", Presence.PRESENT),
    ("ansatte", "Tor Vik", "hovedverneombud", Presence.PRESENT),
]

CHALLENGES = [
    ("folkevalgte", "Vanskelig å rekruttere sykepleiere til distriktet"),
    ("administrasjon", "Høyt sykefravær i hjemmetjenesten"),
    ("ansatte", "For mange små deltidsstillinger"),
    ("ansatte", "Turnusen gir ikke hele stillinger"),
    ("folkevalgte", "Sykefraværet på sykehjemmet er for høyt"),
    (
        "administrasjon",
        '=HYPERLINK("http://evil.example","klikk") <script>alert(1)</script> [bold]x[/]',
    ),
]


def build(store: Store) -> int:
    ws = store.create_workshop(
        "tana-oppstart",
        title="Oppstartsseminar trepartssamarbeid",
        municipality="Tana kommune",
        date="2026-11-24",
        place="Kommunestyresalen",
        code="TANA24",
    )
    store.write(update_workshop, ws.id, facilitator="Kari Nordmann", referent="Ola Hansen")
    store.write(minutes.set_meeting, ws.id, time="18:00–20:30")
    for party, name, role, presence in PEOPLE:
        store.write(minutes.add_attendee, ws.id, party, name, role, presence)
    people = {
        party: [store.write(add_participant, ws.id, party, "nb")[0] for _ in range(3)]
        for party in ("folkevalgte", "administrasjon", "ansatte")
    }
    store.open_phase(ws.id, 2)
    card_ids = []
    for i, (party, text) in enumerate(CHALLENGES):
        card, _ = store.write(
            add_card, people[party][i % 3], f"00000000-0000-4000-8000-00000000000{i}", text
        )
        card_ids.append(card.id)
    store.write(edit_text, card_ids[1], "Høyt sykefravær i hjemmetjenesten og på sykehjemmet")
    store.write(merge, card_ids[1], [card_ids[4]])
    store.write(
        paper_card,
        ws.id,
        store.state(ws.id).phases[1].id,
        "ansatte",
        "Fra lapp: mer tid til ledelse",
    )
    hidden, _ = store.write(
        add_card,
        people["folkevalgte"][2],
        "00000000-0000-4000-8000-000000000099",
        "Dette kortet er skjult",
    )
    store.write(set_hidden, hidden.id, True)
    store.open_phase(ws.id, 4)
    store.write(
        add_card,
        people["ansatte"][0],
        "00000000-0000-4000-8000-000000000100",
        "Involver tillitsvalgte tidlig",
        "administrasjon",
    )
    store.write(
        add_card,
        people["administrasjon"][0],
        "00000000-0000-4000-8000-000000000101",
        "Tydelige prioriteringer",
        "folkevalgte",
    )
    sick = store.write(grouping.add_focus_area, ws.id, "Sykefravær")
    fulltime = store.write(grouping.add_focus_area, ws.id, "Heltidskultur")
    store.write(grouping.place, [card_ids[1]], sick)
    store.write(grouping.place, [card_ids[2], card_ids[3]], fulltime)
    store.write(grouping.toggle_pin, fulltime)
    store.write(grouping.toggle_pin, sick)
    store.write(
        add_agreement,
        ws.id,
        store.state(ws.id).phases[1].id,
        "heltid som hovedregel i nye utlysninger",
    )
    store.write(
        minutes.set_item_note,
        store.state(ws.id).phases[1].id,
        discussion="Sykefraværet henger sammen med små stillinger.\nTurnusen må ses på samlet.",
        decision="Partene lager en felles plan for heltid innen mars.",
    )
    store.open_phase(ws.id, 6)
    phase = store.state(ws.id).current_phase
    options = {o.label: o.id for o in store.vote_options(phase.id)}
    for party, votes in (
        ("folkevalgte", {options["Sykefravær"]: 2, options["Heltidskultur"]: 1}),
        ("administrasjon", {options["Sykefravær"]: 1, options["Heltidskultur"]: 2}),
        ("ansatte", {options["Heltidskultur"]: 3}),
    ):
        for who in people[party]:
            store.write(set_votes, who, votes)
    store.write(reveal, phase.id, True)
    store.open_phase(ws.id, 8)
    for party, value in (("folkevalgte", 4), ("administrasjon", 3), ("ansatte", 2)):
        for who in people[party]:
            store.write(set_rating, who, value)
    store.close_phase(ws.id)
    action = store.write(
        add_action,
        ws.id,
        "Kartlegge ønsket stillingsstørrelse",
        owner="Administrasjonen",
        deadline="2027-02-01",
        focus_area="Heltidskultur",
    )
    store.write(set_status, action.id, ActionStatus.IN_PROGRESS, "startet")
    store.write(
        add_action,
        ws.id,
        "Nærværsprosjekt i hjemmetjenesten",
        owner="Hovedverneombud",
        deadline="2027-03-01",
        focus_area="Sykefravær",
    )
    return ws.id

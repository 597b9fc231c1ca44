"""A steering-group meeting as a municipality minutes it (the form of Saltdal's referat: numbered
saker, Til stede with names, discussion and decision per sak, an exempted sak), and the next
meeting of its series. Every name and sentence is invented."""

from __future__ import annotations

from facilitator.meeting import Presence
from facilitator.store import Store, minutes
from facilitator.store.actions import add_action
from facilitator.store.agreements import add_agreement
from facilitator.store.cards import paper_card
from facilitator.store.workshops import update_workshop

PEOPLE = [
    ("folkevalgte", "Hans Aas", "ordfører", Presence.PRESENT),
    ("folkevalgte", "Berit Nilsen", "gruppeleder", Presence.PRESENT),
    ("folkevalgte", "Knut Eide", "", Presence.ABSENT),
    ("administrasjon", "Ingrid Holm", "kommunedirektør", Presence.PRESENT),
    ("administrasjon", "Ola Fjell", "personalsjef", Presence.PRESENT),
    ("ansatte", "Guro Lund", "hovedtillitsvalgt Fagforbundet", Presence.PRESENT),
    ("ansatte", "Arne Bakke", "hovedverneombud", Presence.PRESENT),
    ("ansatte", "Tone Rød", "", Presence.DEPUTY),
]
SECRET = "Nedbemanning i renholdstjenesten: to navngitte stillinger drøftet."


def build(store: Store) -> int:
    ws = store.create_workshop(
        "styringsgruppe",
        title="Styringsgruppe trepartssamarbeid",
        municipality="Nordvik kommune",
        date="2027-01-26",
        place="Formannskapssalen",
        code="STYR27",
    )
    store.write(update_workshop, ws.id, facilitator="Mari Solberg", referent="Eirik Strand")
    store.write(minutes.set_meeting, ws.id, time="12:00–14:00")
    for party, name, role, presence in PEOPLE:
        store.write(minutes.add_attendee, ws.id, party, name, role, presence)
    phases = store.state(ws.id).phases
    store.write(
        minutes.set_item_note, phases[0].id, decision="Innkalling og saksliste ble godkjent."
    )
    for party, text in (
        ("ansatte", "Møteplan for året"),
        ("folkevalgte", "Åpenhet: referatene på kommunens nettside"),
        ("ansatte", "Møteplan for året"),
    ):
        store.write(paper_card, ws.id, phases[2].id, party, text)
    store.write(
        minutes.set_item_note,
        phases[2].id,
        discussion=(
            "Møtene har lagt seg samme dag som formannskapet. Det gir lite tid.\n"
            "Flere ønsket at innkalling og referat legges ut på nettsiden."
        ),
        decision="Møtene flyttes til tirsdager. Referatene publiseres på nettsiden.",
    )
    store.write(add_agreement, ws.id, phases[2].id, "å evaluere møteformen i juni")
    store.write(
        minutes.set_item_note, phases[4].id, discussion=SECRET, decision="Tas til orientering."
    )
    store.write(minutes.set_exempt, phases[4].id, "offl. § 14")
    store.write(
        add_action,
        ws.id,
        "Lage møteplan for 2027 med tirsdagsmøter",
        owner="Kommunedirektøren",
        deadline="2027-02-15",
        focus_area="Møteform",
    )
    return ws.id

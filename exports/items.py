"""The parts of the minutes a secretary adds around the cards: people, per item counts, the
appendix with duplicates collapsed. Pure functions over values the summary has already read.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from exports.labels import labels
from facilitator.meeting import Attendee, Presence


@dataclass(frozen=True, slots=True)
class CardItem:
    text: str
    party: str  # the party's name, or the pooled name below the anonymity limit
    target: str | None = None
    duplicates: int = 0  # how many other cards this one stands for (merged or identical)
    paper: bool = False


@dataclass(frozen=True, slots=True)
class PersonLine:
    name: str
    role: str
    status: str  # Presence value: present, absent, deputy


@dataclass(frozen=True, slots=True)
class PartyPeople:
    party: str
    present: tuple[PersonLine, ...]  # deputies included, marked
    absent: tuple[PersonLine, ...]


@dataclass(frozen=True, slots=True)
class AreaCount:
    """One row of "what came in" under an item: a focus area and its cards per party."""

    label: str
    total: int
    by_party: tuple[int, ...]  # per group, in the order of the section's `columns`
    note: str = ""


def people(attendees: list[Attendee], parties: list[tuple[str, str]]) -> tuple[PartyPeople, ...]:
    """Til stede and Forfall per party, in the parties' order; a party with nobody listed is left out."""
    out = []
    for key, name in parties:
        mine = [a for a in attendees if a.party_key == key]
        if not mine:
            continue
        out.append(
            PartyPeople(
                name,
                tuple(
                    PersonLine(a.name, a.role, a.status.value)
                    for a in mine
                    if a.status is not Presence.ABSENT
                ),
                tuple(
                    PersonLine(a.name, a.role, a.status.value)
                    for a in mine
                    if a.status is Presence.ABSENT
                ),
            )
        )
    return tuple(out)


def person_text(p: PersonLine, lang: str) -> str:
    """ "Kari Nordmann (ordfører, vara)": the way a name stands in the list."""
    extra = [p.role] if p.role else []
    if p.status == Presence.DEPUTY.value:
        extra.append(labels(lang)["deputy"])
    return p.name + (f" ({', '.join(extra)})" if extra else "")


def _key(text: str) -> str:
    return " ".join(text.split()).casefold().rstrip(".!")


def collapse(cards: tuple[CardItem, ...]) -> tuple[CardItem, ...]:
    """Cards that say the same (ignoring case, spacing, a final full stop) become one card "×n".

    The parties of the collapsed cards are joined, so nothing is attributed to fewer people
    than wrote it.
    """
    seen: dict[tuple[str, str | None], int] = {}
    out: list[CardItem] = []
    for card in cards:
        key = (_key(card.text), card.target)
        if key in seen:
            first = out[seen[key]]
            parties = first.party.split(", ")
            if card.party not in parties:
                parties.append(card.party)
            out[seen[key]] = replace(
                first,
                duplicates=first.duplicates + card.duplicates + 1,
                party=", ".join(parties),
                paper=first.paper or card.paper,
            )
        else:
            seen[key] = len(out)
            out.append(card)
    return tuple(out)

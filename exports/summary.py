"""The summary of a workshop as plain data, read from the store once for every writer.

Anonymity is applied here, once, so that no writer can leak it: a party with
fewer participants than the workshop's limit is not broken out on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.model import Card, Category, Party, PhaseKind
from facilitator.store import Store
from facilitator.templates import item_number

POOLED = "Øvrige (under anonymitetsgrensen)"


@dataclass(frozen=True, slots=True)
class PartyLine:
    key: str
    name: str
    participants: int | None  # None: fewer than the anonymity limit, shown as such
    cards: int


@dataclass(frozen=True, slots=True)
class CardItem:
    text: str
    target: str | None = None
    duplicates: int = 0  # how many merged cards this one stands for
    paper: bool = False


@dataclass(frozen=True, slots=True)
class PartyCards:
    party: str
    cards: tuple[CardItem, ...]


@dataclass(frozen=True, slots=True)
class VoteLine:
    rank: int
    label: str
    dots: int
    by_party: tuple[int | None, ...]  # per party in Summary.parties order; None below the limit


@dataclass(frozen=True, slots=True)
class PulseLine:
    party: str
    answers: int
    mean: float | None  # None below the anonymity limit


@dataclass(frozen=True, slots=True)
class ActionLine:
    title: str
    focus_area: str
    owner: str
    deadline: str
    status: str
    note: str
    carried: bool


@dataclass(frozen=True, slots=True)
class PhaseSection:
    position: int
    number: str
    title: str
    kind: str
    prompt: str
    status: str
    groups: tuple[PartyCards, ...]
    agreements: tuple[str, ...] = ()
    matrix: tuple[tuple[str, tuple[int, ...]], ...] = ()  # rows: from-party, counts per to-party
    votes: tuple[VoteLine, ...] = ()
    pulse: tuple[PulseLine, ...] = ()

    @property
    def card_count(self) -> int:
        return sum(len(g.cards) for g in self.groups)


@dataclass(frozen=True, slots=True)
class Summary:
    title: str
    municipality: str
    date: str
    place: str
    code: str
    anonymity_limit: int
    parties: tuple[PartyLine, ...]
    phases: tuple[PhaseSection, ...]
    facilitator: str = ""
    referent: str = ""
    agreements: tuple[str, ...] = ()  # agreements not tied to a phase
    actions: tuple[ActionLine, ...] = ()
    series: str = ""


def build_summary(store: Store, workshop_id: int) -> Summary:
    state = store.state(workshop_id)
    ws = state.workshop
    tallies = store.tallies(workshop_id)
    limit = ws.anonymity_limit
    shown = {t.party.key for t in tallies if t.participants >= limit}
    parties = tuple(
        PartyLine(
            t.party.key, t.party.name, t.participants if t.party.key in shown else None, t.cards
        )
        for t in tallies
    )
    merged = store.merged_counts(workshop_id)
    cards = [c for c in store.cards(workshop_id) if c.on_wall]
    agreements = store.agreements(workshop_id)
    phases = tuple(
        PhaseSection(
            position=phase.position,
            number=item_number(ws.template, phase.position, ws.date) or f"{phase.position}.",
            title=phase.title,
            kind=phase.kind.value,
            prompt=phase.prompt,
            status=phase.status.value,
            groups=_grouped(
                [c for c in cards if c.phase_id == phase.id], state.parties, shown, merged
            )
            if phase.collects
            else (),
            agreements=tuple(a.text for a in agreements if a.phase_id == phase.id),
            matrix=_matrix([c for c in cards if c.phase_id == phase.id], state.parties, shown)
            if phase.category is Category.ROLE_EXPECTATION
            else (),
            votes=_votes(store, phase.id, state.parties, limit)
            if phase.kind is PhaseKind.VOTE
            else (),
            pulse=_pulse(store, phase.id, state.parties, limit)
            if phase.kind is PhaseKind.RATE
            else (),
        )
        for phase in state.phases
    )
    phase_ids = {p.id for p in state.phases}
    return Summary(
        ws.title,
        ws.municipality,
        ws.date,
        ws.place,
        ws.code,
        limit,
        parties,
        phases,
        facilitator=ws.facilitator,
        referent=ws.referent,
        agreements=tuple(a.text for a in agreements if a.phase_id not in phase_ids),
        actions=tuple(
            ActionLine(
                a.title,
                a.focus_area,
                a.owner,
                a.deadline,
                a.status.label,
                a.note,
                a.carried_from is not None,
            )
            for a in store.actions(workshop_id)
        ),
        series=ws.series,
    )


def _votes(
    store: Store, phase_id: int, parties: tuple[Party, ...], limit: int
) -> tuple[VoteLine, ...]:
    voters = store.voters(phase_id)
    return tuple(
        VoteLine(
            r.rank,
            r.option.label,
            r.dots,
            tuple(
                r.by_party.get(p.key, 0) if voters.get(p.key, 0) >= limit else None for p in parties
            ),
        )
        for r in store.vote_results(phase_id)
    )


def _pulse(
    store: Store, phase_id: int, parties: tuple[Party, ...], limit: int
) -> tuple[PulseLine, ...]:
    ratings = store.ratings(phase_id)
    lines = []
    for party in parties:
        counts = ratings.get(party.key, [0] * 5)
        n = sum(counts)
        mean = sum((i + 1) * c for i, c in enumerate(counts)) / n if n >= limit else None
        lines.append(PulseLine(party.name, n, mean))
    everyone = [sum(c[i] for c in ratings.values()) for i in range(5)]
    total = sum(everyone)
    lines.append(
        PulseLine(
            "Alle",
            total,
            sum((i + 1) * c for i, c in enumerate(everyone)) / total if total else None,
        )
    )
    return tuple(lines)


def _matrix(
    cards: list[Card], parties: tuple[Party, ...], shown: set[str]
) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Counts of expectations from each party (rows) towards each party (columns).

    A row for a party below the anonymity limit would reveal its few members'
    cards, so it is left out.
    """
    return tuple(
        (
            source.name,
            tuple(
                sum(1 for c in cards if c.party_key == source.key and c.target_party == target.key)
                for target in parties
            ),
        )
        for source in parties
        if source.key in shown
    )


def _grouped(
    cards: list[Card], parties: tuple[Party, ...], shown: set[str], merged: dict[int, int]
) -> tuple[PartyCards, ...]:
    names = {p.key: p.name for p in parties}
    groups: list[PartyCards] = []
    for party in parties:
        if party.key in shown:
            items = tuple(_item(c, names, merged) for c in cards if c.party_key == party.key)
            if items:
                groups.append(PartyCards(party.name, items))
    pooled = tuple(_item(c, names, merged) for c in cards if c.party_key not in shown)
    if pooled:
        groups.append(PartyCards(POOLED, pooled))
    return tuple(groups)


def _item(card: Card, names: dict[str, str], merged: dict[int, int]) -> CardItem:
    target = names.get(card.target_party) if card.target_party else None
    return CardItem(card.text, target, merged.get(card.id, 0), card.source == "paper")

"""The summary of a workshop as plain data, read from the store once for every writer.

Anonymity is applied here, once, so that no writer can leak it: a party with
fewer participants than the workshop's limit is not broken out on its own, in
counts, tags or results. Hidden and merged-away cards are left out; edited
cards carry their edited text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from exports.labels import labels
from facilitator.model import Card, Category, Party, PhaseKind
from facilitator.store import Store
from facilitator.templates import item_number


@dataclass(frozen=True, slots=True)
class PartyLine:
    key: str
    name: str
    participants: int | None  # None: fewer than the anonymity limit
    cards: int


@dataclass(frozen=True, slots=True)
class CardItem:
    text: str
    party: str  # the party's name, or the pooled name below the anonymity limit
    target: str | None = None
    duplicates: int = 0  # how many merged cards this one stands for
    paper: bool = False


@dataclass(frozen=True, slots=True)
class CardGroup:
    title: str
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
class AreaLine:
    label: str
    pinned: bool
    total: int
    by_party: tuple[int | None, ...]
    common: bool  # every party contributed
    one_party: bool


@dataclass(frozen=True, slots=True)
class PhaseSection:
    position: int
    number: str  # "3." or, in a numbered saksliste, "03/24"
    title: str
    kind: str
    prompt: str
    status: str
    groups: tuple[CardGroup, ...] = ()
    by_focus_area: bool = False
    agreements: tuple[str, ...] = ()
    matrix: tuple[tuple[str, tuple[int, ...]], ...] = ()  # rows: from-party, counts per to-party
    votes: tuple[VoteLine, ...] = ()
    pulse: tuple[PulseLine, ...] = ()

    @property
    def card_count(self) -> int:
        return sum(len(g.cards) for g in self.groups)

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}"


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
    lang: str = "nb"
    facilitator: str = ""
    referent: str = ""
    series: str = ""
    agreements: tuple[str, ...] = ()  # agreements not tied to a phase
    actions: tuple[ActionLine, ...] = ()
    focus_areas: tuple[AreaLine, ...] = ()
    words: dict[str, str] = field(default_factory=dict)

    @property
    def facts(self) -> list[tuple[str, str]]:
        """The header of the minutes, (label, value), only what is filled in, in the archive's order."""
        pairs = (
            ("municipality", self.municipality),
            ("date", self.date),
            ("place", self.place),
            ("facilitator", self.facilitator),
            ("referent", self.referent),
            ("series", self.series),
            ("code", self.code),
        )
        return [(self.t(key), value) for key, value in pairs if value]

    @property
    def action_header(self) -> list[str]:
        """The columns of every action table, in every format."""
        return [
            self.t(key) for key in ("action", "focus_area", "owner", "deadline", "status", "note")
        ]

    def t(self, key: str, **params: object) -> str:
        """A word of the referat in its language."""
        return self.words[key].format(**params) if params else self.words[key]


def build_summary(store: Store, workshop_id: int, lang: str = "nb") -> Summary:
    words = labels(lang)
    state = store.state(workshop_id)
    ws = state.workshop
    limit = ws.anonymity_limit
    tallies = store.tallies(workshop_id)
    shown = {t.party.key for t in tallies if t.participants >= limit}
    names = {p.key: p.name_in(lang) for p in state.parties}
    parties = tuple(
        PartyLine(
            t.party.key,
            names[t.party.key],
            t.participants if t.party.key in shown else None,
            t.cards,
        )
        for t in tallies
    )
    merged = store.merged_counts(workshop_id)
    cards = [c for c in store.cards(workshop_id) if c.on_wall]
    areas = store.focus_areas(workshop_id)
    area_names = {a.id: a.label for a in areas}
    agreements = store.agreements(workshop_id)

    def item(card: Card) -> CardItem:
        party = (
            names.get(card.party_key, card.party_key)
            if card.party_key in shown
            else words["pooled"]
        )
        target = names.get(card.target_party) if card.target_party else None
        return CardItem(card.text, party, target, merged.get(card.id, 0), card.source == "paper")

    def grouped(phase_cards: list[Card]) -> tuple[tuple[CardGroup, ...], bool]:
        if any(c.focus_area_id in area_names for c in phase_cards):
            groups = [
                CardGroup(a.label, tuple(item(c) for c in phase_cards if c.focus_area_id == a.id))
                for a in areas
            ]
            rest = tuple(item(c) for c in phase_cards if c.focus_area_id not in area_names)
            if rest:
                groups.append(CardGroup(words["unsorted"], rest))
            return tuple(g for g in groups if g.cards), True
        groups = [
            CardGroup(p.name_in(lang), tuple(item(c) for c in phase_cards if c.party_key == p.key))
            for p in state.parties
            if p.key in shown
        ]
        pooled = tuple(item(c) for c in phase_cards if c.party_key not in shown)
        if pooled:
            groups.append(CardGroup(words["pooled"], pooled))
        return tuple(g for g in groups if g.cards), False

    sections = []
    for phase in state.phases:
        phase_cards = [c for c in cards if c.phase_id == phase.id]
        groups, by_area = grouped(phase_cards) if phase.collects else ((), False)
        number = item_number(ws.template, phase.position, ws.date)
        sections.append(
            PhaseSection(
                position=phase.position,
                number=f"{words['item']} {number}" if number else f"{phase.position}.",
                title=phase.title_in(lang),
                kind=phase.kind.value,
                prompt=phase.prompt_in(lang),
                status=phase.status.value,
                groups=groups,
                by_focus_area=by_area,
                agreements=tuple(a.text for a in agreements if a.phase_id == phase.id),
                matrix=_matrix(phase_cards, state.parties, shown, lang)
                if phase.category is Category.ROLE_EXPECTATION
                else (),
                votes=_votes(store, phase.id, state.parties, limit)
                if phase.kind is PhaseKind.VOTE
                else (),
                pulse=_pulse(store, phase.id, state.parties, limit, lang, words)
                if phase.kind is PhaseKind.RATE
                else (),
            )
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
        tuple(sections),
        lang=lang,
        facilitator=ws.facilitator,
        referent=ws.referent,
        series=ws.series,
        agreements=tuple(a.text for a in agreements if a.phase_id not in phase_ids),
        actions=tuple(
            ActionLine(
                a.title,
                a.focus_area,
                a.owner,
                a.deadline,
                words[a.status.value],
                a.note,
                a.carried_from is not None,
            )
            for a in store.actions(workshop_id)
        ),
        focus_areas=tuple(
            _area(
                a.label,
                a.pinned,
                [c for c in cards if c.focus_area_id == a.id],
                state.parties,
                shown,
            )
            for a in areas
        ),
        words=words,
    )


def _area(
    label: str, pinned: bool, cards: list[Card], parties: tuple[Party, ...], shown: set[str]
) -> AreaLine:
    counts = [sum(1 for c in cards if c.party_key == p.key) for p in parties]
    present = [p for p, n in zip(parties, counts, strict=True) if n]
    return AreaLine(
        label,
        pinned,
        len(cards),
        tuple(n if p.key in shown else None for p, n in zip(parties, counts, strict=True)),
        common=len(present) == len(parties) and len(parties) >= 3,
        one_party=len(present) == 1 and present[0].key in shown,
    )


def _matrix(
    cards: list[Card], parties: tuple[Party, ...], shown: set[str], lang: str
) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Counts of expectations from each party (rows) towards each party (columns); a row for a
    party below the anonymity limit would point at its few members, so it is left out."""
    return tuple(
        (
            source.name_in(lang),
            tuple(
                sum(1 for c in cards if c.party_key == source.key and c.target_party == target.key)
                for target in parties
            ),
        )
        for source in parties
        if source.key in shown
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
    store: Store,
    phase_id: int,
    parties: tuple[Party, ...],
    limit: int,
    lang: str,
    words: dict[str, str],
) -> tuple[PulseLine, ...]:
    ratings = store.ratings(phase_id)
    lines = []
    for party in parties:
        counts = ratings.get(party.key, [0] * 5)
        n = sum(counts)
        mean = sum((i + 1) * c for i, c in enumerate(counts)) / n if n >= limit else None
        lines.append(PulseLine(party.name_in(lang), n, mean))
    everyone = [sum(c[i] for c in ratings.values()) for i in range(5)]
    total = sum(everyone)
    mean = sum((i + 1) * c for i, c in enumerate(everyone)) / total if total >= limit else None
    lines.append(PulseLine(words["everyone"], total, mean))
    return tuple(lines)

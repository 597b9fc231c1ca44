"""The summary of a workshop as plain data, read from the store once for every writer.

Anonymity is applied here, once, so that no writer can leak it: a party with
fewer participants than the workshop's limit is not broken out on its own, in
counts, tags or results. Hidden and merged-away cards are left out; edited
cards carry their edited text. So is openness: in the public version (the
default) an item unntatt offentlighet keeps only its title, so no writer can
publish what was exempted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from exports.items import AreaCount, CardItem, PartyPeople, collapse, people
from exports.labels import labels
from facilitator.locale_format import date_long
from facilitator.model import Card, Category, Party, PhaseKind
from facilitator.store import Store, minutes
from facilitator.templates import item_number


@dataclass(frozen=True, slots=True)
class PartyLine:
    key: str
    name: str
    participants: int | None  # None: fewer than the anonymity limit
    cards: int


@dataclass(frozen=True, slots=True)
class CardGroup:
    title: str
    cards: tuple[CardItem, ...]  # identical cards collapsed into one "×n"
    count: int = 0  # the cards on the wall before collapsing: the same figure as the body's


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
    areas: tuple[AreaCount, ...] = ()  # what came in: cards per focus area and party
    discussion: str = ""
    decision: str = ""
    exempt: str | None = None  # the legal basis when unntatt offentlighet
    withheld: bool = False  # public version of an exempt item: only the title is left
    actions: tuple[ActionLine, ...] = ()  # the actions decided (or carried) under this item
    top: tuple[CardItem, ...] = ()  # ungrouped items: the most frequent cards, "×n"

    @property
    def in_body(self) -> bool:
        """An opening or a grouping step with nothing recorded is only a line of the saksliste."""
        return self.kind not in ("info", "group") or bool(
            self.exempt is not None
            or self.discussion.strip()
            or self.decision.strip()
            or self.agreements
            or self.actions
        )

    @property
    def nothing_came_in(self) -> bool:
        """A collect item with no cards and no notes: the minutes say "Ingen innspill."."""
        return (
            self.kind == "collect"
            and not self.groups
            and not (self.discussion.strip() or self.decision.strip() or self.agreements)
        )

    @property
    def card_count(self) -> int:
        return sum(g.count for g in self.groups)

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
    time: str = ""
    people: tuple[PartyPeople, ...] = ()
    internal: bool = False  # the internal version: exempt items with their content

    @property
    def facts(self) -> list[tuple[str, str]]:
        """The header of the minutes, (label, value), only what is filled in, in the archive's
        order. The join code is not here: it is the room's key, not a fact of the meeting."""
        when = date_long(self.date, self.lang)
        if self.time:
            when = f"{when}, {self.time}" if when else self.time
        pairs = (
            ("municipality", self.municipality),
            ("meeting", self.title),
            ("date_time", when),
            ("place", self.place),
            ("facilitator", self.facilitator),
            ("referent", self.referent),
            ("series", self.series),
        )
        return [(self.t(key), value) for key, value in pairs if value]

    @property
    def agenda(self) -> list[str]:
        """The saksliste: every item's number and title (an exempt item's title is public)."""
        return [p.heading for p in self.phases]

    @property
    def loose_actions(self) -> tuple[ActionLine, ...]:
        """New actions with no actions item on the agenda to stand under: shown after the items."""
        if any(p.kind == "actions" for p in self.phases):
            return ()
        return tuple(a for a in self.actions if not a.carried)

    @property
    def has_cards(self) -> bool:
        return any(p.groups for p in self.phases)

    @property
    def action_header(self) -> list[str]:
        """The columns of every action table, in every format."""
        return [
            self.t(key) for key in ("action", "focus_area", "owner", "deadline", "status", "note")
        ]

    def t(self, key: str, **params: object) -> str:
        """A word of the referat in its language."""
        return self.words[key].format(**params) if params else self.words[key]


def build_summary(
    store: Store, workshop_id: int, lang: str = "nb", *, internal: bool = False
) -> Summary:
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
    notes = store.read(minutes.item_notes, workshop_id)
    secret = {pid for pid, n in notes.items() if n.exempt and not internal}
    cards = [c for c in store.cards(workshop_id) if c.on_wall and c.phase_id not in secret]
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

    def came_in(phase_cards: list[Card], by_area: bool) -> tuple[AreaCount, ...]:
        """Per focus area (or, ungrouped, all cards) the count per party: the body's table."""
        if not phase_cards:
            return ()
        buckets = (
            [(a.label, [c for c in phase_cards if c.focus_area_id == a.id]) for a in areas]
            + [
                (
                    words["unsorted"],
                    [c for c in phase_cards if c.focus_area_id not in area_names],
                )
            ]
            if by_area
            else [(words["all_cards"], phase_cards)]
        )
        rows = []
        for label, mine in buckets:
            if not mine:
                continue
            line = _area(label, False, mine, state.parties, shown)
            note = words["common"] if line.common else words["one_party"] if line.one_party else ""
            rows.append(AreaCount(label, line.total, line.by_party, note))
        return tuple(rows)

    action_lines = tuple(
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
    )
    first = store.read(minutes.first_item, workshop_id)
    sections = []
    for phase in state.phases:
        phase_cards = [c for c in cards if c.phase_id == phase.id]
        groups, by_area = grouped(phase_cards) if phase.collects else ((), False)
        number = item_number(ws.template, phase.position, ws.date, first)
        note = notes.get(phase.id)
        exempt = note.exempt_basis if note else None
        section = PhaseSection(
            position=phase.position,
            number=f"{words['item']} {number}" if number else f"{phase.position}.",
            title=phase.title_in(lang),
            kind=phase.kind.value,
            prompt=phase.prompt_in(lang),
            status=phase.status.value,
            groups=tuple(CardGroup(g.title, collapse(g.cards), len(g.cards)) for g in groups),
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
            areas=came_in(phase_cards, by_area)
            if phase.collects and phase.category is not Category.ROLE_EXPECTATION
            else (),
            top=_top(groups) if groups and not by_area else (),
            discussion=note.discussion if note else "",
            decision=note.decision if note else "",
            exempt=exempt,
            actions=tuple(a for a in action_lines if not a.carried)
            if phase.kind is PhaseKind.ACTIONS
            else tuple(a for a in action_lines if a.carried)
            if phase.kind is PhaseKind.REVIEW
            else (),
        )
        if exempt is not None and not internal:
            # Public version: the title and the exemption, nothing of the content.
            section = PhaseSection(
                section.position,
                section.number,
                section.title,
                section.kind,
                "",
                section.status,
                exempt=exempt,
                withheld=True,
            )
        sections.append(section)
    withheld_kinds = {p.kind for p in sections if p.withheld}
    if "actions" in withheld_kinds:
        action_lines = tuple(a for a in action_lines if a.carried)
    if "review" in withheld_kinds:
        action_lines = tuple(a for a in action_lines if not a.carried)
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
        actions=action_lines,
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
        time=store.read(minutes.meeting, workshop_id).time,
        people=people(
            store.read(minutes.attendees, workshop_id),
            [(p.key, p.name_in(lang)) for p in state.parties],
        ),
        internal=internal,
    )


TOP = 6  # cards quoted under an ungrouped item; every card is in the appendix


def _top(groups: tuple[CardGroup, ...]) -> tuple[CardItem, ...]:
    """The cards said most often across the parties: what came in, in a few lines."""
    merged = collapse(tuple(c for g in groups for c in g.cards))
    ranked = sorted(enumerate(merged), key=lambda pair: (-pair[1].duplicates, pair[0]))
    return tuple(card for _, card in ranked[:TOP])


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
    if total == 0:
        return ()  # nobody answered: no table of zeros
    mean = sum((i + 1) * c for i, c in enumerate(everyone)) / total if total >= limit else None
    lines.append(PulseLine(words["everyone"], total, mean))
    return tuple(lines)

"""The summary of a workshop as plain data, read from the store once for every writer.

Anonymity is decided by `facilitator.anonymity` (the one home of the rule) and
applied here, once, so that no writer can leak it: every per-party figure or tag
is shown under the group the rule gives it (a party, "Øvrige parter", or none),
and a figure that could be subtracted to recover a hidden group is withheld.
Hidden and merged-away cards are left out; edited cards carry their edited text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from exports.labels import labels
from facilitator import anonymity
from facilitator.anonymity import POOL, Disclosure
from facilitator.model import Card, Category, Party, PhaseKind
from facilitator.store import Store
from facilitator.templates import item_number


@dataclass(frozen=True, slots=True)
class PartyLine:
    key: str
    name: str
    participants: int | None  # None: fewer than the anonymity limit
    cards: int | None  # None: withheld, so no phase's hidden group can be had by subtraction


@dataclass(frozen=True, slots=True)
class CardItem:
    text: str
    party: str  # the party's name, the pool's name, or "" when the phase has no breakdown
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
    by_party: tuple[int, ...]  # per group, in the order of the section's `columns`


@dataclass(frozen=True, slots=True)
class PulseLine:
    party: str
    answers: int
    mean: float | None  # None: fewer than the anonymity limit answered


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
    by_party: tuple[int, ...]  # per group, in the order of Summary.area_columns
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
    # rows: from-group, counts per to-party (Summary.parties order); None: a withheld cell
    matrix: tuple[tuple[str, tuple[int | None, ...]], ...] = ()
    votes: tuple[VoteLine, ...] = ()
    pulse: tuple[PulseLine, ...] = ()
    columns: tuple[str, ...] = ()  # the groups the votes are broken out by
    privacy: str = ""  # one line on what the anonymity rule withheld, or ""

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
    area_columns: tuple[str, ...] = ()  # the groups the focus areas are broken out by
    area_privacy: str = ""
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
    order = [p.key for p in state.parties]
    names = {p.key: p.name_in(lang) for p in state.parties}
    all_cards = store.cards(workshop_id)
    cards = [c for c in all_cards if c.on_wall]
    by_phase: dict[int, list[Card]] = {}
    for card in all_cards:
        by_phase.setdefault(card.phase_id, []).append(card)
    disclosures = {
        phase.id: anonymity.for_cards(order, by_phase.get(phase.id, []), limit)
        for phase in state.phases
        if phase.collects
    }
    tallies = store.tallies(workshop_id)
    phones = anonymity.phones(order, {t.party.key: t.participants for t in tallies}, limit)
    # Per-party card totals over the whole meeting minus one phase's shown parts would give
    # a hidden group's count: they stand only when no phase and no party hides anything.
    cards_shown = all(n is not None for n in phones.values()) and not any(
        d.suppressed for d in disclosures.values()
    )
    parties = tuple(
        PartyLine(
            t.party.key, names[t.party.key], phones[t.party.key], t.cards if cards_shown else None
        )
        for t in tallies
    )
    merged = store.merged_counts(workshop_id)
    areas = store.focus_areas(workshop_id)
    area_names = {a.id: a.label for a in areas}
    agreements = store.agreements(workshop_id)

    def name(group: str | None) -> str:
        return "" if group is None else words["pooled"] if group == POOL else names[group]

    def note(d: Disclosure) -> str:
        if not d.suppressed:
            return ""
        return words["pool_note"].format(n=limit) if d.pooled else words["no_breakdown"]

    def grouped(phase_cards: list[Card], d: Disclosure) -> tuple[tuple[CardGroup, ...], bool]:
        def item(card: Card) -> CardItem:
            target = names.get(card.target_party) if card.target_party else None
            return CardItem(
                card.text,
                name(d.group_of(card.party_key)),
                target,
                merged.get(card.id, 0),
                card.source == "paper",
            )

        if any(c.focus_area_id in area_names for c in phase_cards):
            groups = [
                CardGroup(a.label, tuple(item(c) for c in phase_cards if c.focus_area_id == a.id))
                for a in areas
            ]
            rest = tuple(item(c) for c in phase_cards if c.focus_area_id not in area_names)
            if rest:
                groups.append(CardGroup(words["unsorted"], rest))
            return tuple(g for g in groups if g.cards), True
        if not d.breakdown:
            everyone = tuple(item(c) for c in phase_cards)
            return ((CardGroup(words["cards"], everyone),) if everyone else ()), False
        return tuple(
            CardGroup(name(group), cards_of)
            for group in d.groups
            if (cards_of := tuple(item(c) for c in phase_cards if d.group_of(c.party_key) == group))
        ), False

    sections = []
    for phase in state.phases:
        phase_cards = [c for c in cards if c.phase_id == phase.id]
        d = disclosures.get(phase.id)
        groups, by_area = grouped(phase_cards, d) if d is not None else ((), False)
        number = item_number(ws.template, phase.position, ws.date)
        votes: tuple[VoteLine, ...] = ()
        pulse: tuple[PulseLine, ...] = ()
        matrix: tuple[tuple[str, tuple[int | None, ...]], ...] = ()
        if phase.category is Category.ROLE_EXPECTATION and d is not None:
            matrix = _matrix(phase_cards, state.parties, d, name)
        if phase.kind is PhaseKind.VOTE:
            d = anonymity.disclose(order, store.voters(phase.id), limit)
            votes = _votes(store, phase.id, d)
        if phase.kind is PhaseKind.RATE:
            ratings = store.ratings(phase.id)
            d = anonymity.disclose(order, {k: sum(v) for k, v in ratings.items()}, limit)
            pulse = _pulse(ratings, d, name, words)
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
                matrix=matrix,
                votes=votes,
                pulse=pulse,
                columns=tuple(name(g) for g in d.groups) if d is not None else (),
                privacy=note(d) if d is not None and (phase.collects or votes or pulse) else "",
            )
        )
    phase_ids = {p.id for p in state.phases}
    grouped_cards = [c for c in all_cards if c.focus_area_id in area_names]
    lens = anonymity.across_phases(order, grouped_cards, limit)
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
            _area(a.label, a.pinned, [c for c in cards if c.focus_area_id == a.id], lens)
            for a in areas
        ),
        area_columns=tuple(name(g) for g in lens.groups),
        area_privacy=note(lens),
        words=words,
    )


def _area(label: str, pinned: bool, cards: list[Card], d: Disclosure) -> AreaLine:
    counts = d.split({k: sum(1 for c in cards if c.party_key == k) for k in d.order})
    present = {c.party_key for c in cards}
    return AreaLine(
        label,
        pinned,
        len(cards),
        tuple(counts.values()),
        # "All three" or "only one" says which parties wrote here: only when none is hidden.
        common=not d.suppressed and len(present) == len(d.order) >= 3,
        one_party=not d.suppressed and len(present) == 1,
    )


def _matrix(
    cards: list[Card], parties: tuple[Party, ...], d: Disclosure, name: Callable[[str], str]
) -> tuple[tuple[str, tuple[int | None, ...]], ...]:
    """Expectations from each group (rows) towards each party (columns); a cell whose possible
    authors are fewer than the limit is withheld, and a phase without breakdown has no rows."""
    return tuple(
        (
            name(group),
            tuple(
                sum(
                    1
                    for c in cards
                    if d.group_of(c.party_key) == group and c.target_party == target.key
                )
                if d.cell_visible(group, target.key)
                else None
                for target in parties
            ),
        )
        for group in d.groups
    )


def _votes(store: Store, phase_id: int, d: Disclosure) -> tuple[VoteLine, ...]:
    if not d.total_shown:
        return ()
    return tuple(
        VoteLine(r.rank, r.option.label, r.dots, tuple(d.split(r.by_party).values()))
        for r in store.vote_results(phase_id)
    )


def _pulse(
    ratings: dict[str, list[int]],
    d: Disclosure,
    name: Callable[[str], str],
    words: dict[str, str],
) -> tuple[PulseLine, ...]:
    def line(label: str, counts: list[int]) -> PulseLine:
        n = sum(counts)
        mean = sum((i + 1) * c for i, c in enumerate(counts)) / n if n >= d.limit else None
        return PulseLine(label, n, mean)

    lines = [line(name(g), counts) for g, counts in d.split_lists(ratings, 5).items()]
    everyone = [sum(c[i] for c in ratings.values()) for i in range(5)]
    if d.total_shown:
        lines.append(line(words["everyone"], everyone))
    return tuple(lines)

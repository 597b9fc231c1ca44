"""The referat's view model: the summary of a workshop as frozen, plain data.

`exports.summary.build_summary` fills it from the store, with the anonymity rule and openness
already applied; every writer reads only these values, so none can leak what the rule withheld.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from exports.items import AreaCount, CardItem, PartyPeople
from facilitator.locale_format import date_long


@dataclass(frozen=True, slots=True)
class PartyLine:
    key: str
    name: str
    participants: int | None  # None: fewer than the anonymity limit
    cards: int | None  # None: withheld, so no item's hidden group can be had by subtraction


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
    areas: tuple[AreaCount, ...] = ()  # what came in: cards per focus area and party
    discussion: str = ""
    decision: str = ""
    exempt: str | None = None  # the legal basis when unntatt offentlighet
    withheld: bool = False  # public version of an exempt item: only the title is left
    actions: tuple[ActionLine, ...] = ()  # the actions decided (or carried) under this item
    top: tuple[CardItem, ...] = ()  # ungrouped items: the most frequent cards, "×n"
    columns: tuple[str, ...] = ()  # the groups the figures of this item are broken out by
    privacy: str = ""  # one line on what the anonymity rule withheld, or ""

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
    area_columns: tuple[str, ...] = ()  # the groups the focus areas are broken out by
    area_privacy: str = ""
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

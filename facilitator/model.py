"""The domain of a Trepart workshop as frozen values.

Everything above the store speaks in these types, so that a screen, a view or an
exporter never sees a database row and never mutates shared state by accident.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


def parse_date(value: str) -> str | None:
    """A date as people in the room write it (31.03.2026, 31.03.26 or 2026-03-31), as ISO
    (which sorts); None when it is not a date."""
    for form in ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"):
        try:
            return dt.datetime.strptime(value.strip(), form).date().isoformat()
        except ValueError:
            continue
    return None


class PhaseKind(StrEnum):
    INFO = "info"
    COLLECT = "collect"
    GROUP = "group"
    VOTE = "vote"
    RATE = "rate"
    ACTIONS = "actions"
    REVIEW = "review"


class Category(StrEnum):
    CHALLENGE = "challenge"
    GOAL = "goal"
    ROLE_EXPECTATION = "role_expectation"
    QUESTION = "question"
    PROPOSAL = "proposal"


class PhaseStatus(StrEnum):
    PENDING = "pending"
    OPEN = "open"
    CLOSED = "closed"


class WorkshopStatus(StrEnum):
    DRAFT = "draft"
    RUNNING = "running"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class Party:
    key: str
    name: str
    color: str
    position: int
    seats: int | None = None
    names: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def name_in(self, lang: str) -> str:
        return self.names.get(lang) or self.name


@dataclass(frozen=True, slots=True)
class Phase:
    id: int
    workshop_id: int
    position: int
    kind: PhaseKind
    title: str
    prompt: str
    category: Category | None = None
    status: PhaseStatus = PhaseStatus.PENDING
    prompts: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    titles: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    timebox: int | None = None  # seconds
    opened_at: float | None = None

    def remaining(self, now: float) -> float | None:
        """Seconds left of the time box while the phase is open (negative once over)."""
        if self.timebox is None or self.opened_at is None or self.status is not PhaseStatus.OPEN:
            return None
        return self.opened_at + self.timebox - now

    revealed: bool = False

    @property
    def collects(self) -> bool:
        """Phones write cards in this phase: a collect phase, or actions proposed from the floor."""
        return self.kind is PhaseKind.COLLECT or (
            self.kind is PhaseKind.ACTIONS and self.category is not None
        )

    @property
    def accepts_cards(self) -> bool:
        return self.collects and self.status is PhaseStatus.OPEN

    def prompt_in(self, lang: str) -> str:
        """The prompt in `lang`, falling back to bokmål string by string."""
        return self.prompts.get(lang) or self.prompt

    def title_in(self, lang: str) -> str:
        return self.titles.get(lang) or self.title


@dataclass(frozen=True, slots=True)
class Workshop:
    id: int
    code: str
    title: str
    template: str
    municipality: str = ""
    date: str = ""
    place: str = ""
    lang: str = "nb"
    status: WorkshopStatus = WorkshopStatus.DRAFT
    current_phase_id: int | None = None
    anonymity_limit: int = 3
    text_max: int = 500
    dots: int = 3
    facilitator: str = ""
    referent: str = ""
    moderation: bool = False
    series: str = ""
    follows_id: int | None = None
    wifi_ssid: str = ""  # the venue's network for the Wi-Fi QR code (facilitator.wifi)
    wifi_password: str = ""


@dataclass(frozen=True, slots=True)
class Participant:
    id: int
    workshop_id: int
    party_key: str
    lang: str


@dataclass(frozen=True, slots=True)
class Card:
    id: int
    workshop_id: int
    phase_id: int
    party_key: str
    text: str
    client_id: str
    created_at: float
    participant_id: int | None = None
    target_party: str | None = None
    hidden: bool = False
    pending: bool = False
    original_text: str | None = None
    merged_into: int | None = None
    source: str = "phone"
    focus_area_id: int | None = None
    placed_by: str | None = None  # "manual" (the facilitator) or "suggested" (the engine)

    @property
    def on_wall(self) -> bool:
        """Shown to the room: approved, not hidden, not merged into another card."""
        return not (self.hidden or self.pending or self.merged_into)

    @property
    def edited(self) -> bool:
        return self.original_text is not None


@dataclass(frozen=True, slots=True)
class FocusArea:
    id: int
    workshop_id: int
    label: str
    position: int
    pinned: bool = False
    label_by_hand: bool = False
    origin: str = "manual"


@dataclass(frozen=True, slots=True)
class VoteOption:
    id: int
    phase_id: int
    label: str
    position: int
    focus_area_id: int | None = None


@dataclass(frozen=True, slots=True)
class OptionResult:
    option: VoteOption
    dots: int
    by_party: dict[str, int]
    rank: int  # equal dots share a rank: a tie is shown as a tie


class ActionStatus(StrEnum):
    NOT_STARTED = "ikke_startet"
    IN_PROGRESS = "pagar"
    DONE = "fullfort"
    CANCELLED = "avlyst"

    @property
    def label(self) -> str:
        return ACTION_STATUS_LABELS[self]

    @property
    def open(self) -> bool:
        return self in (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)


ACTION_STATUS_LABELS = {
    ActionStatus.NOT_STARTED: "ikke startet",
    ActionStatus.IN_PROGRESS: "pågår",
    ActionStatus.DONE: "fullført",
    ActionStatus.CANCELLED: "avlyst",
}


@dataclass(frozen=True, slots=True)
class Action:
    id: int
    workshop_id: int
    title: str
    owner: str = ""
    deadline: str = ""  # ISO date
    status: ActionStatus = ActionStatus.NOT_STARTED
    focus_area: str = ""
    note: str = ""
    carried_from: int | None = None

    def overdue(self, today: str) -> bool:
        return bool(self.deadline) and self.status.open and self.deadline < today


@dataclass(frozen=True, slots=True)
class Agreement:
    id: int
    workshop_id: int
    phase_id: int | None
    text: str


@dataclass(frozen=True, slots=True)
class PartyTally:
    """How many phones joined for a party and how many cards they sent."""

    party: Party
    participants: int
    cards: int


@dataclass(frozen=True, slots=True)
class WorkshopState:
    """Everything needed to draw a running workshop, read in one go."""

    workshop: Workshop
    parties: tuple[Party, ...]
    phases: tuple[Phase, ...]

    @property
    def current_phase(self) -> Phase | None:
        for phase in self.phases:
            if phase.id == self.workshop.current_phase_id:
                return phase
        return None

    def party(self, key: str) -> Party | None:
        return next((p for p in self.parties if p.key == key), None)

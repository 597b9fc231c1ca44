"""What the stage shows in the phases without cards: the groups while they are made, and at the
end what the room decided (top priorities, agreements, actions with owners and deadlines)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from facilitator.i18n import ui_language
from facilitator.locale_format import date_short
from facilitator.model import (
    Action,
    Agreement,
    Card,
    Category,
    FocusArea,
    OptionResult,
    Phase,
    PhaseKind,
    WorkshopState,
)
from facilitator.store import Store
from facilitator.suggestions import DEFAULT_CATEGORIES, board_cards
from screens.lang import _, _n
from screens.text import literal

TOP = 3  # the priorities a summary names


def view_for(phase: Phase | None, phases: tuple[Phase, ...]) -> str:
    """Which of the run screen's views a phase puts on the stage when it opens."""
    if phase is None:
        return "join"
    if phase.kind in (PhaseKind.VOTE, PhaseKind.RATE):
        return "results"
    if phase.kind is PhaseKind.REVIEW:
        return "review"
    if phase.kind is PhaseKind.GROUP:
        return "groups"
    if is_summary(phase, phases):
        return "summary"  # the last word: what the room decided
    if not phase.collects:
        return "join"
    return "matrix" if phase.category is Category.ROLE_EXPECTATION else "wall"


def is_summary(phase: Phase, phases: tuple[Phase, ...]) -> bool:
    """The closing plenary of an agenda that prioritises or makes actions (not an
    information meeting's last word, nor a steering group's approval of the minutes)."""
    deciding = any(p.kind in (PhaseKind.VOTE, PhaseKind.ACTIONS) for p in phases)
    return deciding and phase.kind is PhaseKind.INFO and 1 < phase.position == len(phases)


def groups_view(areas: Iterable[FocusArea], cards: Iterable[Card]) -> RenderableType:
    counts: dict[int | None, int] = {}
    for card in cards:
        if card.on_wall:
            counts[card.focus_area_id] = counts.get(card.focus_area_id, 0) + 1
    lines = [Text(_("Fokusområdene så langt"), style="bold")]
    for area in areas:
        line = Text("★ " if area.pinned else "• ", style="bold")
        line.append_text(literal(area.label))
        count = counts.get(area.id, 0)
        line.append("  " + _n("{count} innspill", "{count} innspill", count).format(count=count))
        lines.append(line)
    if len(lines) == 1:
        lines.append(Text(_("Ingen grupper ennå: prosesslederen lager dem på tavla (b)."), "dim"))
    unsorted = counts.get(None, 0)
    if unsorted:
        lines.append(
            Text(_("{count} innspill er ikke sortert ennå.").format(count=unsorted), "dim")
        )
    return Group(*lines)


def summary_view(
    priorities: list[OptionResult] | None,
    agreements: Iterable[Agreement],
    actions: Iterable[Action],
) -> RenderableType:
    parts: list[RenderableType] = [Text(_("Dette har vi bestemt"), style="bold")]
    if priorities:
        parts.append(Text("\n" + _("Viktigst for oss"), style="bold"))
        for result in priorities[:TOP]:
            line = Text(f"{result.rank}. ", style="bold")
            line.append_text(literal(result.option.label))
            line.append(
                "  " + _n("{count} prikk", "{count} prikker", result.dots).format(count=result.dots)
            )
            parts.append(line)
    agreed = [a.text for a in agreements]
    if agreed:
        parts.append(Text("\n" + _("Enighet om"), style="bold"))
        parts.extend(Text("• ") + literal(text) for text in agreed)
    listed = list(actions)
    if listed:
        parts.append(Text("\n" + _("Tiltak"), style="bold"))
        table = Table(box=None, expand=True, pad_edge=False, show_edge=False)
        table.add_column(_("Hva"), ratio=3, overflow="fold")
        table.add_column(_("Ansvarlig"), ratio=2, overflow="fold")
        table.add_column(_("Frist"), width=10, no_wrap=True)
        for action in listed:
            table.add_row(
                literal(action.title),
                literal(action.owner or "–"),
                date_short(action.deadline, ui_language()) or "–",
            )
        parts.append(table)
    if len(parts) == 1:
        parts.append(Text(_("Ingen prioriteringer, enigheter eller tiltak er registrert."), "dim"))
    return Group(*parts)


class RoomView(Static):
    DEFAULT_CSS = """
    RoomView { height: auto; padding: 1 2; }
    """

    def show(self, view: str, store: Store, state: WorkshopState) -> None:
        """Read what the view shows ("groups" or "summary") and draw it."""
        workshop_id = state.workshop.id
        if view == "groups":
            # the cards the board groups by default, so the counts agree with the board
            cards = board_cards(store, workshop_id, DEFAULT_CATEGORIES)
            self.update(groups_view(store.focus_areas(workshop_id), cards))
            return
        votes = [p for p in state.phases if p.kind is PhaseKind.VOTE and p.revealed]
        priorities = store.vote_results(votes[-1].id) if votes else None
        self.update(
            summary_view(priorities, store.agreements(workshop_id), store.actions(workshop_id))
        )

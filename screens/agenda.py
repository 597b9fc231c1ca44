"""The agenda sidebar: every phase with its status; the facilitator picks one to open."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from facilitator.i18n import ui_language
from facilitator.model import Phase, PhaseStatus
from screens.lang import N_

ICONS = {
    PhaseStatus.PENDING: ("·", "dim"),
    PhaseStatus.OPEN: ("▶", "bold green"),
    PhaseStatus.CLOSED: ("✓", ""),
}
STATUS_WORDS = {
    PhaseStatus.PENDING: N_("venter"),
    PhaseStatus.OPEN: N_("åpen"),
    PhaseStatus.CLOSED: N_("lukket"),
}


def phase_label(phase: Phase, current: bool, number: str | None = None) -> Table:
    """Icon and number, then the title; a long title wraps under itself, not under the icon."""
    icon, style = ICONS[phase.status]
    lead = Text()
    lead.append(f"{icon} ", style=style)
    lead.append(number or f"{phase.position}.", style="dim")
    label = Table.grid(padding=(0, 1, 0, 0))
    label.add_column(no_wrap=True)
    label.add_column(ratio=1)
    label.add_row(
        lead, Text(phase.title_in(ui_language()), style="bold reverse" if current else "")
    )
    return label


class Agenda(OptionList):
    DEFAULT_CSS = """
    Agenda { width: 32; height: 1fr; border: round $primary; scrollbar-gutter: stable; }
    """

    _shown_current: int | None = -1

    def show(
        self,
        phases: tuple[Phase, ...],
        current_id: int | None,
        numbers: dict[int, str] | None = None,
    ) -> None:
        """Redraw; the cursor follows the current phase when it changes, and stays put otherwise."""
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(
            Option(
                phase_label(p, p.id == current_id, (numbers or {}).get(p.id)), id=str(p.position)
            )
            for p in phases
        )
        ids = [p.id for p in phases]
        if highlighted is None or current_id != self._shown_current:
            highlighted = ids.index(current_id) if current_id in ids else (highlighted or 0)
        self._shown_current = current_id
        self.highlighted = min(highlighted, len(phases) - 1) if phases else None

    @property
    def selected_position(self) -> int | None:
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return int(option.id) if option.id else None

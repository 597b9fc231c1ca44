"""The action table: what, who, by when, status; sortable, edited in place, overdue in red."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from facilitator.i18n import ui_language
from facilitator.locale_format import date_short
from facilitator.model import Action, ActionStatus
from facilitator.store.actions import add_action, delete_action, set_status, update_action
from screens.context import host
from screens.dialogs import AskText
from screens.lang import N_, Localised, _
from screens.text import literal
from screens.writes import write_or_notify

COLUMNS = [
    ("title", N_("Tiltak")),
    ("focus_area", N_("Fokusområde")),
    ("owner", N_("Ansvarlig")),
    ("deadline", N_("Frist")),
    ("status", N_("Status")),
    ("note", N_("Merknad")),
]
# ActionStatus.label is bokmål from the model; the screen shows its own, translatable labels.
STATUS_LABELS = {
    ActionStatus.NOT_STARTED: N_("ikke startet"),
    ActionStatus.IN_PROGRESS: N_("pågår"),
    ActionStatus.DONE: N_("fullført"),
    ActionStatus.CANCELLED: N_("avlyst"),
}
NEXT_STATUS = {
    ActionStatus.NOT_STARTED: ActionStatus.IN_PROGRESS,
    ActionStatus.IN_PROGRESS: ActionStatus.DONE,
    ActionStatus.DONE: ActionStatus.CANCELLED,
    ActionStatus.CANCELLED: ActionStatus.NOT_STARTED,
}
SORTS = {
    "deadline": lambda a: (a.deadline or "9999", a.id),
    "owner": lambda a: (a.owner.lower(), a.id),
    "status": lambda a: (list(ActionStatus).index(a.status), a.id),
    "id": lambda a: a.id,
}
SORT_CYCLE = ["id", "deadline", "owner", "status"]
# Shares of the width the columns wrap in (no sideways scrolling on a 100-column projector);
# the deadline and the status have fixed widths.
SHARES = {"title": 34, "focus_area": 18, "owner": 18, "note": 30}
FIXED = {"deadline": 11, "status": 12}


class ActionTable(Localised, DataTable[Text]):
    DEFAULT_CSS = """
    ActionTable { height: 1fr; }
    """
    BINDINGS: ClassVar = [
        Binding("a", "add", N_("Nytt tiltak")),
        Binding("enter", "edit", N_("Rediger felt")),
        Binding("space", "next_status", N_("Neste status")),
        # One deliberate key cycles the order: digits typed by mistake must not re-sort.
        Binding("S", "next_sort", N_("Sorter (frist, ansvarlig, status)")),
        Binding("delete", "remove", N_("Slett tiltak")),
    ]

    class Reloaded(Message):
        """The table was redrawn (rows may have come or gone)."""

    def __init__(
        self, workshop_id: int, *, carried_only: bool = False, id: str | None = None
    ) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=True)
        self.workshop_id = workshop_id
        self.carried_only = carried_only
        self.sort_key = "id"

    def on_mount(self) -> None:
        self._columns_for(self.size.width)
        self.reload()

    def _columns_for(self, width: int) -> None:
        self._width = width
        self.clear(columns=True)
        # Each column costs its width plus 2 of cell padding; a scrollbar may take 2 more.
        room = max(40, width - sum(FIXED.values()) - 2 * len(COLUMNS) - 2)
        total = sum(SHARES.values())
        for key, label in COLUMNS:
            column = FIXED.get(key) or max(8, room * SHARES[key] // total)
            self.add_column(_(label), key=key, width=column)

    def on_resize(self) -> None:
        if self.size.width != getattr(self, "_width", None):
            self._columns_for(self.size.width)
            self.reload()

    def actions(self) -> list[Action]:
        found = host(self.app).store.actions(self.workshop_id)
        if self.carried_only:
            found = [a for a in found if a.carried_from is not None]
        return sorted(found, key=SORTS[self.sort_key])

    def reload(self) -> None:
        row, column = self.cursor_coordinate
        self.clear()
        today = dt.date.today().isoformat()
        for action in self.actions():
            late = action.overdue(today)
            style = "bold red" if late else ""
            deadline = Text(
                date_short(action.deadline, ui_language())
                + ("\n" + _("(forfalt)") if late else ""),
                style=style,
            )
            status_style = {ActionStatus.DONE: "green", ActionStatus.CANCELLED: "dim"}.get(
                action.status, ""
            )
            self.add_row(
                literal(action.title, style),
                literal(action.focus_area),
                literal(action.owner),
                deadline,
                Text(_(STATUS_LABELS[action.status]), style=status_style),
                literal(action.note),
                key=str(action.id),
                height=None,  # as many lines as the longest cell wraps to
            )
        if self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1), column=column)
        self.post_message(self.Reloaded())

    def selected(self) -> tuple[Action, str] | None:
        if not self.row_count:
            return None
        keys = self.coordinate_to_cell_key(self.cursor_coordinate)
        action = next((a for a in self.actions() if str(a.id) == keys.row_key.value), None)
        return (action, str(keys.column_key.value)) if action else None

    def _save_area(self, action_id: int, value: str | None) -> None:
        if value is not None:
            self._write(update_action, action_id, "focus_area", value)

    def _write(self, op: Callable[..., Any], *args: object) -> None:
        write_or_notify(self, op, *args, failure=_("Ikke lagret"))
        self.reload()

    def action_add(self) -> None:
        def save(title: str | None) -> None:
            if title and title.strip():
                self._write(add_action, self.workshop_id, title)
                self.move_cursor(row=self.row_count - 1, column=2)

        self.app.push_screen(AskText(_("Nytt tiltak"), _("Hva skal gjøres?")), save)

    def action_edit(self) -> None:
        found = self.selected()
        if found is None:
            return
        action, field = found
        if field == "status":
            self.action_next_status()
            return
        if field == "focus_area":
            self._pick_focus_area(action)
            return
        label = _(dict(COLUMNS)[field])
        hint = " " + _("(DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD)") if field == "deadline" else ""
        value = str(getattr(action, field))
        if field == "deadline":
            value = date_short(value, ui_language())

        def save(answer: str | None) -> None:
            if answer is not None:
                self._write(update_action, action.id, field, answer)

        self.app.push_screen(
            AskText(f"{label}: {action.title}", label + hint, value),
            save,
        )

    def action_next_status(self) -> None:
        if found := self.selected():
            action = found[0]
            self._write(set_status, action.id, NEXT_STATUS[action.status])

    def _pick_focus_area(self, action: Action) -> None:
        """The board's focus areas to choose from (★ first), or a name typed by hand."""
        from screens.dialogs import PickGroup

        areas = sorted(
            host(self.app).store.focus_areas(self.workshop_id), key=lambda a: not a.pinned
        )
        choices = [(("★ " if a.pinned else "") + a.label, a.label) for a in areas]
        choices += [(_("Ingen"), "\0none"), (_("Skriv selv …"), "\0typed")]

        def picked(choice: str | None) -> None:
            if choice == "\0typed":
                label = _(dict(COLUMNS)["focus_area"])
                self.app.push_screen(
                    AskText(f"{label}: {action.title}", label, action.focus_area),
                    lambda value: self._save_area(action.id, value),
                )
            elif choice is not None:
                value = "" if choice == "\0none" else choice
                self._write(update_action, action.id, "focus_area", value)

        self.app.push_screen(
            PickGroup(_("Fokusområde for «{action}»").format(action=action.title), choices), picked
        )

    def action_next_sort(self) -> None:
        self.sort_key = SORT_CYCLE[(SORT_CYCLE.index(self.sort_key) + 1) % len(SORT_CYCLE)]
        self.reload()
        names = {
            "id": _("rekkefølge"),
            "deadline": _("frist"),
            "owner": _("ansvarlig"),
            "status": _("status"),
        }
        self.notify(_("Sortert etter {key}").format(key=names[self.sort_key]), timeout=3)

    def action_remove(self) -> None:
        if found := self.selected():
            self._write(delete_action, found[0].id)

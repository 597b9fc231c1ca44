"""Opening, stepping and closing phases from the run screen, and what the facilitator is told;
the time box of a phase and what the parties agreed on in it.

A phase change is the one write the screens do through the store's own methods (they move the
current phase and publish it); a vote that opens with nothing to vote on says so at once.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget

from facilitator.i18n import ui_language
from facilitator.model import Phase, PhaseKind, PhaseStatus
from facilitator.store import Store, StoreError
from facilitator.store.agreements import add_agreement
from facilitator.store.phases import update_phase
from screens.dialogs import AskText, Confirm
from screens.lang import _, explain
from screens.writes import write_or_notify


def change_phase(node: Widget, store: Store, workshop_id: int, op: str, *args: int) -> None:
    """Run `op` ("step_phase", "open_phase", "close_phase"); a refusal is one error toast."""
    try:
        getattr(store, op)(workshop_id, *args)
    except StoreError as exc:
        node.notify(
            _("Kunne ikke endre fase: {error}").format(error=explain(exc)), severity="error"
        )
        return
    phase = store.state(workshop_id).current_phase
    if phase is None or phase.kind is not PhaseKind.VOTE or phase.status is not PhaseStatus.OPEN:
        return
    if not store.vote_options(phase.id):
        node.notify(
            _(
                "Avstemningen har ingen valg ennå: lag fokusområder på tavla (b) eller "
                "legg til valg med +."
            ),
            severity="warning",
            timeout=10,
        )
    elif not any(a.pinned for a in store.focus_areas(workshop_id)):
        node.notify(
            _(
                "Ingen grupper er merket som fokusområde (★ på tavla), så alle grupper er "
                "med i avstemningen."
            ),
            severity="warning",
            timeout=10,
        )


def confirm_open(
    node: Widget, selected: Phase, current: Phase, open_it: Callable[[], None]
) -> None:
    """Ask before another phase takes the room away from the open one."""
    lang = ui_language()
    question = _("Åpne «{phase}»? «{current}» lukkes, og telefonene får det nye spørsmålet.")

    def answered(yes: bool | None) -> None:
        if yes:
            open_it()

    node.app.push_screen(
        Confirm(question.format(phase=selected.title_in(lang), current=current.title_in(lang))),
        answered,
    )


def ask_timebox(node: Widget, phase: Phase) -> None:
    """`T`: minutes for the phase (empty: none); the countdown shows while it is open."""
    current = str(phase.timebox // 60) if phase.timebox else ""

    def save(answer: str | None) -> None:
        if answer is None:
            return
        minutes = answer.strip()
        write_or_notify(
            node,
            update_phase,
            phase.id,
            timebox=int(minutes) * 60 if minutes else None,
            failure=_("Kunne ikke sette tidsrammen"),
        )

    node.app.push_screen(
        AskText(
            _("Tidsramme for «{phase}»").format(phase=phase.title_in(ui_language())),
            _("Minutter (tomt = ingen)"),
            current,
            restrict=r"\d{0,3}",
        ),
        save,
    )


def ask_agreement(node: Widget, workshop_id: int, phase_id: int | None) -> None:
    """`g`: what the parties agree on, under the phase's item in the referat."""

    def save(text: str | None) -> None:
        if text and text.strip():
            write_or_notify(node, add_agreement, workshop_id, phase_id, text)

    node.app.push_screen(
        AskText(
            _("Enighet om …"),
            _("Hva er partene enige om?"),
            "",
            placeholder=_("felles mål om heltid som hovedregel"),
        ),
        save,
    )

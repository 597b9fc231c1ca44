"""Vote and pulse results: hidden until the facilitator reveals them, then ranked bars per party."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import Static

from facilitator import anonymity
from facilitator.anonymity import POOL
from facilitator.i18n import ui_language
from facilitator.locale_format import number
from facilitator.model import OptionResult, Party, Phase, PhaseKind
from facilitator.store.votes import add_option, proxy_dots, reveal
from screens.context import host
from screens.dialogs import AskProxyDots, AskText, ProxyDots
from screens.lang import N_, Localised, _, _n
from screens.text import inert
from screens.writes import write_or_notify

BAR = "█"


def bar(value: float, top: float, width: int) -> str:
    return BAR * max(1 if value else 0, round(width * value / top)) if top else ""


def counted_text(template: str, count: int) -> Text:
    """A dim sentence around a bold number: `template` holds the placeholder `{count}`."""
    before, _sep, after = template.partition("{count}")
    return Text.assemble((before, "dim"), (str(count), "bold"), (after, "dim"))


def vote_view(
    results: list[OptionResult],
    parties: tuple[Party, ...],
    voters: dict[str, int],
    revealed: bool,
    anonymity_limit: int,
    width: int = 40,
) -> Group:
    counted = counted_text(
        _n("Prikker fra {count} telefon", "Prikker fra {count} telefoner", sum(voters.values())),
        sum(voters.values()),
    )
    if not revealed:
        options = Text("\n").join(
            Text(f"• {r.option.label}") for r in sorted(results, key=lambda r: r.option.position)
        )
        hint = Text(_("Resultatet vises når prosesslederen avslører det."), style="italic dim")
        return Group(
            counted, Text(), options or Text(_("Ingen valg ennå."), style="dim"), Text(), hint
        )
    d = anonymity.disclose((p.key for p in parties), voters, anonymity_limit)
    if not d.total_shown:
        note = _("Resultatet vises når minst {limit} har stemt.").format(limit=anonymity_limit)
        return Group(counted, Text(), Text(note, style="italic dim"))
    by_key = {p.key: p for p in parties}
    bar_width = max(8, min(30, width - 34 - 7 * len(d.groups)))
    table = Table(box=None, expand=True, pad_edge=False, show_edge=False)
    table.add_column("", width=4, justify="right", no_wrap=True)
    table.add_column(_("Fokusområde"), ratio=1, overflow="fold")
    table.add_column(_("Prikker"), width=bar_width + 5, no_wrap=True)
    for group in d.groups:
        table.add_column(group_heading(group, by_key), justify="right", width=8, no_wrap=True)
    top = max((r.dots for r in results), default=0)
    ranks = [r.rank for r in results]
    for result in results:
        tie = ranks.count(result.rank) > 1
        place = Text(f"{result.rank}.{'=' if tie else ''}", style="bold")
        dots = Text.assemble((bar(result.dots, top, bar_width), "bold green"), f" {result.dots}")
        row = [place, Text(inert(result.option.label)), dots]
        row += [Text(str(n)) for n in d.split(result.by_party).values()]
        table.add_row(*row)
    notes = [counted]
    if any(r == ranks[i - 1] for i, r in enumerate(ranks) if i):
        notes.append(Text(_("«=» betyr delt plass."), style="dim"))
    if d.suppressed:
        notes.append(Text(privacy_note(d), style="dim"))
    return Group(table, Text(), *notes)


def group_heading(group: str, parties: dict[str, Party]) -> Text:
    """A column's heading: the party's short name in its colour, or the neutral pool."""
    if group == POOL:
        return Text(_("Øvrige"), style="bold")
    party = parties[group]
    return Text(party.name_in(ui_language())[:7], style=f"bold {party.color}")


def group_name(group: str, parties: dict[str, Party]) -> str:
    return _("Øvrige parter") if group == POOL else parties[group].name_in(ui_language())


def privacy_note(d: anonymity.Disclosure) -> str:
    """One line on what the anonymity rule withheld, naming no party (that would point at it)."""
    if d.pooled:
        return _(
            "«Øvrige» samler minst to parter, så ingen gruppe under {limit} kjennes igjen."
        ).format(limit=d.limit)
    return _("Ikke vist per part: for få deltok til at fordelingen er anonym.")


def pulse_view(
    ratings: dict[str, list[int]],
    parties: tuple[Party, ...],
    revealed: bool,
    anonymity_limit: int,
    width: int = 30,
) -> Group:
    answers = sum(sum(c) for c in ratings.values())
    counted = counted_text(_n("{count} svar", "{count} svar", answers), answers)
    if not revealed:
        return Group(
            counted,
            Text(_("Resultatet vises når prosesslederen avslører det."), style="italic dim"),
        )
    d = anonymity.disclose(
        (p.key for p in parties), {k: sum(v) for k, v in ratings.items()}, anonymity_limit
    )
    if not d.total_shown:
        note = _("Resultatet vises når minst {limit} har svart.").format(limit=anonymity_limit)
        return Group(counted, Text(), Text(note, style="italic dim"))
    total = [sum(c[i] for c in ratings.values()) for i in range(5)]
    top = max(total) or 1
    lines = [
        Text.assemble((f" {i + 1} ", "bold"), (bar(n, top, width), "bold green"), f" {n}")
        for i, n in enumerate(total)
    ]
    by_key = {p.key: p for p in parties}
    means: list[Text] = []  # one line per group: a line that wraps mid-phrase is hard to read
    for group, counts in d.split_lists(ratings, 5).items():
        n = sum(counts)
        style = "bold" if group == POOL else f"bold {by_key[group].color}"
        line = Text(f"{group_name(group, by_key)}: ", style=style)
        mean = number(sum((i + 1) * c for i, c in enumerate(counts)) / n, ui_language())
        line.append(
            _n("snitt {mean} ({count} svar)", "snitt {mean} ({count} svar)", n).format(
                mean=mean, count=n
            )
        )
        means.append(line)
    overall = sum((i + 1) * c for i, c in enumerate(total)) / answers if answers else 0
    notes = [Text(privacy_note(d), style="dim")] if d.suppressed else []
    return Group(
        counted,
        Text(),
        *lines,
        Text(),
        Text(_("Snitt for alle: {mean}").format(mean=number(overall, ui_language())), style="bold"),
        *means,
        *notes,
    )


class ResultsView(Localised, Static):
    """The bars are as wide as the view: drawn again when it is resized or first shown.

    It owns the keys of a vote or a pulse (reveal, a new option, dots for someone without a
    phone); the run screen lets them work from the agenda too (screens/stage_keys.py)."""

    DEFAULT_CSS = """
    ResultsView { height: auto; padding: 1 2; }
    """
    BINDING_GROUP_TITLE = N_("Resultatet")
    STAGE_KEYS: ClassVar[list[BindingType]] = [
        Binding("r", "reveal", N_("Vis/skjul resultat"), show=False),
        Binding("plus", "add_option", N_("Nytt valg i avstemningen"), show=False),
        Binding("P", "proxy_dots", N_("Prikker for noen uten telefon"), show=False),
    ]
    BINDINGS: ClassVar[list[BindingType]] = STAGE_KEYS

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.BINDING_GROUP_TITLE = _(ResultsView.BINDING_GROUP_TITLE)
        self._draw: Callable[[int], Group] | None = None
        self.phase: Phase | None = None  # the vote or pulse shown; None in other phases
        self.parties: tuple[Party, ...] = ()

    def _show(self, draw: Callable[[int], Group]) -> None:
        self._draw = draw
        self.update(draw(self.size.width))

    def on_resize(self, event: events.Resize) -> None:
        if self._draw is not None:
            self.update(self._draw(event.size.width))

    def show_vote(
        self,
        phase: Phase,
        results: list[OptionResult],
        parties: tuple[Party, ...],
        voters: dict[str, int],
        limit: int,
    ) -> None:
        self.phase, self.parties = phase, parties
        revealed = phase.revealed
        self._show(
            lambda width: vote_view(results, parties, voters, revealed, limit, max(20, width - 40))
        )

    def show_pulse(
        self, phase: Phase, ratings: dict[str, list[int]], parties: tuple[Party, ...], limit: int
    ) -> None:
        self.phase, self.parties = phase, parties
        revealed = phase.revealed
        self._show(lambda width: pulse_view(ratings, parties, revealed, limit, max(20, width - 20)))

    def show_nothing(self) -> None:
        """Neither a vote nor a pulse is current: the keys say so (the old bars may stay)."""
        self.phase = None

    # -- keys ---------------------------------------------------------------------------------

    def _vote(self) -> Phase | None:
        return self.phase if self.phase is not None and self.phase.kind is PhaseKind.VOTE else None

    def action_reveal(self) -> None:
        if self.phase is None:
            self.notify(_("Åpne en prioritering eller en puls først."))
            return
        write_or_notify(self, reveal, self.phase.id, not self.phase.revealed)

    def action_add_option(self) -> None:
        phase = self._vote()
        if phase is None:
            self.notify(_("Åpne en prioritering først."))
            return

        def add(label: str | None) -> None:
            if label:
                write_or_notify(self, add_option, phase.id, label)

        self.app.push_screen(
            AskText(_("Nytt valg"), _("Hva skal det kunne settes prikker på?")), add
        )

    def action_proxy_dots(self) -> None:
        phase = self._vote()
        options = host(self.app).store.vote_options(phase.id) if phase else []
        if phase is None or not options:
            self.notify(_("Åpne en prioritering med valg først."))
            return

        def save(proxy: ProxyDots | None) -> None:
            if proxy is not None:
                write_or_notify(
                    self, proxy_dots, phase.id, proxy.option_id, proxy.party, proxy.dots
                )

        self.app.push_screen(AskProxyDots([(o.label, o.id) for o in options], self.parties), save)


VIEW_KINDS = (PhaseKind.VOTE, PhaseKind.RATE)

"""The referat as Markdown: readable as is, and safe to render as a web page.

Participant text is escaped so that no card can become a link, an image, HTML
or a heading when the Markdown is rendered.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

from exports.items import CardItem, person_text
from exports.view import ActionLine, PhaseSection, Summary
from facilitator.locale_format import date_short, number

_INLINE = re.compile(r"([\\`*_\[\]<>|~]|&(?=#?\w+;))")
_LINE_START = re.compile(r"^(\s*)(?:([#>+=-])|(\d+)([.)]))", re.MULTILINE)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, marker, number, dot = match.groups()
    return f"{indent}\\{marker}" if marker else f"{indent}{number}\\{dot}"


def escape(text: str, *, cell: bool = False, inline: bool = False) -> str:
    """Backslash-escape what would turn text into markup (CommonMark escapes punctuation only).

    In a table cell (`cell=True`) line breaks become spaces, so a row stays a row. Text that
    follows a label on its line (`inline=True`, and every cell) cannot start a block, so
    "24. november" stays as written there.
    """
    if cell or inline:
        text = " ".join(text.split())
    text = _INLINE.sub(r"\\\1", text)
    return text if cell or inline else _LINE_START.sub(_escape_line_start, text)


def _multiline(text: str, indent: str) -> str:
    """Keep a card's own line breaks as Markdown hard breaks inside its list item."""
    return ("  \n" + indent).join(escape(line) for line in text.splitlines() or [""])


def _table(
    header: list[str], rows: list[list[str]], right: AbstractSet[int] = frozenset()
) -> list[str]:
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---:" if i in right else "---" for i in range(len(header))) + "|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _card(s: Summary, card: CardItem, tag_party: bool) -> str:
    prefix = f"→ {escape(card.target)}: " if card.target else ""
    suffix = f" (×{card.duplicates + 1})" if card.duplicates else ""
    if card.paper:
        suffix += f" ({s.t('paper')})"
    if tag_party and card.party:
        suffix += f" *({escape(card.party)})*"
    return f"- {prefix}{_multiline(card.text, '  ')}{suffix}"


def _n(n: int | None) -> str:
    return "–" if n is None else str(n)


def _labelled(label: str, text: str) -> list[str]:
    """A secretary's paragraph: "**Diskusjon:** …", the text's own line breaks kept."""
    return [f"**{label}:** {_multiline(text, '')}", ""] if text.strip() else []


def _phase(s: Summary, phase: PhaseSection) -> list[str]:
    out = [f"## {phase.number} {escape(phase.title)}", ""]
    if phase.exempt is not None:
        out += [f"**{s.t('exempt')}** ({escape(phase.exempt)})", ""]
    if phase.withheld:
        return out
    if phase.prompt:
        out += [f"*{escape(phase.prompt)}*", ""]
    if phase.areas:
        out += _table(
            [s.t("focus_area"), s.t("cards"), *map(escape, phase.columns), s.t("note")],
            [
                [escape(a.label, cell=True), str(a.total), *map(_n, a.by_party), a.note]
                for a in phase.areas
            ],
            right=set(range(1, 2 + len(phase.columns))),
        )
    elif phase.nothing_came_in:
        out += [s.t("no_cards"), ""]
    if phase.matrix:
        out += _table(
            [s.t("from_to"), *(escape(p.name) for p in s.parties)],
            [[escape(name), *map(_n, counts)] for name, counts in phase.matrix],
            right=set(range(1, len(s.parties) + 1)),
        )
    if phase.votes:
        out += _table(
            [s.t("rank"), s.t("focus_area"), s.t("dots"), *map(escape, phase.columns)],
            [
                [str(v.rank), escape(v.label, cell=True), str(v.dots), *map(_n, v.by_party)]
                for v in phase.votes
            ],
            right={0, 2, *range(3, 3 + len(phase.columns))},
        )
        out += [s.t("per_party_note", n=s.anonymity_limit), ""]
    if phase.pulse:
        out += _table(
            [s.t("party"), s.t("answers"), s.t("mean")],
            [
                [
                    escape(p.party),
                    str(p.answers),
                    "–" if p.mean is None else number(p.mean, s.lang),
                ]
                for p in phase.pulse
            ],
            right={1, 2},
        )
    if phase.privacy:
        out += [f"*{escape(phase.privacy)}*", ""]
    if phase.top:
        out += [f"**{s.t('most_often')}:**", ""]
        out += [_card(s, card, False) for card in phase.top] + [""]
    out += _labelled(s.t("discussion"), phase.discussion)
    out += _labelled(s.t("decision"), phase.decision)
    if phase.agreements:
        out += [f"- {s.t('agreement_on')} {escape(text)}" for text in phase.agreements] + [""]
    if phase.actions:
        out += _actions(s, list(phase.actions))
    elif phase.kind == "review":
        out += [s.t("carried_none"), ""]
    return out


def _actions(s: Summary, actions: list[ActionLine]) -> list[str]:
    return _table(
        s.action_header,
        [
            [
                escape(a.title, cell=True),
                escape(a.focus_area, cell=True),
                escape(a.owner, cell=True),
                escape(date_short(a.deadline, s.lang), cell=True),
                a.status,
                escape(a.note, cell=True),
            ]
            for a in actions
        ],
    )


def _people(s: Summary) -> list[str]:
    out = [f"## {s.t('present')}", ""]
    if not s.people:
        out += [s.t("no_people"), ""]
    for group in s.people:
        if group.present:
            names = ", ".join(escape(person_text(p, s.lang), inline=True) for p in group.present)
            out += [f"- **{escape(group.party)}:** {names}"]
    out += [""] if s.people else []
    absent = [g for g in s.people if g.absent]
    if absent:
        out += [f"## {s.t('absent')}", ""]
        for group in absent:
            names = ", ".join(escape(person_text(p, s.lang), inline=True) for p in group.absent)
            out += [f"- **{escape(group.party)}:** {names}"]
        out += [""]
    return out


def _appendix(s: Summary) -> list[str]:
    out = [f"## {s.t('appendix')}", "", s.t("appendix_note"), ""]
    out += _table(
        [s.t("party"), s.t("phones"), s.t("cards")],
        [
            [
                escape(p.name),
                str(p.participants)
                if p.participants is not None
                else s.t("fewer_than", n=s.anonymity_limit),
                _n(p.cards),
            ]
            for p in s.parties
        ],
        right={1, 2},
    )
    for phase in s.phases:
        if not phase.groups:
            continue
        out += [f"### {phase.number} {escape(phase.title)}", ""]
        for group in phase.groups:
            out += [f"#### {escape(group.title)} ({group.count})", ""]
            out += [_card(s, card, phase.by_focus_area) for card in group.cards] + [""]
    return out


def write(s: Summary) -> bytes:
    out: list[str] = [f"# {s.t('referat')}: {escape(s.title)}", ""]
    out += [f"- **{label}:** {escape(value, inline=True)}" for label, value in s.facts] + [""]
    if s.internal:
        out += [f"**{s.t('internal')}**", ""]
    out += _people(s)
    out += [f"## {s.t('agenda')}", ""]
    out += [f"- {escape(item)}" for item in s.agenda] + [""]
    for phase in s.phases:
        if phase.in_body:
            out += _phase(s, phase)
    if s.loose_actions:
        out += [f"## {s.t('actions')}", "", *_actions(s, list(s.loose_actions))]
    if s.agreements:
        out += [f"## {s.t('agreements')}", ""]
        out += [f"- {s.t('agreement_on')} {escape(t)}" for t in s.agreements] + [""]
    if s.has_cards:
        out += _appendix(s)
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")

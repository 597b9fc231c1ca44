"""The referat as Markdown: readable as is, and safe to render as a web page.

Participant text is escaped so that no card can become a link, an image, HTML
or a heading when the Markdown is rendered.
"""

from __future__ import annotations

import re

from exports.summary import ActionLine, CardItem, PhaseSection, Summary

_INLINE = re.compile(r"([\\`*_\[\]<>|~]|&(?=#?\w+;))")
_LINE_START = re.compile(r"^(\s*)(?:([#>+=-])|(\d+)([.)]))", re.MULTILINE)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, marker, number, dot = match.groups()
    return f"{indent}\\{marker}" if marker else f"{indent}{number}\\{dot}"


def escape(text: str, *, cell: bool = False) -> str:
    """Backslash-escape what would turn text into markup (CommonMark escapes punctuation only).

    In a table cell (`cell=True`) line breaks become spaces, so a row stays a row.
    """
    if cell:
        text = " ".join(text.split())
    text = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(_escape_line_start, text)


def _multiline(text: str, indent: str) -> str:
    """Keep a card's own line breaks as Markdown hard breaks inside its list item."""
    return ("  \n" + indent).join(escape(line) for line in text.splitlines() or [""])


def _table(header: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> list[str]:  # type: ignore[assignment]
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


def _phase(s: Summary, phase: PhaseSection) -> list[str]:
    out = [f"## {phase.number} {escape(phase.title)}", ""]
    if phase.prompt:
        out += [f"*{escape(phase.prompt)}*", ""]
    if phase.agreements:
        out += [f"- {s.t('agreement_on')} {escape(text)}" for text in phase.agreements] + [""]
    if phase.matrix:
        out += _table(
            [s.t("from_to"), *(escape(p.name) for p in s.parties)],
            [
                [escape(name), *("–" if n is None else str(n) for n in counts)]
                for name, counts in phase.matrix
            ],
            right=set(range(1, len(s.parties) + 1)),
        )
    if phase.votes:
        out += _table(
            [s.t("rank"), s.t("focus_area"), s.t("dots"), *map(escape, phase.columns)],
            [
                [str(v.rank), escape(v.label, cell=True), str(v.dots), *map(str, v.by_party)]
                for v in phase.votes
            ],
            right={0, 2, *range(3, 3 + len(phase.columns))},
        )
        out += [s.t("per_party_note", n=s.anonymity_limit), ""]
    if phase.pulse:
        out += _table(
            [s.t("party"), s.t("answers"), s.t("mean")],
            [
                [escape(p.party), str(p.answers), "–" if p.mean is None else f"{p.mean:.1f}"]
                for p in phase.pulse
            ],
            right={1, 2},
        )
    if phase.privacy:
        out += [f"*{escape(phase.privacy)}*", ""]
    if phase.kind == "review":
        carried = [a for a in s.actions if a.carried]
        out += _actions(s, carried) if carried else [s.t("carried_none"), ""]
    if phase.kind == "collect" and not phase.groups:
        out += [s.t("no_cards"), ""]
    for group in phase.groups:
        out += [f"### {escape(group.title)} ({len(group.cards)})", ""]
        out += [_card(s, card, phase.by_focus_area) for card in group.cards] + [""]
    return out


def _actions(s: Summary, actions: list[ActionLine]) -> list[str]:
    return _table(
        s.action_header,
        [
            [
                escape(a.title, cell=True),
                escape(a.focus_area, cell=True),
                escape(a.owner, cell=True),
                a.deadline,
                a.status,
                escape(a.note, cell=True),
            ]
            for a in actions
        ],
    )


def write(s: Summary) -> bytes:
    out: list[str] = [f"# {s.t('referat')}: {escape(s.title)}", ""]
    out += [f"- **{label}:** {escape(value)}" for label, value in s.facts] + [""]
    out += [f"## {s.t('present')}", ""]
    out += _table(
        [s.t("party"), s.t("participants"), s.t("cards")],
        [
            [
                escape(p.name),
                str(p.participants)
                if p.participants is not None
                else s.t("fewer_than", n=s.anonymity_limit),
                "–" if p.cards is None else str(p.cards),
            ]
            for p in s.parties
        ],
        right={1, 2},
    )
    for phase in s.phases:
        out += _phase(s, phase)
    if s.focus_areas:
        out += [f"## {s.t('lens')}", ""]
        rows = []
        for area in s.focus_areas:
            note = s.t("common") if area.common else s.t("one_party") if area.one_party else ""
            rows.append(
                [
                    ("★ " if area.pinned else "") + escape(area.label, cell=True),
                    str(area.total),
                    *map(str, area.by_party),
                    note,
                ]
            )
        out += _table(
            [s.t("focus_area"), s.t("cards"), *map(escape, s.area_columns), s.t("note")],
            rows,
            right=set(range(1, 2 + len(s.area_columns))),
        )
        if s.area_privacy:
            out += [f"*{escape(s.area_privacy)}*", ""]
    new_actions = [a for a in s.actions if not a.carried]
    if new_actions:
        out += [f"## {s.t('actions')}", "", *_actions(s, new_actions)]
    if s.agreements:
        out += [f"## {s.t('agreements')}", ""]
        out += [f"- {s.t('agreement_on')} {escape(t)}" for t in s.agreements] + [""]
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")

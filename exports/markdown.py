"""The referat as Markdown: readable as is, and safe to render as a web page.

Participant text is escaped so that no card can become a link, an image, HTML
or a heading when the Markdown is rendered.
"""

from __future__ import annotations

import re

from exports.summary import ActionLine, Summary

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


def write(summary: Summary) -> bytes:
    out: list[str] = [f"# Referat: {escape(summary.title)}", ""]
    facts = [
        ("Kommune", summary.municipality),
        ("Dato", summary.date),
        ("Sted", summary.place),
        ("Kode", summary.code),
    ]
    out += [f"- **{label}:** {escape(value)}" for label, value in facts if value]
    out += ["", "## Til stede", "", "| Part | Deltakere | Innspill |", "|---|---:|---:|"]
    for party in summary.parties:
        count = (
            str(party.participants)
            if party.participants is not None
            else f"færre enn {summary.anonymity_limit}"
        )
        out.append(f"| {escape(party.name)} | {count} | {party.cards} |")
    out.append("")
    for phase in summary.phases:
        label = f"Sak {phase.number}" if "/" in phase.number else phase.number
        out += [f"## {label} {escape(phase.title)}", ""]
        if phase.prompt:
            out += [f"*{escape(phase.prompt)}*", ""]
        out += [f"- Enighet om {escape(text)}" for text in phase.agreements]
        if phase.agreements:
            out.append("")
        if phase.votes:
            names = [escape(p.name) for p in summary.parties]
            out += [
                "| Plass | Fokusområde | Prikker | " + " | ".join(names) + " |",
                "|---:|---|---:|" + "---:|" * len(names),
            ]
            for v in phase.votes:
                per_party = " | ".join("–" if n is None else str(n) for n in v.by_party)
                out.append(f"| {v.rank} | {escape(v.label)} | {v.dots} | {per_party} |")
            out += [
                "",
                f"Per part vises bare når minst {summary.anonymity_limit} fra parten stemte.",
                "",
            ]
        if phase.pulse:
            out += ["| Part | Svar | Snitt (1–5) |", "|---|---:|---:|"]
            out += [
                f"| {escape(p.party)} | {p.answers} | "
                f"{'–' if p.mean is None else f'{p.mean:.1f}'} |"
                for p in phase.pulse
            ]
            out.append("")
        if phase.kind == "review":
            carried = [a for a in summary.actions if a.carried]
            out += (
                _action_table(carried) if carried else ["Ingen åpne tiltak fra forrige møte.", ""]
            )
        if phase.kind == "actions" and not phase.groups:
            continue
        if phase.kind not in ("collect", "actions"):
            continue
        if phase.matrix:
            out += [
                "| Fra \\ til | " + " | ".join(escape(n) for n in _targets(summary)) + " |",
                "|---|" + "---:|" * len(_targets(summary)),
            ]
            out += [
                f"| {escape(name)} | " + " | ".join(str(n) for n in counts) + " |"
                for name, counts in phase.matrix
            ]
            out.append("")
        if not phase.groups:
            out += ["Ingen innspill.", ""]
            continue
        for group in phase.groups:
            out += [f"### {escape(group.party)} ({len(group.cards)})", ""]
            for card in group.cards:
                prefix = f"→ {escape(card.target)}: " if card.target else ""
                suffix = f" (×{card.duplicates + 1})" if card.duplicates else ""
                suffix += " (fra papir)" if card.paper else ""
                out.append(f"- {prefix}{_multiline(card.text, '  ')}{suffix}")
            out.append("")
    new_actions = [a for a in summary.actions if not a.carried]
    if new_actions:
        out += ["## Tiltak", "", *_action_table(new_actions)]
    if summary.agreements:
        out += ["## Enighet", ""] + [f"- Enighet om {escape(t)}" for t in summary.agreements] + [""]
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")


def _action_table(actions: list[ActionLine]) -> list[str]:
    lines = [
        "| Tiltak | Fokusområde | Ansvarlig | Frist | Status | Merknad |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {escape(a.title, cell=True)} | {escape(a.focus_area, cell=True)} | "
        f"{escape(a.owner, cell=True)} | {a.deadline} | {a.status} | {escape(a.note, cell=True)} |"
        for a in actions
    ]
    return [*lines, ""]


def _targets(summary: Summary) -> list[str]:
    return [party.name for party in summary.parties]

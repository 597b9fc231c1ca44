"""The referat as Markdown: readable as is, and safe to render as a web page.

Participant text is escaped so that no card can become a link, an image, HTML
or a heading when the Markdown is rendered.
"""

from __future__ import annotations

import re

from exports.summary import Summary

_INLINE = re.compile(r"([\\`*_\[\]<>|~]|&(?=#?\w+;))")
_LINE_START = re.compile(r"^(\s*)(?:([#>+=-])|(\d+)([.)]))", re.MULTILINE)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, marker, number, dot = match.groups()
    return f"{indent}\\{marker}" if marker else f"{indent}{number}\\{dot}"


def escape(text: str) -> str:
    """Backslash-escape what would turn text into markup (CommonMark escapes punctuation only)."""
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
        if phase.kind != "collect":
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
    if summary.agreements:
        out += ["## Enighet", ""] + [f"- Enighet om {escape(t)}" for t in summary.agreements] + [""]
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")


def _targets(summary: Summary) -> list[str]:
    return [party.name for party in summary.parties]

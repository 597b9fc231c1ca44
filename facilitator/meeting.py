"""The meeting around the workshop, as frozen values: who attended, what was said and decided.

The attendance list is the secretary's *Til stede* / *Forfall*: names and roles per party. It is
kept apart from participants (phones) on purpose: no table links a name to a card, a vote or a
rating, so the minutes can name the people without unmasking what anyone wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Presence(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"  # forfall
    DEPUTY = "deputy"  # vara: present, standing in for someone


@dataclass(frozen=True, slots=True)
class Attendee:
    id: int
    workshop_id: int
    party_key: str
    name: str
    role: str = ""
    status: Presence = Presence.PRESENT
    position: int = 0


@dataclass(frozen=True, slots=True)
class ItemNote:
    """The secretary's words on one agenda item (a phase): discussion, decision, exemption."""

    phase_id: int
    discussion: str = ""
    decision: str = ""
    exempt_basis: str | None = None  # e.g. "offl. § 14"; None: public

    @property
    def exempt(self) -> bool:
        return self.exempt_basis is not None


@dataclass(frozen=True, slots=True)
class Meeting:
    workshop_id: int
    time: str = ""  # "18:00–20:30", as the secretary writes it
    first_item: int | None = None  # the first sak number; None: follows the series


# Words people write after a name to say it is forfall or vara, in the four languages.
_ABSENT = {"forfall", "fråfall", "fravær", "absent", "apologies", "ikke til stede"}
_DEPUTY = {"vara", "varamedlem", "varamann", "deputy", "substitute"}
_TAIL = re.compile(r"\s*[(\[]([^)\]]*)[)\]]\s*$")


def parse_line(line: str) -> tuple[str, str, Presence] | None:
    """One pasted line, "Navn, rolle (forfall)" or "Navn – rolle", as (name, role, presence).

    Commas, semicolons, tabs (a spreadsheet paste) and dashes separate the name from the role;
    a trailing word in brackets, or as the last field, says forfall or vara.
    """
    text = line.strip().lstrip("-•*").strip()
    if not text:
        return None
    status = Presence.PRESENT
    if match := _TAIL.search(text):
        word = match.group(1).strip().lower()
        if word in _ABSENT or word in _DEPUTY:
            status = Presence.ABSENT if word in _ABSENT else Presence.DEPUTY
            text = text[: match.start()].strip()
    fields = [f.strip() for f in re.split(r"\t|;|,| – | - ", text) if f.strip()]
    if not fields:
        return None
    if len(fields) > 1 and fields[-1].lower() in _ABSENT | _DEPUTY:
        status = Presence.ABSENT if fields[-1].lower() in _ABSENT else Presence.DEPUTY
        fields = fields[:-1]
    return fields[0], ", ".join(fields[1:]), status


def parse_lines(text: str) -> list[tuple[str, str, Presence]]:
    return [p for line in text.splitlines() if (p := parse_line(line)) is not None]


def format_line(a: Attendee) -> str:
    """The inverse of parse_line, for the editor's text box."""
    tail = {Presence.ABSENT: " (forfall)", Presence.DEPUTY: " (vara)"}.get(a.status, "")
    return a.name + (f", {a.role}" if a.role else "") + tail

"""Row → domain value conversions, shared by the reads and the write operations."""

from __future__ import annotations

import json
import sqlite3

from facilitator.model import (
    Card,
    Category,
    Participant,
    Party,
    Phase,
    PhaseKind,
    PhaseStatus,
    Workshop,
    WorkshopStatus,
)

WORKSHOP_COLUMNS = (
    "id, code, title, template, municipality, date, place, lang, status, current_phase_id, "
    "anonymity_limit, text_max, dots"
)
PHASE_COLUMNS = "id, workshop_id, position, kind, category, titles, prompts, status"
CARD_COLUMNS = (
    "id, workshop_id, phase_id, party_key, text, client_id, created_at, participant_id, "
    "target_party, hidden"
)


def workshop(row: sqlite3.Row | tuple) -> Workshop:
    (
        id_,
        code,
        title,
        template,
        municipality,
        date,
        place,
        lang,
        status,
        current,
        anon,
        text_max,
        dots,
    ) = row
    return Workshop(
        id=id_,
        code=code,
        title=title,
        template=template,
        municipality=municipality,
        date=date,
        place=place,
        lang=lang,
        status=WorkshopStatus(status),
        current_phase_id=current,
        anonymity_limit=anon,
        text_max=text_max,
        dots=dots,
    )


def phase(row: sqlite3.Row | tuple) -> Phase:
    id_, workshop_id, position, kind, category, titles, prompts, status = row
    title_map: dict[str, str] = json.loads(titles)
    prompt_map: dict[str, str] = json.loads(prompts)
    return Phase(
        id=id_,
        workshop_id=workshop_id,
        position=position,
        kind=PhaseKind(kind),
        category=Category(category) if category else None,
        title=title_map.get("nb", ""),
        prompt=prompt_map.get("nb", ""),
        status=PhaseStatus(status),
        titles=title_map,
        prompts=prompt_map,
    )


def party(row: sqlite3.Row | tuple) -> Party:
    key, names, color, position, seats = row
    name_map: dict[str, str] = json.loads(names)
    return Party(
        key=key,
        name=name_map.get("nb", key),
        color=color,
        position=position,
        seats=seats,
        names=name_map,
    )


def card(row: sqlite3.Row | tuple) -> Card:
    (
        id_,
        workshop_id,
        phase_id,
        party_key,
        text,
        client_id,
        created_at,
        participant_id,
        target_party,
        hidden,
    ) = row
    return Card(
        id=id_,
        workshop_id=workshop_id,
        phase_id=phase_id,
        party_key=party_key,
        text=text,
        client_id=client_id,
        created_at=created_at,
        participant_id=participant_id,
        target_party=target_party,
        hidden=bool(hidden),
    )


def participant(row: sqlite3.Row | tuple) -> Participant:
    id_, workshop_id, party_key, lang = row
    return Participant(id=id_, workshop_id=workshop_id, party_key=party_key, lang=lang)

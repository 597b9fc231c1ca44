"""Row → domain value conversions, shared by the reads and the write operations."""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from typing import Any

from facilitator.model import (
    Action,
    ActionStatus,
    Card,
    Category,
    FocusArea,
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
    "anonymity_limit, text_max, dots, facilitator, referent, moderation, series, follows_id, "
    "wifi_ssid, wifi_password"
)
PHASE_COLUMNS = "id, workshop_id, position, kind, category, titles, prompts, status, timebox, opened_at, revealed"
CARD_COLUMNS = (
    "id, workshop_id, phase_id, party_key, text, client_id, created_at, participant_id, "
    "target_party, hidden, pending, original_text, merged_into, source, focus_area_id, placed_by"
)


@functools.cache
def _names(columns: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in columns.split(","))


def _named(columns: str, row: Sequence[Any]) -> dict[str, Any]:
    # The names once per column list: a poll that reads 300 new cards split the list 300 times.
    return dict(zip(_names(columns), row, strict=True))


def workshop(row: Sequence[Any]) -> Workshop:
    r = _named(WORKSHOP_COLUMNS, row)
    return Workshop(
        id=r["id"],
        code=r["code"],
        title=r["title"],
        template=r["template"],
        municipality=r["municipality"],
        date=r["date"],
        place=r["place"],
        lang=r["lang"],
        status=WorkshopStatus(r["status"]),
        current_phase_id=r["current_phase_id"],
        anonymity_limit=r["anonymity_limit"],
        text_max=r["text_max"],
        dots=r["dots"],
        facilitator=r["facilitator"],
        referent=r["referent"],
        moderation=bool(r["moderation"]),
        series=r["series"],
        follows_id=r["follows_id"],
        wifi_ssid=r["wifi_ssid"],
        wifi_password=r["wifi_password"],
    )


def phase(row: Sequence[Any]) -> Phase:
    r = _named(PHASE_COLUMNS, row)
    titles: dict[str, str] = json.loads(r["titles"])
    prompts: dict[str, str] = json.loads(r["prompts"])
    return Phase(
        id=r["id"],
        workshop_id=r["workshop_id"],
        position=r["position"],
        kind=PhaseKind(r["kind"]),
        category=Category(r["category"]) if r["category"] else None,
        title=titles.get("nb", ""),
        prompt=prompts.get("nb", ""),
        status=PhaseStatus(r["status"]),
        titles=titles,
        prompts=prompts,
        timebox=r["timebox"],
        opened_at=r["opened_at"],
        revealed=bool(r["revealed"]),
    )


def party(row: Sequence[Any]) -> Party:
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


def card(row: Sequence[Any]) -> Card:
    r = _named(CARD_COLUMNS, row)
    return Card(
        id=r["id"],
        workshop_id=r["workshop_id"],
        phase_id=r["phase_id"],
        party_key=r["party_key"],
        text=r["text"],
        client_id=r["client_id"],
        created_at=r["created_at"],
        participant_id=r["participant_id"],
        target_party=r["target_party"],
        hidden=bool(r["hidden"]),
        pending=bool(r["pending"]),
        original_text=r["original_text"],
        merged_into=r["merged_into"],
        source=r["source"],
        focus_area_id=r["focus_area_id"],
        placed_by=r["placed_by"],
    )


def participant(row: Sequence[Any]) -> Participant:
    id_, workshop_id, party_key, lang = row
    return Participant(id=id_, workshop_id=workshop_id, party_key=party_key, lang=lang)


ACTION_COLUMNS = "id, workshop_id, title, owner, deadline, status, focus_area, note, carried_from"
FOCUS_AREA_COLUMNS = "id, workshop_id, label, position, pinned, label_by_hand, origin"


def action(row: Sequence[Any]) -> Action:
    r = _named(ACTION_COLUMNS, row)
    return Action(**{**r, "status": ActionStatus(r["status"])})


def focus_area(row: Sequence[Any]) -> FocusArea:
    r = _named(FOCUS_AREA_COLUMNS, row)
    return FocusArea(
        **{**r, "pinned": bool(r["pinned"]), "label_by_hand": bool(r["label_by_hand"])}
    )

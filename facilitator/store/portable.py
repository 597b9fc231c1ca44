"""A workshop as one JSON document, and back: the complete, versioned export.

No database ids and no device identifiers leave the file: phases, focus areas
and vote options are referred to by position, cards by the id the phone made,
participants by an anonymous number. Importing a document and exporting it
again gives the same document.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from typing import Any

from sqlite_utils import Database

from facilitator import events as ev
from facilitator.store import archive_schema, minutes
from facilitator.store import cards as _cards
from facilitator.store.errors import Outcome, StoreError
from facilitator.store.participants import hash_token
from facilitator.store.workshops import new_code

FORMAT = "trepart-workshop"
VERSION = 1

WORKSHOP_FIELDS = (
    "code",
    "title",
    "template",
    "municipality",
    "date",
    "place",
    "lang",
    "status",
    "facilitator",
    "referent",
    "moderation",
    "anonymity_limit",
    "text_max",
    "dots",
    "series",
)


def _rows(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
    return list(Database(conn).query(sql, params))


def dump(conn: sqlite3.Connection, workshop_id: int) -> dict[str, Any]:
    ws = _rows(
        conn,
        f"SELECT {', '.join(WORKSHOP_FIELDS)}, current_phase_id FROM workshop WHERE id = ?",
        (workshop_id,),
    )
    if not ws:
        raise StoreError(f"workshop {workshop_id} not found")
    workshop = ws[0]
    phases = _rows(
        conn,
        "SELECT id, position, kind, category, titles, prompts, status, timebox, revealed "
        "FROM phase WHERE workshop_id = ? ORDER BY position",
        (workshop_id,),
    )
    phase_pos = {p["id"]: p["position"] for p in phases}
    areas = _rows(
        conn,
        "SELECT id, position, label, pinned, label_by_hand, origin FROM focus_area "
        "WHERE workshop_id = ? ORDER BY position, id",
        (workshop_id,),
    )
    area_pos = {a["id"]: i for i, a in enumerate(areas, start=1)}
    people = _rows(
        conn,
        "SELECT id, party_key, lang FROM participant WHERE workshop_id = ? ORDER BY id",
        (workshop_id,),
    )
    ref = {p["id"]: f"p{i}" for i, p in enumerate(people, start=1)}
    cards = _rows(
        conn,
        "SELECT id, client_id, phase_id, participant_id, party_key, text, original_text, "
        "target_party, hidden, pending, merged_into, source, focus_area_id, placed_by, "
        "created_at FROM card WHERE workshop_id = ? ORDER BY id",
        (workshop_id,),
    )
    card_ref = {c["id"]: c["client_id"] for c in cards}
    options = _rows(
        conn,
        "SELECT o.id, o.phase_id, o.position, o.label, o.focus_area_id FROM vote_option o "
        "JOIN phase p ON p.id = o.phase_id WHERE p.workshop_id = ? ORDER BY p.position, "
        "o.position",
        (workshop_id,),
    )
    option_ref = {o["id"]: (phase_pos[o["phase_id"]], o["position"]) for o in options}
    votes = _rows(
        conn,
        "SELECT v.option_id, v.participant_id, v.party_key, v.dots, v.proxy FROM vote v "
        "JOIN vote_option o ON o.id = v.option_id JOIN phase p ON p.id = o.phase_id "
        "WHERE p.workshop_id = ? ORDER BY v.id",
        (workshop_id,),
    )
    ratings = _rows(
        conn,
        "SELECT r.phase_id, r.participant_id, r.party_key, r.value FROM rating r "
        "JOIN phase p ON p.id = r.phase_id WHERE p.workshop_id = ? ORDER BY r.id",
        (workshop_id,),
    )
    actions = _rows(
        conn,
        "SELECT id, title, owner, deadline, status, focus_area, note FROM action "
        "WHERE workshop_id = ? ORDER BY id",
        (workshop_id,),
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "workshop": {
            **{k: workshop[k] for k in WORKSHOP_FIELDS},
            "moderation": bool(workshop["moderation"]),
            "current_phase": phase_pos.get(workshop["current_phase_id"]),
        },
        "parties": [
            {**p, "names": json.loads(p["names"])}
            for p in _rows(
                conn,
                "SELECT key, names, color, position, seats FROM party WHERE workshop_id = ? "
                "ORDER BY position",
                (workshop_id,),
            )
        ],
        "phases": [
            {
                "position": p["position"],
                "kind": p["kind"],
                "category": p["category"],
                "titles": json.loads(p["titles"]),
                "prompts": json.loads(p["prompts"]),
                "status": p["status"],
                "timebox": p["timebox"],
                "revealed": bool(p["revealed"]),
            }
            for p in phases
        ],
        "participants": [
            {"ref": ref[p["id"]], "party": p["party_key"], "lang": p["lang"]} for p in people
        ],
        "focus_areas": [
            {
                "label": a["label"],
                "pinned": bool(a["pinned"]),
                "label_by_hand": bool(a["label_by_hand"]),
                "origin": a["origin"],
            }
            for a in areas
        ],
        "cards": [
            {
                "id": c["client_id"],
                "phase": phase_pos[c["phase_id"]],
                "participant": ref.get(c["participant_id"]),
                "party": c["party_key"],
                "text": c["text"],
                "original_text": c["original_text"],
                "target_party": c["target_party"],
                "hidden": bool(c["hidden"]),
                "pending": bool(c["pending"]),
                "merged_into": card_ref.get(c["merged_into"]),
                "source": c["source"],
                "focus_area": area_pos.get(c["focus_area_id"]),
                "placed_by": c["placed_by"],
                "created_at": c["created_at"],
            }
            for c in cards
        ],
        "agreements": [
            {"phase": phase_pos.get(a["phase_id"]), "text": a["text"]}
            for a in _rows(
                conn,
                "SELECT phase_id, text FROM agreement WHERE workshop_id = ? ORDER BY id",
                (workshop_id,),
            )
        ],
        "vote_options": [
            {
                "phase": phase_pos[o["phase_id"]],
                "position": o["position"],
                "label": o["label"],
                "focus_area": area_pos.get(o["focus_area_id"]),
            }
            for o in options
        ],
        "votes": [
            {
                "option": list(option_ref[v["option_id"]]),
                "participant": ref.get(v["participant_id"]),
                "party": v["party_key"],
                "dots": v["dots"],
                "proxy": bool(v["proxy"]),
            }
            for v in votes
        ],
        "ratings": [
            {
                "phase": phase_pos[r["phase_id"]],
                "participant": ref[r["participant_id"]],
                "party": r["party_key"],
                "value": r["value"],
            }
            for r in ratings
        ],
        "actions": [
            {
                **{k: a[k] for k in ("title", "owner", "deadline", "status", "focus_area", "note")},
                "history": _rows(
                    conn,
                    "SELECT status, note, changed_at FROM action_history WHERE action_id = ? "
                    "ORDER BY changed_at, id",
                    (a["id"],),
                ),
            }
            for a in actions
        ],
        **minutes.dump_part(conn, workshop_id, phase_pos),
    }


def load(conn: sqlite3.Connection, doc: dict[str, Any]) -> Outcome[int]:
    """Create a workshop from a document made by `dump`; a join code already in use gets a new one.

    The whole document is checked first (archive_schema.check: ArchiveInvalid names the field),
    so a bad file writes nothing. Codes are compared case-insensitively. The rows go in with
    sqlite-utils (`insert_all`: inside the caller's transaction, as savepoints); the new ids
    are read back by what the document refers to rows with (positions, the phone's card id).
    """
    doc = archive_schema.check(doc)
    db = Database(conn)
    ws = doc["workshop"]
    code = ws["code"]
    if conn.execute("SELECT 1 FROM workshop WHERE upper(code) = ?", (code,)).fetchone():
        code = new_code(conn)
    row = {f: int(ws[f]) if f == "moderation" else ws[f] for f in WORKSHOP_FIELDS}
    workshop_id = int(
        db.table("workshop").insert({**row, "code": code, "created_at": 0.0}).last_rowid or 0
    )

    def ids(sql: str) -> dict[Any, int]:
        """What the document calls a row → its new id, for this workshop's rows."""
        return {key: int(new) for key, new in conn.execute(sql, (workshop_id,))}

    db.table("party").insert_all(
        {
            "workshop_id": workshop_id,
            "key": p["key"],
            "names": json.dumps(p["names"], ensure_ascii=False),
            "color": p["color"],
            "position": p["position"],
            "seats": p["seats"],
        }
        for p in doc["parties"]
    )
    db.table("phase").insert_all(
        {
            "workshop_id": workshop_id,
            "position": p["position"],
            "kind": p["kind"],
            "category": p["category"],
            "titles": json.dumps(p["titles"], ensure_ascii=False),
            "prompts": json.dumps(p["prompts"], ensure_ascii=False),
            "status": p["status"],
            "timebox": p["timebox"],
            "revealed": int(p["revealed"]),
        }
        for p in doc["phases"]
    )
    phase_id = ids("SELECT position, id FROM phase WHERE workshop_id = ?")
    if ws.get("current_phase") is not None:
        db.table("workshop").update(
            workshop_id, {"current_phase_id": phase_id[ws["current_phase"]]}
        )
    # A fresh, never-issued token each: the old phones cannot log in to the restored copy.
    db.table("participant").insert_all(
        {
            "workshop_id": workshop_id,
            "token_hash": hash_token(secrets.token_urlsafe(24)),
            "party_key": p["party"],
            "lang": p["lang"],
        }
        for p in doc["participants"]
    )
    # Rowids are handed out in insert order within one writer's transaction.
    new_people = [
        i
        for (i,) in conn.execute(
            "SELECT id FROM participant WHERE workshop_id = ? ORDER BY id", (workshop_id,)
        )
    ]
    person = {p["ref"]: new for p, new in zip(doc["participants"], new_people, strict=True)}
    db.table("focus_area").insert_all(
        {
            "workshop_id": workshop_id,
            "label": a["label"],
            "position": i,
            "pinned": int(a["pinned"]),
            "label_by_hand": int(a["label_by_hand"]),
            "origin": a["origin"],
        }
        for i, a in enumerate(doc["focus_areas"], start=1)
    )
    area_id = ids("SELECT position, id FROM focus_area WHERE workshop_id = ?")
    first = _cards.next_id(conn)  # above every id a withdrawn card ever had (migration 10)
    db.table("card").insert_all(
        {
            "id": first + i,
            "workshop_id": workshop_id,
            "phase_id": phase_id[c["phase"]],
            "participant_id": person.get(c["participant"]),
            "party_key": c["party"],
            "client_id": c["id"],
            "text": c["text"],
            "original_text": c["original_text"],
            "target_party": c["target_party"],
            "hidden": int(c["hidden"]),
            "pending": int(c["pending"]),
            "source": c["source"],
            "focus_area_id": area_id.get(c["focus_area"]),
            "placed_by": c["placed_by"],
            "created_at": c["created_at"],
        }
        for i, c in enumerate(doc["cards"])
    )
    card_id = ids("SELECT client_id, id FROM card WHERE workshop_id = ?")
    conn.executemany(
        "UPDATE card SET merged_into = ? WHERE id = ?",
        [(card_id[c["merged_into"]], card_id[c["id"]]) for c in doc["cards"] if c["merged_into"]],
    )
    db.table("agreement").insert_all(
        {
            "workshop_id": workshop_id,
            "phase_id": phase_id.get(a["phase"]),
            "text": a["text"],
            "created_at": 0,
        }
        for a in doc["agreements"]
    )
    db.table("vote_option").insert_all(
        {
            "phase_id": phase_id[o["phase"]],
            "focus_area_id": area_id.get(o["focus_area"]),
            "label": o["label"],
            "position": o["position"],
        }
        for o in doc["vote_options"]
    )
    option_id = {
        (phase, position): int(new)
        for phase, position, new in conn.execute(
            "SELECT p.position, o.position, o.id FROM vote_option o JOIN phase p ON p.id = o.phase_id "
            "WHERE p.workshop_id = ?",
            (workshop_id,),
        )
    }
    db.table("vote").insert_all(
        {
            "option_id": option_id[tuple(v["option"])],
            "participant_id": person.get(v["participant"]),
            "party_key": v["party"],
            "dots": v["dots"],
            "proxy": int(v["proxy"]),
        }
        for v in doc["votes"]
    )
    db.table("rating").insert_all(
        {
            "phase_id": phase_id[r["phase"]],
            "participant_id": person[r["participant"]],
            "party_key": r["party"],
            "value": r["value"],
        }
        for r in doc["ratings"]
    )
    fields = ("title", "owner", "deadline", "status", "focus_area", "note")
    for a in doc["actions"]:
        row = {"workshop_id": workshop_id, **{f: a[f] for f in fields}, "created_at": 0}
        action_id = db.table("action").insert(row).last_rowid
        db.table("action_history").insert_all(
            {"action_id": action_id, **{k: h[k] for k in ("status", "note", "changed_at")}}
            for h in a["history"]
        )
    minutes.load_part(conn, workshop_id, doc, phase_id)
    return Outcome(workshop_id, (ev.WorkshopChanged(workshop_id),))

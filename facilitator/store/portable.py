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

from facilitator import events as ev
from facilitator.store import archive_schema, minutes
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
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur]


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
    so a bad file writes nothing. Codes are compared case-insensitively.
    """
    doc = archive_schema.check(doc)
    ws = doc["workshop"]
    code = ws["code"]
    if conn.execute("SELECT 1 FROM workshop WHERE upper(code) = ?", (code,)).fetchone():
        code = new_code(conn)
    fields = [f for f in WORKSHOP_FIELDS if f != "code"]
    cur = conn.execute(
        f"INSERT INTO workshop (code, {', '.join(fields)}, created_at) VALUES ({', '.join('?' * (len(fields) + 2))})",
        (code, *(int(ws[f]) if f == "moderation" else ws[f] for f in fields), 0.0),
    )
    workshop_id = int(cur.lastrowid or 0)
    for p in doc["parties"]:
        conn.execute(
            "INSERT INTO party (workshop_id, key, names, color, position, seats) VALUES (?,?,?,?,?,?)",
            (
                workshop_id,
                p["key"],
                json.dumps(p["names"], ensure_ascii=False),
                p["color"],
                p["position"],
                p["seats"],
            ),
        )
    phase_id: dict[int, int] = {}
    for p in doc["phases"]:
        cur = conn.execute(
            "INSERT INTO phase (workshop_id, position, kind, category, titles, prompts, status, timebox, revealed) "
            "VALUES (?,?,?,?,?,?,?,?,?)",
            (
                workshop_id,
                p["position"],
                p["kind"],
                p["category"],
                json.dumps(p["titles"], ensure_ascii=False),
                json.dumps(p["prompts"], ensure_ascii=False),
                p["status"],
                p["timebox"],
                int(p["revealed"]),
            ),
        )
        phase_id[p["position"]] = int(cur.lastrowid or 0)
    if ws.get("current_phase") is not None:
        conn.execute(
            "UPDATE workshop SET current_phase_id = ? WHERE id = ?",
            (phase_id[ws["current_phase"]], workshop_id),
        )
    person: dict[str, int] = {}
    for p in doc["participants"]:
        # A fresh, never-issued token: the old phones cannot log in to the restored copy.
        cur = conn.execute(
            "INSERT INTO participant (workshop_id, token_hash, party_key, lang) VALUES (?,?,?,?)",
            (workshop_id, hash_token(secrets.token_urlsafe(24)), p["party"], p["lang"]),
        )
        person[p["ref"]] = int(cur.lastrowid or 0)
    area_id: dict[int, int] = {}
    for i, a in enumerate(doc["focus_areas"], start=1):
        cur = conn.execute(
            "INSERT INTO focus_area (workshop_id, label, position, pinned, label_by_hand, origin) VALUES (?,?,?,?,?,?)",
            (workshop_id, a["label"], i, int(a["pinned"]), int(a["label_by_hand"]), a["origin"]),
        )
        area_id[i] = int(cur.lastrowid or 0)
    card_id: dict[str, int] = {}
    for c in doc["cards"]:
        cur = conn.execute(
            "INSERT INTO card (workshop_id, phase_id, participant_id, party_key, client_id, text, original_text, "
            "target_party, hidden, pending, source, focus_area_id, placed_by, created_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                workshop_id,
                phase_id[c["phase"]],
                person.get(c["participant"]),
                c["party"],
                c["id"],
                c["text"],
                c["original_text"],
                c["target_party"],
                int(c["hidden"]),
                int(c["pending"]),
                c["source"],
                area_id.get(c["focus_area"]),
                c["placed_by"],
                c["created_at"],
            ),
        )
        card_id[c["id"]] = int(cur.lastrowid or 0)
    for c in doc["cards"]:
        if c["merged_into"]:
            conn.execute(
                "UPDATE card SET merged_into = ? WHERE id = ?",
                (card_id[c["merged_into"]], card_id[c["id"]]),
            )
    for a in doc["agreements"]:
        conn.execute(
            "INSERT INTO agreement (workshop_id, phase_id, text, created_at) VALUES (?,?,?,0)",
            (workshop_id, phase_id.get(a["phase"]), a["text"]),
        )
    option_id: dict[tuple[int, int], int] = {}
    for o in doc["vote_options"]:
        cur = conn.execute(
            "INSERT INTO vote_option (phase_id, focus_area_id, label, position) VALUES (?,?,?,?)",
            (phase_id[o["phase"]], area_id.get(o["focus_area"]), o["label"], o["position"]),
        )
        option_id[(o["phase"], o["position"])] = int(cur.lastrowid or 0)
    for v in doc["votes"]:
        conn.execute(
            "INSERT INTO vote (option_id, participant_id, party_key, dots, proxy) VALUES (?,?,?,?,?)",
            (
                option_id[tuple(v["option"])],
                person.get(v["participant"]),
                v["party"],
                v["dots"],
                int(v["proxy"]),
            ),
        )
    for r in doc["ratings"]:
        conn.execute(
            "INSERT INTO rating (phase_id, participant_id, party_key, value) VALUES (?,?,?,?)",
            (phase_id[r["phase"]], person[r["participant"]], r["party"], r["value"]),
        )
    for a in doc["actions"]:
        cur = conn.execute(
            "INSERT INTO action (workshop_id, title, owner, deadline, status, focus_area, note, created_at) "
            "VALUES (?,?,?,?,?,?,?,0)",
            (
                workshop_id,
                a["title"],
                a["owner"],
                a["deadline"],
                a["status"],
                a["focus_area"],
                a["note"],
            ),
        )
        conn.executemany(
            "INSERT INTO action_history (action_id, status, note, changed_at) VALUES (?,?,?,?)",
            [(cur.lastrowid, h["status"], h["note"], h["changed_at"]) for h in a["history"]],
        )
    minutes.load_part(conn, workshop_id, doc, phase_id)
    return Outcome(workshop_id, (ev.WorkshopChanged(workshop_id),))

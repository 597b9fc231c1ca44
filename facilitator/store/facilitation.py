"""What the facilitator does to a workshop: curate cards, record agreements, edit the agenda.

Each operation runs in the caller's transaction and returns the events to
publish, like the phones' operations in `ops`.
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from typing import Any

from facilitator import cardtext
from facilitator import events as ev
from facilitator.i18n import N_
from facilitator.model import Agreement, Card, Category, PhaseKind
from facilitator.store import rows
from facilitator.store.ops import Conflict, NotFound, Outcome, StoreError


def _card(conn: sqlite3.Connection, card_id: int) -> Card:
    row = conn.execute(f"SELECT {rows.CARD_COLUMNS} FROM card WHERE id = ?", (card_id,)).fetchone()
    if row is None:
        raise NotFound(f"card {card_id}")
    return rows.card(row)


def _changed(conn: sqlite3.Connection, *card_ids: int) -> Outcome[Card]:
    cards = [_card(conn, i) for i in card_ids]
    return Outcome(cards[0], tuple(ev.CardChanged(c.workshop_id, c) for c in cards))


# -- cards ---------------------------------------------------------------------------------


def paper_card(
    conn: sqlite3.Connection,
    workshop_id: int,
    phase_id: int,
    party_key: str,
    text: str,
    target_party: str | None = None,
) -> Outcome[Card]:
    """A card from a paper note, typed in on behalf of a party; it needs no open phase."""
    phase = conn.execute(
        "SELECT kind FROM phase WHERE id = ? AND workshop_id = ?", (phase_id, workshop_id)
    ).fetchone()
    if phase is None or phase[0] != PhaseKind.COLLECT.value:
        raise NotFound("collect phase")
    for key in filter(None, (party_key, target_party)):
        if not conn.execute(
            "SELECT 1 FROM party WHERE workshop_id = ? AND key = ?", (workshop_id, key)
        ).fetchone():
            raise NotFound(f"party {key}")
    text = card_text(text)
    cur = conn.execute(
        "INSERT INTO card (workshop_id, phase_id, party_key, client_id, text, target_party, "
        "created_at, source) VALUES (?,?,?,?,?,?,?, 'paper')",
        (workshop_id, phase_id, party_key, str(uuid.uuid4()), text, target_party, time.time()),
    )
    card = _card(conn, int(cur.lastrowid or 0))
    return Outcome(card, (ev.CardAdded(workshop_id, card),))


# What the facilitator reads when a typed text is refused (cardtext's codes).
_TEXT_SAY = {
    "text_empty": N_("Teksten kan ikke være tom."),
    "text_too_long": N_("Teksten er for lang (høyst {max} tegn)."),
    "too_many_lines": N_("Teksten har for mange linjer (høyst {max})."),
    "invalid_text": N_("Teksten inneholder tegn som ikke er tillatt."),
    "invalid_value": N_("Teksten kan ikke være tom."),
}


def card_text(text: str, max_len: int = 2000) -> str:
    """The facilitator's text through the same validator as a phone's (facilitator/cardtext.py)."""
    try:
        return cardtext.clean(text, max_len=max_len)
    except cardtext.TextRefused as refused:
        raise StoreError(refused.code, say=_TEXT_SAY[refused.code], **refused.params) from None


def set_hidden(conn: sqlite3.Connection, card_id: int, hidden: bool) -> Outcome[Card]:
    conn.execute("UPDATE card SET hidden = ? WHERE id = ?", (int(hidden), _card(conn, card_id).id))
    return _changed(conn, card_id)


def approve(conn: sqlite3.Connection, card_id: int) -> Outcome[Card]:
    """Let a held card onto the wall (moderation)."""
    conn.execute("UPDATE card SET pending = 0 WHERE id = ?", (_card(conn, card_id).id,))
    return _changed(conn, card_id)


def edit_text(conn: sqlite3.Connection, card_id: int, text: str) -> Outcome[Card]:
    """Fix a typo; the participant's original wording is kept beside the edit."""
    card = _card(conn, card_id)
    text = card_text(text)
    if text != card.text:
        conn.execute(
            "UPDATE card SET text = ?, original_text = COALESCE(original_text, ?) WHERE id = ?",
            (text, card.text, card_id),
        )
    return _changed(conn, card_id)


def merge(conn: sqlite3.Connection, keep_id: int, duplicate_ids: list[int]) -> Outcome[Card]:
    """Fold duplicates into one card; they stay stored (and countable) but leave the wall."""
    keep = _card(conn, keep_id)
    if keep.merged_into:
        raise Conflict(
            "card is itself merged", say=N_("Kortet er allerede slått sammen med et annet.")
        )
    others = [i for i in duplicate_ids if i != keep_id]
    for card_id in others:
        dup = _card(conn, card_id)
        if dup.workshop_id != keep.workshop_id:
            raise Conflict("cards of different workshops")
        # Cards already merged into the duplicate follow it to the kept card.
        conn.execute("UPDATE card SET merged_into = ? WHERE merged_into = ?", (keep_id, card_id))
        conn.execute("UPDATE card SET merged_into = ? WHERE id = ?", (keep_id, card_id))
    return _changed(conn, keep_id, *others)


def unmerge(conn: sqlite3.Connection, keep_id: int) -> Outcome[Card]:
    ids = [r[0] for r in conn.execute("SELECT id FROM card WHERE merged_into = ?", (keep_id,))]
    conn.execute("UPDATE card SET merged_into = NULL WHERE merged_into = ?", (keep_id,))
    return _changed(conn, keep_id, *ids)


def merged_counts(conn: sqlite3.Connection, workshop_id: int) -> dict[int, int]:
    cur = conn.execute(
        "SELECT merged_into, COUNT(*) FROM card WHERE workshop_id = ? AND merged_into IS NOT NULL "
        "GROUP BY 1",
        (workshop_id,),
    )
    return dict(cur.fetchall())


# -- agreements ----------------------------------------------------------------------------


def add_agreement(
    conn: sqlite3.Connection, workshop_id: int, phase_id: int | None, text: str
) -> Outcome[Agreement]:
    text = card_text(text)
    cur = conn.execute(
        "INSERT INTO agreement (workshop_id, phase_id, text, created_at) VALUES (?,?,?,?)",
        (workshop_id, phase_id, text, time.time()),
    )
    agreement = Agreement(int(cur.lastrowid or 0), workshop_id, phase_id, text)
    return Outcome(agreement, (ev.WorkshopChanged(workshop_id),))


def remove_agreement(conn: sqlite3.Connection, agreement_id: int) -> Outcome[None]:
    row = conn.execute("SELECT workshop_id FROM agreement WHERE id = ?", (agreement_id,)).fetchone()
    if row is None:
        raise NotFound("agreement")
    conn.execute("DELETE FROM agreement WHERE id = ?", (agreement_id,))
    return Outcome(None, (ev.WorkshopChanged(row[0]),))


# -- the workshop and its agenda -------------------------------------------------------------

WORKSHOP_FIELDS = {
    "title": str,
    "municipality": str,
    "date": str,
    "place": str,
    "facilitator": str,
    "referent": str,
    "moderation": bool,
    "anonymity_limit": int,
    "dots": int,
    "text_max": int,
    "wifi_ssid": str,
    "wifi_password": str,
}
_BOUNDS = {"anonymity_limit": (1, 50), "dots": (1, 20), "text_max": (20, 2000)}


def update_workshop(conn: sqlite3.Connection, workshop_id: int, **fields: Any) -> Outcome[None]:
    for name, value in fields.items():
        kind = WORKSHOP_FIELDS.get(name)
        if kind is None:
            raise StoreError(f"unknown field {name}")
        if name in _BOUNDS:
            low, high = _BOUNDS[name]
            if not isinstance(value, int) or not low <= value <= high:
                raise StoreError(
                    f"{name} out of range",
                    say=N_("Verdien må være mellom {low} og {high}."),
                    low=low,
                    high=high,
                )
        if name == "title" and not str(value).strip():
            raise StoreError("no title", say=N_("En workshop trenger en tittel."))
        if name == "wifi_ssid" and len(str(value).strip().encode("utf-8")) > 32:
            raise StoreError("ssid too long", say=N_("Nettverksnavnet kan være høyst 32 byte."))
        if name == "wifi_password" and value and not 8 <= len(str(value)) <= 63:
            raise StoreError("wifi password", say=N_("Et WPA-passord har 8–63 tegn."))
        stored = int(value) if kind is bool else kind(value)
        conn.execute(f"UPDATE workshop SET {name} = ? WHERE id = ?", (stored, workshop_id))
    return Outcome(None, (ev.WorkshopChanged(workshop_id),))


def update_party(
    conn: sqlite3.Connection,
    workshop_id: int,
    key: str,
    *,
    name: str | None = None,
    color: str | None = None,
    seats: int | None = None,
    lang: str = "nb",
) -> Outcome[None]:
    row = conn.execute(
        "SELECT names FROM party WHERE workshop_id = ? AND key = ?", (workshop_id, key)
    ).fetchone()
    if row is None:
        raise NotFound(f"party {key}")
    if name is not None:
        if not name.strip():
            raise StoreError("no party name", say=N_("En part trenger et navn."))
        names = json.loads(row[0])
        names[lang] = name.strip()
        conn.execute(
            "UPDATE party SET names = ? WHERE workshop_id = ? AND key = ?",
            (json.dumps(names, ensure_ascii=False), workshop_id, key),
        )
    if color is not None:
        conn.execute(
            "UPDATE party SET color = ? WHERE workshop_id = ? AND key = ?",
            (color, workshop_id, key),
        )
    if seats is not None:
        conn.execute(
            "UPDATE party SET seats = ? WHERE workshop_id = ? AND key = ?",
            (seats or None, workshop_id, key),
        )
    return Outcome(None, (ev.WorkshopChanged(workshop_id),))


def add_phase(
    conn: sqlite3.Connection,
    workshop_id: int,
    kind: PhaseKind,
    title: str,
    prompt: str = "",
    category: Category | None = None,
    *,
    after: int | None = None,
) -> Outcome[int]:
    """A new phase at the end, or right after position `after` (the one the facilitator chose)."""
    if kind is PhaseKind.COLLECT and category is None:
        category = Category.CHALLENGE
    last = conn.execute(
        "SELECT COALESCE(MAX(position), 0) FROM phase WHERE workshop_id = ?", (workshop_id,)
    ).fetchone()[0]
    if after is not None and 0 <= after < last:
        # Make room in two steps: (workshop_id, position) is unique at every row's update.
        conn.execute(
            "UPDATE phase SET position = -position - 1 WHERE workshop_id = ? AND position > ?",
            (workshop_id, after),
        )
        conn.execute(
            "UPDATE phase SET position = -position WHERE workshop_id = ? AND position < 0",
            (workshop_id,),
        )
        last = after
    cur = conn.execute(
        "INSERT INTO phase (workshop_id, position, kind, category, titles, prompts) VALUES (?,?,?,?,?,?)",
        (
            workshop_id,
            last + 1,
            kind.value,
            category.value if category else None,
            json.dumps({"nb": title}, ensure_ascii=False),
            json.dumps({"nb": prompt}, ensure_ascii=False),
        ),
    )
    return Outcome(int(cur.lastrowid or 0), (ev.WorkshopChanged(workshop_id),))


def _phase_row(conn: sqlite3.Connection, phase_id: int) -> tuple[int, int, str]:
    row = conn.execute(
        "SELECT workshop_id, position, status FROM phase WHERE id = ?", (phase_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"phase {phase_id}")
    return row[0], row[1], row[2]


def remove_phase(conn: sqlite3.Connection, phase_id: int) -> Outcome[None]:
    """Remove a phase that has not been used yet; positions close the gap."""
    workshop_id, position, status = _phase_row(conn, phase_id)
    if (
        status != "pending"
        or conn.execute("SELECT 1 FROM card WHERE phase_id = ? LIMIT 1", (phase_id,)).fetchone()
    ):
        raise Conflict(
            "phase already used", say=N_("Fasen er allerede i bruk og kan ikke slettes.")
        )
    conn.execute("DELETE FROM phase WHERE id = ?", (phase_id,))
    ids = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM phase WHERE workshop_id = ? AND position > ? ORDER BY position",
            (workshop_id, position),
        )
    ]
    for offset, pid in enumerate(ids):
        conn.execute("UPDATE phase SET position = ? WHERE id = ?", (position + offset, pid))
    return Outcome(None, (ev.WorkshopChanged(workshop_id),))


def move_phase(conn: sqlite3.Connection, phase_id: int, step: int) -> Outcome[None]:
    """Swap a phase with its neighbour (step -1 up, +1 down)."""
    workshop_id, position, _ = _phase_row(conn, phase_id)
    other = conn.execute(
        "SELECT id FROM phase WHERE workshop_id = ? AND position = ?",
        (workshop_id, position + step),
    ).fetchone()
    if other is None:
        return Outcome(None)
    conn.execute("UPDATE phase SET position = -1 WHERE id = ?", (phase_id,))
    conn.execute("UPDATE phase SET position = ? WHERE id = ?", (position, other[0]))
    conn.execute("UPDATE phase SET position = ? WHERE id = ?", (position + step, phase_id))
    return Outcome(None, (ev.WorkshopChanged(workshop_id),))


def update_phase(
    conn: sqlite3.Connection,
    phase_id: int,
    *,
    lang: str = "nb",
    title: str | None = None,
    prompt: str | None = None,
    timebox: int | bool | None = False,
    kind: PhaseKind | None = None,
    category: Category | None = None,
) -> Outcome[None]:
    """Edit a phase's title or prompt in one language, its time box (None removes it), or
    (before it has been used) its kind."""
    workshop_id, _, status = _phase_row(conn, phase_id)
    if kind is not None:
        if status != "pending":
            raise Conflict(
                "phase already used", say=N_("Fasen er allerede i bruk; typen kan ikke endres.")
            )
        category = (category or Category.CHALLENGE) if kind is PhaseKind.COLLECT else None
        conn.execute(
            "UPDATE phase SET kind = ?, category = ? WHERE id = ?",
            (kind.value, category.value if category else None, phase_id),
        )
    titles_json, prompts_json = conn.execute(
        "SELECT titles, prompts FROM phase WHERE id = ?", (phase_id,)
    ).fetchone()
    titles, prompts = json.loads(titles_json), json.loads(prompts_json)
    if title is not None:
        if lang == "nb" and not title.strip():
            raise StoreError("no phase title", say=N_("En fase trenger en tittel på bokmål."))
        titles[lang] = title.strip()
    if prompt is not None:
        prompts[lang] = prompt.strip()
    conn.execute(
        "UPDATE phase SET titles = ?, prompts = ? WHERE id = ?",
        (
            json.dumps({k: v for k, v in titles.items() if v}, ensure_ascii=False),
            json.dumps({k: v for k, v in prompts.items() if v}, ensure_ascii=False),
            phase_id,
        ),
    )
    if timebox is not False:
        if timebox is not None and (not isinstance(timebox, int) or timebox <= 0):
            raise StoreError("bad time box", say=N_("En tidsramme er et positivt antall minutter."))
        conn.execute("UPDATE phase SET timebox = ? WHERE id = ?", (timebox, phase_id))
    return Outcome(None, (ev.WorkshopChanged(workshop_id),))

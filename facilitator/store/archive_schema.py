"""The whole schema of the full-fidelity archive that `trepart import` reads, checked before the
first row is written.

Types, enums, ranges, lengths, the join-code alphabet and every reference between parts (a
card's phase, a vote's option, a rating's phone) are checked here; a violation is one sentence
that names the field (`cards[3].phase: …`), and nothing is written. Card texts go through the
same validator as a phone's (facilitator/cardtext.py). Pure: no SQL, no I/O.
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

from facilitator.model import ActionStatus, Category, PhaseKind, PhaseStatus, WorkshopStatus
from facilitator.store.archive_fields import (
    LANGS,
    ArchiveInvalid,
    boolean,
    card_text,
    fail,
    int_in,
    listed,
    names,
    obj,
    one_of,
    optional,
    seconds,
    text_of,
    unique,
)
from facilitator.store.workshops import CODE_ALPHABET

FORMATS = ("trepart-workshop", "trepart-archive")  # today's name, and the archive's to come
VERSION = 1
MAX_DEPTH = 12
_CODE = re.compile(f"[{CODE_ALPHABET}A-Z0-9]{{4,12}}")
_KEY = re.compile(r"[a-z0-9_-]{1,40}")
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
_REF = re.compile(r"[A-Za-z0-9_-]{1,24}")
PARTS = (
    "workshop",
    "parties",
    "phases",
    "participants",
    "focus_areas",
    "cards",
    "agreements",
    "vote_options",
    "votes",
    "ratings",
    "actions",
)
# The secretary's parts (attendance, per item notes, the meeting's time): absent in archives
# written before the minutes had them.
MINUTES_PARTS = ("meeting", "attendance", "item_notes")


def parse(text: str) -> Any:
    """JSON with bounded numbers and depth, so a hostile file is a sentence, not a traceback."""

    def bounded_int(digits: str) -> int:
        if len(digits.lstrip("-")) > 40:
            raise ArchiveInvalid("Et tall i filen har for mange sifre.")
        return int(digits)

    try:
        doc = json.loads(text, parse_int=bounded_int, parse_constant=_no_constant)
    except RecursionError:
        raise ArchiveInvalid("Filen er nøstet for dypt til å være en Trepart-eksport.") from None
    except json.JSONDecodeError as exc:
        raise ArchiveInvalid(f"Filen er ikke gyldig JSON (linje {exc.lineno}).") from None
    if _depth(doc) > MAX_DEPTH:
        raise ArchiveInvalid("Filen er nøstet for dypt til å være en Trepart-eksport.")
    return doc


def _no_constant(name: str) -> None:
    raise ArchiveInvalid(f"Filen inneholder {name}, som ikke er et tall i JSON.")


def _depth(value: Any, level: int = 0) -> int:
    if level > MAX_DEPTH:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level + 1)
    return level


# -- the document ------------------------------------------------------------------------------

WORKSHOP_REQUIRED = (
    "code", "title", "template", "municipality", "date", "place", "lang", "status",
    "facilitator", "referent", "moderation", "anonymity_limit", "text_max", "dots", "series",
)  # fmt: skip


def check(doc: Any) -> dict[str, Any]:
    """The document, with its join code in upper case and card texts normalised, or
    ArchiveInvalid naming the first field that is wrong."""
    if not isinstance(doc, dict):
        raise ArchiveInvalid("Filen er ikke en Trepart-eksport (den er ikke et JSON-objekt).")
    if doc.get("format") not in FORMATS:
        raise ArchiveInvalid("Filen er ikke en Trepart-eksport (feltet format mangler).")
    if doc.get("version") != VERSION:
        raise fail("version", f"bare versjon {VERSION} kan leses")
    for part in PARTS:
        if part not in doc:
            raise fail(part, "mangler")
    for key, value in doc.items():  # header fields beside the parts: short text or numbers only
        if key not in PARTS + MINUTES_PARTS and not isinstance(
            value, (str, int, float, bool, type(None))
        ):
            raise fail(key, "er ikke et kjent felt")
    ws = _workshop(doc["workshop"])
    parties = _parties(doc["parties"])
    phases = _phases(doc["phases"])
    if ws["current_phase"] is not None and ws["current_phase"] not in phases:
        raise fail("workshop.current_phase", "peker på en fase som ikke finnes")
    people = _participants(doc["participants"], parties)
    areas = len(listed(doc["focus_areas"], "focus_areas", 2000))
    for i, a in enumerate(doc["focus_areas"]):
        w = f"focus_areas[{i}]"
        obj(a, w, ("label", "pinned", "label_by_hand", "origin"))
        text_of(a["label"], f"{w}.label", 300, empty=False)
        boolean(a["pinned"], f"{w}.pinned")
        boolean(a["label_by_hand"], f"{w}.label_by_hand")
        one_of(a["origin"], f"{w}.origin", ("manual", "suggested"))
    cards = _cards(doc["cards"], ws["text_max"], phases, people, parties, areas)
    for i, a in enumerate(listed(doc["agreements"], "agreements", 5000)):
        w = f"agreements[{i}]"
        obj(a, w, ("phase", "text"))
        if a["phase"] is not None and a["phase"] not in phases:
            raise fail(f"{w}.phase", "peker på en fase som ikke finnes")
        a["text"] = card_text(a["text"], f"{w}.text", 2000)
    options = _options(doc["vote_options"], phases, areas)
    _votes(doc["votes"], options, people, parties)
    _ratings(doc["ratings"], phases, people, parties)
    _actions(doc["actions"])
    _minutes(doc, phases, parties)
    del cards
    return doc


def _minutes(doc: dict[str, Any], phases: set[int], parties: set[str]) -> None:
    if (held := doc.get("meeting")) is not None:
        obj(held, "meeting", (), ("time", "first_item"))
        text_of(held.get("time", ""), "meeting.time", 40)
        optional(int_in, held.get("first_item"), "meeting.first_item", 1, 999)
    for i, a in enumerate(listed(doc.get("attendance") or [], "attendance", 2000)):
        w = f"attendance[{i}]"
        obj(a, w, ("party", "name", "role", "status"))
        one_of(a["party"], f"{w}.party", sorted(parties))
        text_of(a["name"], f"{w}.name", 200, empty=False)
        text_of(a["role"], f"{w}.role", 200)
        one_of(a["status"], f"{w}.status", ("present", "absent", "deputy"))
    for i, n in enumerate(listed(doc.get("item_notes") or [], "item_notes", 500)):
        w = f"item_notes[{i}]"
        obj(n, w, ("phase", "discussion", "decision", "exempt_basis"))
        if n["phase"] not in phases:
            raise fail(f"{w}.phase", "peker på en fase som ikke finnes")
        text_of(n["discussion"], f"{w}.discussion", 20_000)
        text_of(n["decision"], f"{w}.decision", 20_000)
        optional(text_of, n["exempt_basis"], f"{w}.exempt_basis", 300)


def _workshop(value: Any) -> dict[str, Any]:
    ws = obj(value, "workshop", WORKSHOP_REQUIRED, ("current_phase",))
    ws.setdefault("current_phase", None)
    code = text_of(ws["code"], "workshop.code", 12).strip().upper()
    if not _CODE.fullmatch(code):
        raise fail("workshop.code", "en kode er 4–12 store bokstaver og sifre")
    ws["code"] = code
    text_of(ws["title"], "workshop.title", 300, empty=False)
    text_of(ws["template"], "workshop.template", 60)
    for name in ("municipality", "place", "facilitator", "referent", "series"):
        text_of(ws[name], f"workshop.{name}", 300)
    text_of(ws["date"], "workshop.date", 40)
    one_of(ws["lang"], "workshop.lang", LANGS)
    one_of(ws["status"], "workshop.status", [s.value for s in WorkshopStatus])
    boolean(ws["moderation"], "workshop.moderation")
    int_in(ws["anonymity_limit"], "workshop.anonymity_limit", 1, 1000)
    int_in(ws["text_max"], "workshop.text_max", 1, 10_000)
    int_in(ws["dots"], "workshop.dots", 1, 100)
    optional(int_in, ws["current_phase"], "workshop.current_phase", 0, 10_000)
    return ws


def _parties(value: Any) -> set[str]:
    keys = []
    for i, p in enumerate(listed(value, "parties", 20)):
        w = f"parties[{i}]"
        obj(p, w, ("key", "names", "color", "position", "seats"))
        if not isinstance(p["key"], str) or not _KEY.fullmatch(p["key"]):
            raise fail(f"{w}.key", "skal være små bokstaver, sifre, - eller _")
        names(p["names"], f"{w}.names")
        if not isinstance(p["color"], str) or not _COLOR.fullmatch(p["color"]):
            raise fail(f"{w}.color", "skal skrives #RRGGBB")
        int_in(p["position"], f"{w}.position", 0, 1000)
        optional(int_in, p["seats"], f"{w}.seats", 0, 100_000)
        keys.append(p["key"])
    unique(keys, "parties", "key")
    return set(keys)


def _phases(value: Any) -> set[int]:
    positions = []
    for i, p in enumerate(listed(value, "phases", 200)):
        w = f"phases[{i}]"
        obj(p, w, ("position", "kind", "category", "titles", "prompts", "status", "timebox", "revealed"))  # fmt: skip
        positions.append(int_in(p["position"], f"{w}.position", 0, 10_000))
        one_of(p["kind"], f"{w}.kind", [k.value for k in PhaseKind])
        optional(one_of, p["category"], f"{w}.category", [c.value for c in Category])
        names(p["titles"], f"{w}.titles")
        if not isinstance(p["prompts"], dict):
            raise fail(f"{w}.prompts", "skal være et objekt med tekst per språk")
        for lang, text in p["prompts"].items():
            one_of(lang, f"{w}.prompts", LANGS)
            text_of(text, f"{w}.prompts.{lang}", 2000)
        one_of(p["status"], f"{w}.status", [s.value for s in PhaseStatus])
        optional(int_in, p["timebox"], f"{w}.timebox", 0, 24 * 3600)
        boolean(p["revealed"], f"{w}.revealed")
    unique(positions, "phases", "position")
    return set(positions)


def _participants(value: Any, parties: set[str]) -> set[str]:
    refs = []
    for i, p in enumerate(listed(value, "participants", 100_000)):
        w = f"participants[{i}]"
        obj(p, w, ("ref", "party", "lang"))
        if not isinstance(p["ref"], str) or not _REF.fullmatch(p["ref"]):
            raise fail(f"{w}.ref", "skal være en kort referanse som p1")
        one_of(p["party"], f"{w}.party", sorted(parties))
        one_of(p["lang"], f"{w}.lang", LANGS)
        refs.append(p["ref"])
    unique(refs, "participants", "ref")
    return set(refs)


def _cards(
    value: Any, most: int, phases: set[int], people: set[str], parties: set[str], areas: int
) -> set[str]:
    ids = []
    cards = listed(value, "cards", 200_000)
    for i, c in enumerate(cards):
        w = f"cards[{i}]"
        obj(c, w, ("id", "phase", "participant", "party", "text", "original_text", "target_party", "hidden", "pending", "merged_into", "source", "focus_area", "placed_by", "created_at"))  # fmt: skip
        try:
            c["id"] = str(uuid.UUID(c["id"])) if isinstance(c["id"], str) else None
        except ValueError:
            c["id"] = None
        if c["id"] is None:
            raise fail(f"{w}.id", "skal være en UUID")
        ids.append(c["id"])
        if c["phase"] not in phases:
            raise fail(f"{w}.phase", "peker på en fase som ikke finnes")
        if c["participant"] is not None and c["participant"] not in people:
            raise fail(f"{w}.participant", "peker på en deltaker som ikke finnes")
        one_of(c["party"], f"{w}.party", sorted(parties))
        c["text"] = card_text(c["text"], f"{w}.text", max(most, 2000))
        optional(text_of, c["original_text"], f"{w}.original_text", 10_000)
        optional(one_of, c["target_party"], f"{w}.target_party", sorted(parties))
        boolean(c["hidden"], f"{w}.hidden")
        boolean(c["pending"], f"{w}.pending")
        one_of(c["source"], f"{w}.source", ("phone", "paper"))
        optional(int_in, c["focus_area"], f"{w}.focus_area", 1, max(areas, 1))
        if c["focus_area"] is not None and areas == 0:
            raise fail(f"{w}.focus_area", "peker på et fokusområde som ikke finnes")
        optional(one_of, c["placed_by"], f"{w}.placed_by", ("manual", "suggested"))
        seconds(c["created_at"], f"{w}.created_at")
    unique(ids, "cards", "id")
    known = set(ids)
    for i, c in enumerate(cards):
        if c["merged_into"] is not None and (
            c["merged_into"] not in known or c["merged_into"] == c["id"]
        ):
            raise fail(f"cards[{i}].merged_into", "peker på et kort som ikke finnes")
    return known


def _options(value: Any, phases: set[int], areas: int) -> set[tuple[int, int]]:
    keys = []
    for i, o in enumerate(listed(value, "vote_options", 5000)):
        w = f"vote_options[{i}]"
        obj(o, w, ("phase", "position", "label", "focus_area"))
        if o["phase"] not in phases:
            raise fail(f"{w}.phase", "peker på en fase som ikke finnes")
        int_in(o["position"], f"{w}.position", 0, 10_000)
        text_of(o["label"], f"{w}.label", 300, empty=False)
        if o["focus_area"] is not None and not (
            isinstance(o["focus_area"], int) and 1 <= o["focus_area"] <= areas
        ):
            raise fail(f"{w}.focus_area", "peker på et fokusområde som ikke finnes")
        keys.append((o["phase"], o["position"]))
    unique(keys, "vote_options", "position")
    return set(keys)


def _votes(value: Any, options: set[tuple[int, int]], people: set[str], parties: set[str]) -> None:
    once = []
    for i, v in enumerate(listed(value, "votes", 500_000)):
        w = f"votes[{i}]"
        obj(v, w, ("option", "participant", "party", "dots", "proxy"))
        option = v["option"]
        if not (isinstance(option, list) and len(option) == 2 and tuple(option) in options):
            raise fail(f"{w}.option", "peker på et valg som ikke finnes")
        if v["participant"] is not None:
            if v["participant"] not in people:
                raise fail(f"{w}.participant", "peker på en deltaker som ikke finnes")
            once.append((v["participant"], tuple(option)))
        one_of(v["party"], f"{w}.party", sorted(parties))
        int_in(v["dots"], f"{w}.dots", 1, 1000)
        boolean(v["proxy"], f"{w}.proxy")
    unique(once, "votes", "participant")


def _ratings(value: Any, phases: set[int], people: set[str], parties: set[str]) -> None:
    once = []
    for i, r in enumerate(listed(value, "ratings", 100_000)):
        w = f"ratings[{i}]"
        obj(r, w, ("phase", "participant", "party", "value"))
        if r["phase"] not in phases:
            raise fail(f"{w}.phase", "peker på en fase som ikke finnes")
        if r["participant"] not in people:
            raise fail(f"{w}.participant", "peker på en deltaker som ikke finnes")
        one_of(r["party"], f"{w}.party", sorted(parties))
        int_in(r["value"], f"{w}.value", 1, 5)
        once.append((r["phase"], r["participant"]))
    unique(once, "ratings", "participant")


def _actions(value: Any) -> None:
    statuses = [s.value for s in ActionStatus]
    for i, a in enumerate(listed(value, "actions", 5000)):
        w = f"actions[{i}]"
        obj(a, w, ("title", "owner", "deadline", "status", "focus_area", "note", "history"))
        text_of(a["title"], f"{w}.title", 500, empty=False)
        text_of(a["owner"], f"{w}.owner", 300)
        text_of(a["deadline"], f"{w}.deadline", 40)
        one_of(a["status"], f"{w}.status", statuses)
        text_of(a["focus_area"], f"{w}.focus_area", 300)
        text_of(a["note"], f"{w}.note", 5000)
        for j, h in enumerate(listed(a["history"], f"{w}.history", 1000)):
            hw = f"{w}.history[{j}]"
            obj(h, hw, ("status", "note", "changed_at"))
            one_of(h["status"], f"{hw}.status", statuses)
            text_of(h["note"], f"{hw}.note", 5000)
            seconds(h["changed_at"], f"{hw}.changed_at")

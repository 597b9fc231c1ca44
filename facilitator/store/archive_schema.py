"""The whole schema of the full-fidelity archive that `trepart import` reads, checked before the
first row is written.

Types, enums, ranges, lengths, the join-code alphabet and every reference between parts (a
card's phase, a vote's option, a rating's phone) are checked here; a violation is one sentence
that names the field (`cards[3].phase: …`), and nothing is written. Card texts go through the
same validator as a phone's (facilitator/cardtext.py). Pure: no SQL, no I/O.
"""

from __future__ import annotations

import json
import math
import re
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from facilitator import cardtext
from facilitator.model import ActionStatus, Category, PhaseKind, PhaseStatus, WorkshopStatus
from facilitator.store.workshops import CODE_ALPHABET

FORMATS = ("trepart-workshop", "trepart-archive")  # today's name, and the archive's to come
VERSION = 1
MAX_DEPTH = 12
LANGS = ("nb", "nn", "se", "en")
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


class ArchiveInvalid(ValueError):
    """One sentence (bokmål) naming the first field that is wrong."""


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


# -- field checks ----------------------------------------------------------------------------


def _fail(where: str, what: str) -> ArchiveInvalid:
    return ArchiveInvalid(f"{where}: {what}.")


def _obj(value: Any, where: str, required: Iterable[str], optional: Iterable[str] = ()) -> dict:
    if not isinstance(value, dict):
        raise _fail(where, "skal være et objekt")
    required = tuple(required)
    if missing := [k for k in required if k not in value]:
        raise _fail(f"{where}.{missing[0]}", "mangler")
    if unknown := sorted(set(value) - set(required) - set(optional)):
        raise _fail(f"{where}.{unknown[0]}", "er ikke et kjent felt")
    return value


def _list(value: Any, where: str, most: int) -> list:
    if not isinstance(value, list):
        raise _fail(where, "skal være en liste")
    if len(value) > most:
        raise _fail(where, f"har mer enn {most} elementer")
    return value


def _text(value: Any, where: str, most: int, *, empty: bool = True) -> str:
    if not isinstance(value, str):
        raise _fail(where, "skal være tekst")
    if len(value) > most:
        raise _fail(where, f"er lengre enn {most} tegn")
    if not empty and not value.strip():
        raise _fail(where, "kan ikke være tom")
    if cardtext.printable(value) != value.replace("\r\n", "\n").replace("\r", "\n"):
        raise _fail(where, "inneholder tegn som ikke er tillatt")
    return value


def _int(value: Any, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(where, "skal være et heltall")
    if not low <= value <= high:
        raise _fail(where, f"skal være mellom {low} og {high}")
    return value


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise _fail(where, "skal være true eller false")
    return value


def _time(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(where, "skal være et tidspunkt (sekunder)")
    if not math.isfinite(value) or not 0 <= value < 10**11:
        raise _fail(where, "er ikke et mulig tidspunkt")
    return float(value)


def _enum(value: Any, where: str, allowed: Iterable[str]) -> str:
    allowed = tuple(allowed)
    if value not in allowed:
        shown = value if isinstance(value, str) else json.dumps(value)[:40]
        raise _fail(where, f"«{shown}» er ikke en av {', '.join(allowed)}")
    return str(value)


def _opt(check: Callable[..., Any], value: Any, *args: Any) -> Any:
    return None if value is None else check(value, *args)


def _names(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or not value:
        raise _fail(where, "skal være et objekt med tekst per språk")
    for lang, text in value.items():
        _enum(lang, f"{where}", LANGS)
        _text(text, f"{where}.{lang}", 500)
    return value


def _card_text(value: Any, where: str, most: int) -> str:
    try:
        return cardtext.clean(value, max_len=most)
    except cardtext.TextRefused as refused:
        reason = {
            "text_empty": "har ingen synlige tegn",
            "text_too_long": f"er lengre enn {most} tegn",
            "too_many_lines": f"har mer enn {cardtext.MAX_LINES} linjer",
            "invalid_value": "skal være tekst",
        }.get(refused.code, "inneholder tegn som ikke er tillatt")
        raise _fail(where, reason) from None


def _unique(values: list[Any], where: str, what: str) -> None:
    seen: set[Any] = set()
    for index, value in enumerate(values):
        if value in seen:
            raise _fail(f"{where}[{index}].{what}", "finnes to ganger")
        seen.add(value)


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
        raise _fail("version", f"bare versjon {VERSION} kan leses")
    for part in PARTS:
        if part not in doc:
            raise _fail(part, "mangler")
    for key, value in doc.items():  # header fields beside the parts: short text or numbers only
        if key not in PARTS + MINUTES_PARTS and not isinstance(
            value, (str, int, float, bool, type(None))
        ):
            raise _fail(key, "er ikke et kjent felt")
    ws = _workshop(doc["workshop"])
    parties = _parties(doc["parties"])
    phases = _phases(doc["phases"])
    if ws["current_phase"] is not None and ws["current_phase"] not in phases:
        raise _fail("workshop.current_phase", "peker på en fase som ikke finnes")
    people = _participants(doc["participants"], parties)
    areas = len(_list(doc["focus_areas"], "focus_areas", 2000))
    for i, a in enumerate(doc["focus_areas"]):
        w = f"focus_areas[{i}]"
        _obj(a, w, ("label", "pinned", "label_by_hand", "origin"))
        _text(a["label"], f"{w}.label", 300, empty=False)
        _bool(a["pinned"], f"{w}.pinned")
        _bool(a["label_by_hand"], f"{w}.label_by_hand")
        _enum(a["origin"], f"{w}.origin", ("manual", "suggested"))
    cards = _cards(doc["cards"], ws["text_max"], phases, people, parties, areas)
    for i, a in enumerate(_list(doc["agreements"], "agreements", 5000)):
        w = f"agreements[{i}]"
        _obj(a, w, ("phase", "text"))
        if a["phase"] is not None and a["phase"] not in phases:
            raise _fail(f"{w}.phase", "peker på en fase som ikke finnes")
        a["text"] = _card_text(a["text"], f"{w}.text", 2000)
    options = _options(doc["vote_options"], phases, areas)
    _votes(doc["votes"], options, people, parties)
    _ratings(doc["ratings"], phases, people, parties)
    _actions(doc["actions"])
    _minutes(doc, phases, parties)
    del cards
    return doc


def _minutes(doc: dict[str, Any], phases: set[int], parties: set[str]) -> None:
    if (held := doc.get("meeting")) is not None:
        _obj(held, "meeting", (), ("time", "first_item"))
        _text(held.get("time", ""), "meeting.time", 40)
        _opt(_int, held.get("first_item"), "meeting.first_item", 1, 999)
    for i, a in enumerate(_list(doc.get("attendance") or [], "attendance", 2000)):
        w = f"attendance[{i}]"
        _obj(a, w, ("party", "name", "role", "status"))
        _enum(a["party"], f"{w}.party", sorted(parties))
        _text(a["name"], f"{w}.name", 200, empty=False)
        _text(a["role"], f"{w}.role", 200)
        _enum(a["status"], f"{w}.status", ("present", "absent", "deputy"))
    for i, n in enumerate(_list(doc.get("item_notes") or [], "item_notes", 500)):
        w = f"item_notes[{i}]"
        _obj(n, w, ("phase", "discussion", "decision", "exempt_basis"))
        if n["phase"] not in phases:
            raise _fail(f"{w}.phase", "peker på en fase som ikke finnes")
        _text(n["discussion"], f"{w}.discussion", 20_000)
        _text(n["decision"], f"{w}.decision", 20_000)
        _opt(_text, n["exempt_basis"], f"{w}.exempt_basis", 300)


def _workshop(value: Any) -> dict[str, Any]:
    ws = _obj(value, "workshop", WORKSHOP_REQUIRED, ("current_phase",))
    ws.setdefault("current_phase", None)
    code = _text(ws["code"], "workshop.code", 12).strip().upper()
    if not _CODE.fullmatch(code):
        raise _fail("workshop.code", "en kode er 4–12 store bokstaver og sifre")
    ws["code"] = code
    _text(ws["title"], "workshop.title", 300, empty=False)
    _text(ws["template"], "workshop.template", 60)
    for name in ("municipality", "place", "facilitator", "referent", "series"):
        _text(ws[name], f"workshop.{name}", 300)
    _text(ws["date"], "workshop.date", 40)
    _enum(ws["lang"], "workshop.lang", LANGS)
    _enum(ws["status"], "workshop.status", [s.value for s in WorkshopStatus])
    _bool(ws["moderation"], "workshop.moderation")
    _int(ws["anonymity_limit"], "workshop.anonymity_limit", 1, 1000)
    _int(ws["text_max"], "workshop.text_max", 1, 10_000)
    _int(ws["dots"], "workshop.dots", 1, 100)
    _opt(_int, ws["current_phase"], "workshop.current_phase", 0, 10_000)
    return ws


def _parties(value: Any) -> set[str]:
    keys = []
    for i, p in enumerate(_list(value, "parties", 20)):
        w = f"parties[{i}]"
        _obj(p, w, ("key", "names", "color", "position", "seats"))
        if not isinstance(p["key"], str) or not _KEY.fullmatch(p["key"]):
            raise _fail(f"{w}.key", "skal være små bokstaver, sifre, - eller _")
        _names(p["names"], f"{w}.names")
        if not isinstance(p["color"], str) or not _COLOR.fullmatch(p["color"]):
            raise _fail(f"{w}.color", "skal skrives #RRGGBB")
        _int(p["position"], f"{w}.position", 0, 1000)
        _opt(_int, p["seats"], f"{w}.seats", 0, 100_000)
        keys.append(p["key"])
    _unique(keys, "parties", "key")
    return set(keys)


def _phases(value: Any) -> set[int]:
    positions = []
    for i, p in enumerate(_list(value, "phases", 200)):
        w = f"phases[{i}]"
        _obj(p, w, ("position", "kind", "category", "titles", "prompts", "status", "timebox", "revealed"))  # fmt: skip
        positions.append(_int(p["position"], f"{w}.position", 0, 10_000))
        _enum(p["kind"], f"{w}.kind", [k.value for k in PhaseKind])
        _opt(_enum, p["category"], f"{w}.category", [c.value for c in Category])
        _names(p["titles"], f"{w}.titles")
        if not isinstance(p["prompts"], dict):
            raise _fail(f"{w}.prompts", "skal være et objekt med tekst per språk")
        for lang, text in p["prompts"].items():
            _enum(lang, f"{w}.prompts", LANGS)
            _text(text, f"{w}.prompts.{lang}", 2000)
        _enum(p["status"], f"{w}.status", [s.value for s in PhaseStatus])
        _opt(_int, p["timebox"], f"{w}.timebox", 0, 24 * 3600)
        _bool(p["revealed"], f"{w}.revealed")
    _unique(positions, "phases", "position")
    return set(positions)


def _participants(value: Any, parties: set[str]) -> set[str]:
    refs = []
    for i, p in enumerate(_list(value, "participants", 100_000)):
        w = f"participants[{i}]"
        _obj(p, w, ("ref", "party", "lang"))
        if not isinstance(p["ref"], str) or not _REF.fullmatch(p["ref"]):
            raise _fail(f"{w}.ref", "skal være en kort referanse som p1")
        _enum(p["party"], f"{w}.party", sorted(parties))
        _enum(p["lang"], f"{w}.lang", LANGS)
        refs.append(p["ref"])
    _unique(refs, "participants", "ref")
    return set(refs)


def _cards(
    value: Any, most: int, phases: set[int], people: set[str], parties: set[str], areas: int
) -> set[str]:
    ids = []
    cards = _list(value, "cards", 200_000)
    for i, c in enumerate(cards):
        w = f"cards[{i}]"
        _obj(c, w, ("id", "phase", "participant", "party", "text", "original_text", "target_party", "hidden", "pending", "merged_into", "source", "focus_area", "placed_by", "created_at"))  # fmt: skip
        try:
            c["id"] = str(uuid.UUID(c["id"])) if isinstance(c["id"], str) else None
        except ValueError:
            c["id"] = None
        if c["id"] is None:
            raise _fail(f"{w}.id", "skal være en UUID")
        ids.append(c["id"])
        if c["phase"] not in phases:
            raise _fail(f"{w}.phase", "peker på en fase som ikke finnes")
        if c["participant"] is not None and c["participant"] not in people:
            raise _fail(f"{w}.participant", "peker på en deltaker som ikke finnes")
        _enum(c["party"], f"{w}.party", sorted(parties))
        c["text"] = _card_text(c["text"], f"{w}.text", max(most, 2000))
        _opt(_text, c["original_text"], f"{w}.original_text", 10_000)
        _opt(_enum, c["target_party"], f"{w}.target_party", sorted(parties))
        _bool(c["hidden"], f"{w}.hidden")
        _bool(c["pending"], f"{w}.pending")
        _enum(c["source"], f"{w}.source", ("phone", "paper"))
        _opt(_int, c["focus_area"], f"{w}.focus_area", 1, max(areas, 1))
        if c["focus_area"] is not None and areas == 0:
            raise _fail(f"{w}.focus_area", "peker på et fokusområde som ikke finnes")
        _opt(_enum, c["placed_by"], f"{w}.placed_by", ("manual", "suggested"))
        _time(c["created_at"], f"{w}.created_at")
    _unique(ids, "cards", "id")
    known = set(ids)
    for i, c in enumerate(cards):
        if c["merged_into"] is not None and (
            c["merged_into"] not in known or c["merged_into"] == c["id"]
        ):
            raise _fail(f"cards[{i}].merged_into", "peker på et kort som ikke finnes")
    return known


def _options(value: Any, phases: set[int], areas: int) -> set[tuple[int, int]]:
    keys = []
    for i, o in enumerate(_list(value, "vote_options", 5000)):
        w = f"vote_options[{i}]"
        _obj(o, w, ("phase", "position", "label", "focus_area"))
        if o["phase"] not in phases:
            raise _fail(f"{w}.phase", "peker på en fase som ikke finnes")
        _int(o["position"], f"{w}.position", 0, 10_000)
        _text(o["label"], f"{w}.label", 300, empty=False)
        if o["focus_area"] is not None and not (
            isinstance(o["focus_area"], int) and 1 <= o["focus_area"] <= areas
        ):
            raise _fail(f"{w}.focus_area", "peker på et fokusområde som ikke finnes")
        keys.append((o["phase"], o["position"]))
    _unique(keys, "vote_options", "position")
    return set(keys)


def _votes(value: Any, options: set[tuple[int, int]], people: set[str], parties: set[str]) -> None:
    once = []
    for i, v in enumerate(_list(value, "votes", 500_000)):
        w = f"votes[{i}]"
        _obj(v, w, ("option", "participant", "party", "dots", "proxy"))
        option = v["option"]
        if not (isinstance(option, list) and len(option) == 2 and tuple(option) in options):
            raise _fail(f"{w}.option", "peker på et valg som ikke finnes")
        if v["participant"] is not None:
            if v["participant"] not in people:
                raise _fail(f"{w}.participant", "peker på en deltaker som ikke finnes")
            once.append((v["participant"], tuple(option)))
        _enum(v["party"], f"{w}.party", sorted(parties))
        _int(v["dots"], f"{w}.dots", 1, 1000)
        _bool(v["proxy"], f"{w}.proxy")
    _unique(once, "votes", "participant")


def _ratings(value: Any, phases: set[int], people: set[str], parties: set[str]) -> None:
    once = []
    for i, r in enumerate(_list(value, "ratings", 100_000)):
        w = f"ratings[{i}]"
        _obj(r, w, ("phase", "participant", "party", "value"))
        if r["phase"] not in phases:
            raise _fail(f"{w}.phase", "peker på en fase som ikke finnes")
        if r["participant"] not in people:
            raise _fail(f"{w}.participant", "peker på en deltaker som ikke finnes")
        _enum(r["party"], f"{w}.party", sorted(parties))
        _int(r["value"], f"{w}.value", 1, 5)
        once.append((r["phase"], r["participant"]))
    _unique(once, "ratings", "participant")


def _actions(value: Any) -> None:
    statuses = [s.value for s in ActionStatus]
    for i, a in enumerate(_list(value, "actions", 5000)):
        w = f"actions[{i}]"
        _obj(a, w, ("title", "owner", "deadline", "status", "focus_area", "note", "history"))
        _text(a["title"], f"{w}.title", 500, empty=False)
        _text(a["owner"], f"{w}.owner", 300)
        _text(a["deadline"], f"{w}.deadline", 40)
        _enum(a["status"], f"{w}.status", statuses)
        _text(a["focus_area"], f"{w}.focus_area", 300)
        _text(a["note"], f"{w}.note", 5000)
        for j, h in enumerate(_list(a["history"], f"{w}.history", 1000)):
            hw = f"{w}.history[{j}]"
            _obj(h, hw, ("status", "note", "changed_at"))
            _enum(h["status"], f"{hw}.status", statuses)
            _text(h["note"], f"{hw}.note", 5000)
            _time(h["changed_at"], f"{hw}.changed_at")

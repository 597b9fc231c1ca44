"""What every participant view needs: the workshop, the phone's identity, its language."""

from __future__ import annotations

import re

from aiohttp import web

from facilitator.i18n import LANGUAGES, has_catalog, normalise
from facilitator.model import Participant, Phase, PhaseKind, VoteOption, Workshop, WorkshopState
from facilitator.server import keys, origin
from facilitator.server.errors import ApiError

COOKIE_PREFIX = "trepart_"
LANG_COOKIE = "trepart_lang"  # the language a phone picked with one tap, remembered


def cookie_name(code: str) -> str:
    return f"{COOKIE_PREFIX}{code}"


def client_key(request: web.Request) -> str:
    """The phone's address (see origin.py), in memory for rate limits only; never stored."""
    return origin.client_key(request)


def workshop(request: web.Request) -> Workshop:
    """The workshop named by the URL's code; unknown codes are rate-limited against guessing."""
    store = request.app[keys.STORE]
    ws = request.app[keys.CACHE].workshop(request.match_info["code"])
    if ws is None:
        if not request.app[keys.UNKNOWN_LIMITER].allow(client_key(request)):
            raise ApiError("too_many_requests")
        raise ApiError("unknown_workshop")
    # This server caches the workshop's state (cache.py) and streams its changes: it must hear
    # what another process (`trepart phase`) writes to it. Registering twice is a dict lookup.
    store.watcher.watch(ws.id)
    return ws


_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,128}")


def token(request: web.Request, ws: Workshop) -> str | None:
    """The phone's token from its bearer header or cookie; anything that is not one of ours
    (odd bytes, wrong length) counts as none: 401, never a failure."""
    auth = request.headers.get("Authorization", "")
    if auth.startswith("Bearer "):
        found: str | None = auth.removeprefix("Bearer ").strip()
    else:
        try:
            found = request.cookies.get(cookie_name(ws.code))
        except Exception:  # a cookie header the parser cannot read
            found = None
    return found if found and _TOKEN.fullmatch(found) else None


def participant(request: web.Request, ws: Workshop) -> Participant | None:
    tok = token(request, ws)
    if not tok:
        return None
    return request.app[keys.CACHE].participant(ws.id, tok)


def require_participant(request: web.Request, ws: Workshop) -> Participant:
    found = participant(request, ws)
    if found is None:
        raise ApiError("not_joined")
    return found


def language(request: web.Request, who: Participant | None = None) -> str:
    """The phone's language: its explicit choice, then its join, then Accept-Language."""
    if (asked := request.query.get("lang")) in LANGUAGES:
        return str(asked)
    if (chosen := request.cookies.get(LANG_COOKIE)) in LANGUAGES:
        return str(chosen)
    if who is not None:
        return who.lang
    # Accept-Language only picks a language the page is fully translated to; a phone set to
    # English still gets a whole bokmål page rather than a mixture, and can switch at join.
    for part in request.headers.get("Accept-Language", "").split(","):
        tag = part.split(";")[0].strip().lower()
        if tag in ("no", "nb-no", "no-no"):
            return "nb"
        base = tag.split("-")[0]
        if base in LANGUAGES and has_catalog(base):
            return normalise(base)
    return "nb"


def state_document(
    state: WorkshopState, lang: str, options: list[VoteOption] | None = None
) -> dict[str, object]:
    """The public state a phone renders from (DESIGN.md's fixed fields, and a few more)."""
    ws = state.workshop
    return {
        "workshop": {
            "title": ws.title,
            "municipality": ws.municipality,
            "code": ws.code,
            "languages": list(LANGUAGES),
            "status": ws.status.value,
        },
        "parties": [
            {"key": p.key, "name": p.name_in(lang), "color": p.color} for p in state.parties
        ],
        "phase": phase_document(state.current_phase, lang, ws, options or []),
    }


def phase_document(
    phase: Phase | None, lang: str, ws: Workshop, options: list[VoteOption]
) -> dict[str, object] | None:
    if phase is None:
        return None
    doc: dict[str, object] = {
        "id": phase.id,
        "position": phase.position,
        "kind": phase.kind.value,
        "category": phase.category.value if phase.category else None,
        "status": phase.status.value,
        "title": phase.title_in(lang),
        "prompt": phase.prompt_in(lang),
        "max_length": ws.text_max,
    }
    if phase.kind is PhaseKind.VOTE:
        doc["options"] = [{"id": o.id, "label": o.label} for o in options]
        doc["dots"] = ws.dots
        doc["max_per_option"] = ws.dots
    if phase.kind is PhaseKind.RATE:
        doc["scale"] = [1, 2, 3, 4, 5]
    return doc

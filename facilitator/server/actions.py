"""The participant's operations, shared by the JSON API and the no-JavaScript forms."""

from __future__ import annotations

from aiohttp import web

from facilitator.model import Card, Category, Participant, Workshop
from facilitator.server import keys, validation
from facilitator.server.context import client_key
from facilitator.server.errors import ApiError
from facilitator.store import Conflict, NotFound, PhaseNotOpen, StoreUnavailable, ops
from facilitator.store.ops import InvalidValue


async def join(
    request: web.Request, ws: Workshop, party: object, lang: object
) -> tuple[Participant, str]:
    app = request.app
    if not app[keys.JOIN_LIMITER].allow(client_key(request)):
        raise ApiError("too_many_requests")
    state = app[keys.STORE].state(ws.id)
    party_key = validation.choice(party, {p.key for p in state.parties}, "unknown_party")
    language = validation.choice(
        lang if lang is not None else "nb", {"nb", "nn", "se", "en"}, "invalid_value"
    )
    try:
        result: tuple[Participant, str] = await app[keys.WRITER](
            ops.add_participant, ws.id, party_key, language
        )
    except Conflict:
        raise ApiError("workshop_closed") from None
    except NotFound:
        raise ApiError("unknown_party") from None
    except StoreUnavailable:
        raise ApiError("unavailable") from None
    return result


async def submit(
    request: web.Request,
    ws: Workshop,
    who: Participant,
    *,
    text: object,
    client_id: object,
    target_party: object = None,
) -> tuple[Card, bool]:
    """Validate and store one card; returns (card, created). Raises ApiError."""
    app = request.app
    cid = validation.client_id(client_id)
    body = validation.card_text(text, max_len=min(ws.text_max, app[keys.LIMITS].text_max))
    state = app[keys.CACHE].state(ws.id)
    phase = state.current_phase
    target: str | None = None
    if phase is not None and phase.category is Category.ROLE_EXPECTATION:
        target = validation.choice(target_party, {p.key for p in state.parties}, "unknown_party")
    elif target_party not in (None, ""):
        raise ApiError("invalid_value")
    if not app[keys.CARD_LIMITER].allow(who.id):
        raise ApiError("too_many_requests")
    try:
        result: tuple[Card, bool] = await app[keys.WRITER](ops.add_card, who, cid, body, target)
    except PhaseNotOpen:
        raise ApiError("phase_closed") from None
    except NotFound:
        raise ApiError("unknown_party") from None
    except Conflict:
        raise ApiError("id_in_use") from None
    except StoreUnavailable:
        raise ApiError("unavailable") from None
    return result


async def withdraw(request: web.Request, who: Participant, client_id: str) -> None:
    try:
        cid = validation.client_id(client_id)
    except ApiError:
        raise ApiError("unknown_card") from None
    try:
        await request.app[keys.WRITER](ops.withdraw_card, who, cid)
    except NotFound:
        raise ApiError("unknown_card") from None
    except PhaseNotOpen:
        raise ApiError("phase_closed") from None
    except StoreUnavailable:
        raise ApiError("unavailable") from None


async def vote(
    request: web.Request, who: Participant, allocations: dict[int, int]
) -> dict[int, int]:
    try:
        result: dict[int, int] = await request.app[keys.WRITER](ops.set_votes, who, allocations)
    except PhaseNotOpen:
        raise ApiError("phase_closed") from None
    except InvalidValue as exc:
        raise ApiError(exc.code, **exc.params) from None
    except StoreUnavailable:
        raise ApiError("unavailable") from None
    return result


async def rate(request: web.Request, who: Participant, value: int) -> None:
    try:
        await request.app[keys.WRITER](ops.set_rating, who, value)
    except PhaseNotOpen:
        raise ApiError("phase_closed") from None
    except InvalidValue:
        raise ApiError("invalid_rating") from None
    except StoreUnavailable:
        raise ApiError("unavailable") from None

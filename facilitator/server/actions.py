"""The participant's operations, shared by the JSON API and the no-JavaScript forms."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any

from aiohttp import web

from facilitator.model import Card, Category, Participant, Workshop, WorkshopStatus
from facilitator.server import context, keys, origin, validation
from facilitator.server.context import client_key
from facilitator.server.errors import ApiError
from facilitator.store import Conflict, NotFound, PhaseNotOpen, StoreError, StoreUnavailable
from facilitator.store.cards import add_card, withdraw_card
from facilitator.store.errors import InvalidValue, PhaseOver
from facilitator.store.participants import add_participant
from facilitator.store.votes import set_rating, set_votes

# What a refusal by the store means to a phone; each operation names its own NotFound/Conflict.
COMMON: dict[type, str] = {PhaseNotOpen: "phase_closed", StoreUnavailable: "unavailable"}


async def write(request: web.Request, op: Any, *args: Any, meaning: dict[type, str]) -> Any:
    """Run `op` in the next group commit; a refusal becomes the phone's ApiError."""
    try:
        return await request.app[keys.WRITER](op, *args)
    except InvalidValue as exc:
        code = meaning.get(InvalidValue, exc.code)
        raise ApiError(code, **(exc.params if code == exc.code else {})) from None
    except StoreError as exc:
        for kind, code in {**meaning, **COMMON}.items():
            if isinstance(exc, kind):
                raise ApiError(code) from None
        raise


async def join(
    request: web.Request, ws: Workshop, party: object, lang: object
) -> tuple[Participant, str, bool]:
    """(participant, token, created): a phone that has joined already (its cookie or token)
    stays the same participant, in the party it joined, and costs no join."""
    app = request.app
    if ws.status is WorkshopStatus.CLOSED:
        raise ApiError("workshop_closed")
    token = context.token(request, ws)
    if token is not None and (already := context.participant(request, ws)) is not None:
        return already, token, False
    key = client_key(request)
    if not origin.is_self(key) and not app[keys.JOIN_LIMITER].allow(key):
        raise ApiError("too_many_requests")
    state = app[keys.CACHE].state(ws.id)
    party_key = validation.choice(party, {p.key for p in state.parties}, "unknown_party")
    language = validation.choice(
        lang if lang is not None else "nb", {"nb", "nn", "se", "en"}, "invalid_value"
    )
    result: tuple[Participant, str] = await write(
        request,
        add_participant,
        ws.id,
        party_key,
        language,
        meaning={Conflict: "workshop_closed", NotFound: "unknown_party"},
    )
    return (*result, True)


def submit(
    request: web.Request,
    ws: Workshop,
    who: Participant,
    *,
    text: object,
    client_id: object,
    target_party: object = None,
    phase: object = None,
) -> Coroutine[Any, Any, tuple[Card, bool]]:
    """Validate one card now (raises ApiError) and return what stores it: awaiting that gives
    (card, created), or the store's refusal as an ApiError.

    A plain function, not a coroutine: the checks need no waiting, so the card goes from the
    handler to the writer's future through one coroutine (write) instead of two.

    `phase`: the id of the phase the card was written for (a queued card carries it); a card
    for a phase that is not the open one is refused (409), never filed under another question.
    """
    app = request.app
    cid = validation.client_id(client_id)
    body = validation.card_text(text, max_len=min(ws.text_max, app[keys.LIMITS].text_max))
    state = app[keys.CACHE].state(ws.id)
    wanted: int | None = None
    if phase is not None:
        wanted = validation.small_number(phase) if isinstance(phase, str) else None
        if isinstance(phase, int) and not isinstance(phase, bool):
            wanted = phase
        if wanted is None:
            raise ApiError("invalid_value")
    phase = state.current_phase
    target: str | None = None
    if phase is not None and phase.category is Category.ROLE_EXPECTATION:
        target = validation.choice(target_party, {p.key for p in state.parties}, "unknown_party")
    elif target_party not in (None, ""):
        raise ApiError("invalid_value")
    if not app[keys.CARD_LIMITER].allow(who.id):
        raise ApiError("too_many_requests")
    return write(
        request,
        add_card,
        who,
        cid,
        body,
        target,
        wanted,
        meaning=_SUBMIT_MEANING,
    )


_SUBMIT_MEANING: dict[type, str] = {
    PhaseOver: "phase_over",
    NotFound: "unknown_party",
    Conflict: "id_in_use",
}


async def withdraw(request: web.Request, who: Participant, client_id: str) -> None:
    try:
        cid = validation.client_id(client_id)
    except ApiError:
        raise ApiError("unknown_card") from None
    await write(request, withdraw_card, who, cid, meaning={NotFound: "unknown_card"})


async def vote(
    request: web.Request, who: Participant, allocations: dict[int, int]
) -> dict[int, int]:
    result: dict[int, int] = await write(request, set_votes, who, allocations, meaning={})
    return result


async def rate(request: web.Request, who: Participant, value: int) -> None:
    await write(request, set_rating, who, value, meaning={InvalidValue: "invalid_rating"})

"""The JSON API under /api/v1 (DESIGN.md's HTTP contract)."""

from __future__ import annotations

import asyncio

from aiohttp import web

from facilitator.model import Card
from facilitator.server import actions, context, keys, validation
from facilitator.server.errors import ApiError
from facilitator.server.sse import KEEPALIVE_SECONDS, Stream, encode, phase_payload

routes = web.RouteTableDef()


def card_document(card: Card) -> dict[str, object]:
    return {
        "id": card.client_id,
        "text": card.text,
        "target_party": card.target_party,
        "party": card.party_key,
    }


@routes.get("/api/v1/w/{code}/state", name="api_state")
async def state(request: web.Request) -> web.Response:
    ws = context.workshop(request)
    who = context.participant(request, ws)
    lang = context.language(request, who)
    store = request.app[keys.STORE]
    state = store.state(ws.id)
    phase = state.current_phase
    options = store.vote_options(phase.id) if phase is not None else []
    doc = context.state_document(state, lang, options)
    if who is not None:
        doc["me"] = {"party": who.party_key, "lang": who.lang}
    return web.json_response(doc)


@routes.post("/api/v1/w/{code}/participants", name="api_participants")
async def participants(request: web.Request) -> web.Response:
    ws = context.workshop(request)
    body = await validation.json_body(request, {"party", "lang"})
    who, token, created = await actions.join(request, ws, body.get("party"), body.get("lang"))
    response = web.json_response(
        {"token": token, "party": who.party_key}, status=201 if created else 200
    )
    set_cookie(response, ws.code, token)
    return response


@routes.post("/api/v1/w/{code}/submissions", name="api_submissions")
async def submissions(request: web.Request) -> web.Response:
    ws = context.workshop(request)
    who = context.require_participant(request, ws)
    body = await validation.json_body(request, {"id", "text", "target_party", "phase"})
    card, created = await actions.submit(
        request,
        ws,
        who,
        text=body.get("text"),
        client_id=body.get("id"),
        target_party=body.get("target_party"),
        phase=body.get("phase"),
    )
    return validation.json_response(card_document(card), status=201 if created else 200)


@routes.delete("/api/v1/w/{code}/submissions/{id}", name="api_submission")
async def withdraw(request: web.Request) -> web.Response:
    ws = context.workshop(request)
    who = context.require_participant(request, ws)
    await actions.withdraw(request, who, request.match_info["id"])
    return web.Response(status=204)


@routes.post("/api/v1/w/{code}/votes", name="api_votes")
async def votes(request: web.Request) -> web.Response:
    ws = context.workshop(request)
    who = context.require_participant(request, ws)
    body = await validation.json_body(request, {"allocations"})
    kept = await actions.vote(request, who, validation.allocations(body.get("allocations")))
    return web.json_response({"allocations": {str(k): v for k, v in kept.items()}})


@routes.post("/api/v1/w/{code}/ratings", name="api_ratings")
async def ratings(request: web.Request) -> web.Response:
    ws = context.workshop(request)
    who = context.require_participant(request, ws)
    body = await validation.json_body(request, {"value"})
    value = validation.rating(body.get("value"))
    if isinstance(body.get("value"), str):
        raise ApiError("invalid_rating")
    await actions.rate(request, who, value)
    return web.json_response({"value": value})


@routes.get("/api/v1/w/{code}/events", name="api_events")
async def events(request: web.Request) -> web.StreamResponse:
    """Phase changes for the phones; public state only, so no login is needed."""
    ws = context.workshop(request)
    broadcaster = request.app[keys.BROADCASTER]
    phase = request.app[keys.STORE].state(ws.id).current_phase
    response = web.StreamResponse(
        headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store"}
    )
    response.enable_chunked_encoding()  # Stream frames each message as one chunk
    stream = Stream(request.transport)
    try:
        await response.prepare(request)
        await response.write(b"retry: 2000\n" + encode("phase", {"phase": phase_payload(phase)}))
        broadcaster.register(ws.id, stream)
        while not stream.done.is_set():
            try:
                await asyncio.wait_for(stream.done.wait(), KEEPALIVE_SECONDS)
            except TimeoutError:
                stream.write(b": keepalive\n\n")
    except (ConnectionResetError, ConnectionError):
        pass
    finally:
        broadcaster.unregister(ws.id, stream)
    return response


@routes.get("/healthz", name="healthz")
async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def set_cookie(response: web.StreamResponse, code: str, token: str) -> None:
    response.set_cookie(
        context.cookie_name(code),
        token,
        httponly=True,
        samesite="Strict",
        path="/",
        max_age=7 * 24 * 3600,
    )

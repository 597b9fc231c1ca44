"""The phone pages: plain HTML forms with Post/Redirect/Get, so any phone works without JavaScript."""

from __future__ import annotations

import uuid

from aiohttp import web

from facilitator.i18n import LANGUAGE_NAMES, LANGUAGES, translator
from facilitator.model import Category, Participant, Workshop
from facilitator.server import actions, context, keys
from facilitator.server.api import set_cookie
from facilitator.server.errors import ApiError

routes = web.RouteTableDef()


def render(
    request: web.Request, name: str, lang: str, status: int = 200, **ctx: object
) -> web.Response:
    template = request.app[keys.JINJA].get_template(name)
    html = template.render(
        _=translator(lang), lang=lang, languages=LANGUAGES, language_names=LANGUAGE_NAMES, **ctx
    )
    return web.Response(text=html, status=status, content_type="text/html", charset="utf-8")


def check_origin(request: web.Request) -> None:
    """Form posts must come from our own page (no cross-site posting into a workshop)."""
    origin = request.headers.get("Origin")
    if origin and origin not in ("null", f"{request.scheme}://{request.host}"):
        raise ApiError("forbidden_origin")


def phase_page(
    request: web.Request,
    ws: Workshop,
    who: Participant,
    *,
    status: int = 200,
    error: ApiError | None = None,
    draft: str = "",
    target: str = "",
) -> web.Response:
    lang = context.language(request, who)
    store = request.app[keys.STORE]
    state = store.state(ws.id)
    phase = state.current_phase
    mine = store.cards_of(who, phase.id) if phase is not None else []
    parties = {p.key: p.name_in(lang) for p in state.parties}
    return render(
        request,
        "phase.html",
        lang,
        status,
        ws=ws,
        state=state,
        phase=phase,
        me=who,
        party_name=parties.get(who.party_key, ""),
        parties=parties,
        mine=list(reversed(mine)),
        collecting=phase is not None and phase.accepts_cards,
        wants_target=phase is not None and phase.category is Category.ROLE_EXPECTATION,
        client_id=str(uuid.uuid4()),
        sent=request.query.get("sent") == "1",
        error=error.message(lang) if error else None,
        draft=draft,
        target=target,
        max_length=ws.text_max,
    )


@routes.get("/j/{code}", name="page")
async def page(request: web.Request) -> web.Response:
    ws = context.workshop(request)
    who = context.participant(request, ws)
    if who is None:
        lang = context.language(request)
        state = request.app[keys.STORE].state(ws.id)
        return render(
            request,
            "join.html",
            lang,
            ws=ws,
            parties=[(p.key, p.name_in(lang)) for p in state.parties],
        )
    return phase_page(request, ws, who)


@routes.post("/j/{code}/join", name="join")
async def join(request: web.Request) -> web.StreamResponse:
    check_origin(request)
    ws = context.workshop(request)
    form = await request.post()
    try:
        _who, token = await actions.join(request, ws, form.get("party"), form.get("lang") or "nb")
    except ApiError as error:
        lang = context.language(request)
        state = request.app[keys.STORE].state(ws.id)
        return render(
            request,
            "join.html",
            lang,
            error.status,
            ws=ws,
            error=error.message(lang),
            parties=[(p.key, p.name_in(lang)) for p in state.parties],
        )
    response = web.HTTPSeeOther(request.app.router["page"].url_for(code=ws.code))
    set_cookie(response, ws.code, token)
    raise response


@routes.post("/j/{code}/submit", name="submit")
async def submit(request: web.Request) -> web.StreamResponse:
    check_origin(request)
    ws = context.workshop(request)
    who = context.participant(request, ws)
    if who is None:
        raise web.HTTPSeeOther(request.app.router["page"].url_for(code=ws.code))
    form = await request.post()
    text = form.get("text")
    target = form.get("target_party") or None
    try:
        await actions.submit(
            request, ws, who, text=text, client_id=form.get("client_id"), target_party=target
        )
    except ApiError as error:
        return phase_page(
            request,
            ws,
            who,
            status=error.status,
            error=error,
            draft=text if isinstance(text, str) else "",
            target=target if isinstance(target, str) else "",
        )
    raise web.HTTPSeeOther(request.app.router["page"].url_for(code=ws.code).with_query(sent="1"))

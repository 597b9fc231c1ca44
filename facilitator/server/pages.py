"""The phone pages: plain HTML forms with Post/Redirect/Get, so any phone works without JavaScript."""

from __future__ import annotations

import uuid

from aiohttp import web
from multidict import MultiDict

from facilitator.i18n import LANGUAGE_NAMES, LANGUAGES, translator
from facilitator.model import (
    Category,
    Participant,
    PhaseKind,
    PhaseStatus,
    Workshop,
    WorkshopStatus,
)
from facilitator.server import actions, context, keys, origin, validation
from facilitator.server.api import set_cookie
from facilitator.server.errors import ApiError

routes = web.RouteTableDef()


def render(
    request: web.Request, name: str, lang: str, status: int = 200, **ctx: object
) -> web.Response:
    """A page in `lang`; a language picked with one tap (?lang=) is remembered in a cookie."""
    template = request.app[keys.JINJA].get_template(name)
    html = template.render(
        _=translator(lang), lang=lang, languages=LANGUAGES, language_names=LANGUAGE_NAMES, **ctx
    )
    response = web.Response(text=html, status=status, content_type="text/html", charset="utf-8")
    if request.query.get("lang") == lang:
        response.set_cookie(
            context.LANG_COOKIE,
            lang,
            httponly=True,
            samesite="Strict",
            path="/",
            max_age=365 * 24 * 3600,
        )
    return response


def closed_page(request: web.Request, ws: Workshop, status: int = 200) -> web.Response:
    """After `trepart close` every page says so at once, before any form is offered."""
    who = context.participant(request, ws)
    return render(request, "closed.html", context.language(request, who), status, ws=ws)


def phase_page(
    request: web.Request,
    ws: Workshop,
    who: Participant,
    *,
    status: int = 200,
    error: ApiError | None = None,
    draft: str = "",
    target: str = "",
    allocation: dict[int, int] | None = None,
) -> web.Response:
    lang = context.language(request, who)
    store = request.app[keys.STORE]
    state = store.state(ws.id)
    phase = state.current_phase
    mine = store.cards_of(who, phase.id) if phase is not None else []
    parties = {p.key: p.name_in(lang) for p in state.parties}
    open_kind = phase.kind if phase is not None and phase.status is PhaseStatus.OPEN else None
    voting = open_kind is PhaseKind.VOTE
    my_votes = store.my_votes(who, phase.id) if voting and phase else {}
    if allocation is not None:
        my_votes = allocation
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
        voting=voting,
        options=store.vote_options(phase.id) if voting and phase else [],
        my_votes=my_votes,
        dots=ws.dots,
        used=sum(my_votes.values()),
        rating=open_kind is PhaseKind.RATE,
        my_rating=store.my_rating(who, phase.id) if open_kind is PhaseKind.RATE and phase else None,
        saved=request.query.get("saved") == "1",
        withdrawn=request.query.get("withdrawn") == "1",
    )


async def phone_post(request: web.Request) -> tuple[Workshop, Participant, MultiDict[str]]:
    """A form post from a joined phone on our own page; a phone that has not joined is sent to join."""
    origin.check_origin(request)
    ws = context.workshop(request)
    who = context.participant(request, ws)
    if who is None or ws.status is WorkshopStatus.CLOSED:
        raise web.HTTPSeeOther(request.app.router["page"].url_for(code=ws.code))
    return ws, who, await validation.form_body(request)


@routes.get("/j/{code}", name="page")
async def page(request: web.Request) -> web.Response:
    ws = context.workshop(request)
    if ws.status is WorkshopStatus.CLOSED:
        return closed_page(request, ws)
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
    origin.check_origin(request)
    ws = context.workshop(request)
    if ws.status is WorkshopStatus.CLOSED:
        return closed_page(request, ws, 409)
    form = await validation.form_body(request)
    try:
        _who, token, _created = await actions.join(
            request, ws, form.get("party"), form.get("lang") or "nb"
        )
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
    ws, who, form = await phone_post(request)
    text = form.get("text")
    target = form.get("target_party") or None
    try:
        await actions.submit(
            request,
            ws,
            who,
            text=text,
            client_id=form.get("client_id"),
            target_party=target,
            phase=form.get("phase") or None,
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


@routes.post("/j/{code}/vote", name="vote")
async def vote(request: web.Request) -> web.StreamResponse:
    ws, who, form = await phone_post(request)
    wanted: dict[int, int] = {}
    try:
        for name, value in form.items():
            if not name.startswith("option-"):
                continue
            option = validation.small_number(name.removeprefix("option-"))
            dots = validation.small_number(value.strip() or "0")
            if option is None:
                raise ApiError("unknown_option")
            if dots is None:
                raise ApiError("invalid_value")
            wanted[option] = dots
        await actions.vote(request, who, {k: v for k, v in wanted.items()})
    except ApiError as error:
        return phase_page(request, ws, who, status=error.status, error=error, allocation=wanted)
    raise web.HTTPSeeOther(request.app.router["page"].url_for(code=ws.code).with_query(saved="1"))


@routes.post("/j/{code}/rate", name="rate")
async def rate(request: web.Request) -> web.StreamResponse:
    ws, who, form = await phone_post(request)
    try:
        await actions.rate(request, who, validation.rating(form.get("value")))
    except ApiError as error:
        return phase_page(request, ws, who, status=error.status, error=error)
    raise web.HTTPSeeOther(request.app.router["page"].url_for(code=ws.code).with_query(saved="1"))


@routes.post("/j/{code}/withdraw", name="withdraw")
async def withdraw(request: web.Request) -> web.StreamResponse:
    """A phone takes back one of its own cards while the phase is open (the form of the DELETE)."""
    ws, who, form = await phone_post(request)
    try:
        await actions.withdraw(request, who, str(form.get("client_id") or ""))
    except ApiError as error:
        return phase_page(request, ws, who, status=error.status, error=error)
    url = request.app.router["page"].url_for(code=ws.code).with_query(withdrawn="1")
    raise web.HTTPSeeOther(url)

"""The participant endpoint: an aiohttp app factory, and a way to start it on a running loop."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any

from aiohttp import web

from facilitator.events import Bus
from facilitator.netinfo import listen
from facilitator.server import api, keys, origin, pages
from facilitator.server.cache import ReadCache
from facilitator.server.connections import guard
from facilitator.server.errors import ApiError
from facilitator.server.pagetemplates import Templates
from facilitator.server.ratelimit import RateLimiter
from facilitator.server.resources import (
    RESOURCE_LOG,
    install_exception_filter,
    raise_open_files_limit,
)
from facilitator.server.sse import Broadcaster
from facilitator.settings import Limits
from facilitator.store import STORAGE_ERRORS, GroupCommitWriter, NotFound, Store, StoreError

HERE = Path(__file__).parent
# A read that meets a refusal, or a file gone, locked or corrupt.
READ_ERRORS: tuple[type[Exception], ...] = (StoreError, *STORAGE_ERRORS)

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; "
        "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    # Not no-referrer: under it a browser sends `Origin: null` with the page's own form posts,
    # and null must be refused (a sandboxed foreign page sends it too). same-origin still tells
    # no other site where a phone came from.
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
_STATUS_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
}


@web.middleware
async def errors_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every failure a phone can cause becomes a clear, localised answer, never a traceback."""
    try:
        return await handler(request)
    except ApiError as error:
        return error_response(request, error)
    except web.HTTPException as exc:
        if exc.status < 400 or exc.status not in _STATUS_CODES:
            raise
        return error_response(request, ApiError(_STATUS_CODES[exc.status]))
    except NotFound:
        return error_response(request, ApiError("unknown_workshop"))
    except READ_ERRORS as exc:
        # A read that finds the file gone, locked or corrupt: the phone is asked to try again.
        if isinstance(exc, ConnectionError):
            raise
        store = request.app[keys.STORE]
        store.health(store.file_problem(exc) or f"{type(exc).__name__}: {exc}")
        return error_response(request, ApiError("unavailable"))
    except (asyncio.CancelledError, KeyboardInterrupt):
        raise
    except Exception as exc:
        # A bug must not answer 5xx with a traceback: one log line a minute, and a plain 400.
        RESOURCE_LOG.note("request", f"{type(exc).__name__}: {exc}", exc)
        return error_response(request, ApiError("bad_request"))


def error_response(request: web.Request, error: ApiError) -> web.Response:
    from facilitator.server.context import language

    lang = language(request)
    if request.path.startswith("/api/"):
        return error.response(lang)
    return pages.render(request, "error.html", lang, error.status, message=error.message(lang))


_PAGE_HEADERS = (*SECURITY_HEADERS.items(), ("Cache-Control", "no-store"))
_STATIC_HEADERS = tuple(SECURITY_HEADERS.items())


async def _security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """Added in one call; no handler sets these (the event stream sets its own Cache-Control)."""
    headers = response.headers
    if request.path.startswith("/static/") or "Cache-Control" in headers:
        headers.extend(_STATIC_HEADERS)
    else:
        headers.extend(_PAGE_HEADERS)


def create_web_app(
    store: Store,
    bus: Bus | None = None,
    *,
    limits: Limits | None = None,
    public_url: str | None = None,
    trusted_proxies: frozenset[str] = frozenset(),
) -> web.Application:
    """The participants' web app on `store`; changes fan out through `bus` (the store's by default).

    `public_url`: where phones are sent (its origin may post forms; see origin.py);
    `trusted_proxies`: the reverse proxies whose X-Forwarded-For names the phone.
    """
    limits = limits or Limits.from_env()
    bus = bus or store.bus
    app = web.Application(client_max_size=limits.body_max, middlewares=[errors_middleware])
    app[keys.STORE] = store
    app[keys.CACHE] = ReadCache(store)
    app[keys.LIMITS] = limits
    app[keys.WRITER] = GroupCommitWriter(store)
    app[keys.BROADCASTER] = Broadcaster()
    app[keys.ORIGINS] = set()
    app[keys.TRUSTED_PROXIES] = trusted_proxies
    if public_url:
        origin.allow(app, public_url)
    app[keys.JINJA] = Templates(HERE / "templates")
    on = limits.rate_limits_on
    app[keys.CARD_LIMITER] = RateLimiter(limits.cards_per_minute, enabled=on)
    app[keys.JOIN_LIMITER] = RateLimiter(
        limits.joins_per_address, enabled=on, window=limits.join_window_seconds
    )
    app[keys.UNKNOWN_LIMITER] = RateLimiter(limits.unknown_codes_per_minute_per_address, enabled=on)
    app.add_routes(api.routes)
    app.add_routes(pages.routes)
    app.router.add_static("/static", HERE / "static", name="static")
    app.on_response_prepare.append(_security_headers)

    async def lifecycle(app: web.Application) -> AsyncIterator[None]:
        bus.bind(asyncio.get_running_loop())
        writer = app[keys.WRITER]
        writer.start()
        unsubscribe = bus.subscribe(app[keys.BROADCASTER].on_event)
        unsubscribe_cache = bus.subscribe(app[keys.CACHE].on_event)
        yield
        unsubscribe()
        unsubscribe_cache()
        await asyncio.to_thread(writer.stop)

    async def end_streams(app: web.Application) -> None:
        app[keys.BROADCASTER].close_all()

    app.cleanup_ctx.append(lifecycle)
    app.on_shutdown.append(end_streams)
    return app


async def start(
    app: web.Application,
    host: str = "0.0.0.0",
    port: int | None = None,
    *,
    sockets: Sequence[socket.socket] = (),
) -> tuple[web.AppRunner, int]:
    """Serve `app` on the running loop; port None tries 8080 and the next ones, 0 takes any free
    port. `sockets`: listening sockets to serve instead (the app's, handed to the phones' process)."""
    raise_open_files_limit()
    install_exception_filter(asyncio.get_running_loop())
    # keepalive_timeout starts at the connection: a request head must arrive within it.
    runner = web.AppRunner(
        app,
        access_log=None,
        shutdown_timeout=2.0,
        keepalive_timeout=app[keys.LIMITS].header_seconds,
    )
    await runner.setup()
    guard(runner, app[keys.LIMITS].connections_per_address, app[keys.TRUSTED_PROXIES])
    try:
        sockets = sockets or listen(host, port)  # the same binding as for the phones' process
    except OSError:
        await runner.cleanup()
        raise
    for sock in sockets:
        await web.SockSite(runner, sock).start()
    return runner, int(sockets[0].getsockname()[1])


def run_serving(main: Coroutine[Any, Any, None]) -> None:
    """`trepart serve` and the phones' process own their loop: uvloop where it is installed (not
    on Windows), which carries each request with less CPU than asyncio's own loop. The TUI keeps
    Textual's loop."""
    try:
        import uvloop
    except ImportError:
        asyncio.run(main)
        return
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        runner.run(main)

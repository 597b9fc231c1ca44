"""Exhausted resources are logged once a minute, not once per connection.

Under a flood of connections (a slowloris, 300 SSE streams against macOS's default of 256 open
files) asyncio logs a traceback for every failed accept; at 9,000 a second that fills a disk. The
server instead raises its soft open-files limit to the hard limit at start (where the OS has
one), and writes one line a minute per kind of trouble, with how often it happened.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import sys
import time
from collections.abc import Callable
from typing import Any

log = logging.getLogger("trepart.server")

EXHAUSTED = {errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM}
INTERVAL = 60.0


class ThrottledLog:
    """One line per `interval` per kind; the count of what was left out goes with the next."""

    def __init__(
        self, interval: float = INTERVAL, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.interval = interval
        self._clock = clock
        self._last: dict[str, float] = {}
        self._skipped: dict[str, int] = {}

    def note(self, kind: str, message: str, exc: BaseException | None = None) -> bool:
        now = self._clock()
        last = self._last.get(kind)
        if last is not None and now - last < self.interval:
            self._skipped[kind] = self._skipped.get(kind, 0) + 1
            return False
        self._last[kind] = now
        skipped = self._skipped.pop(kind, 0)
        more = f" (and {skipped} more in the last minute)" if skipped else ""
        log.warning("%s: %s%s", kind, message, more, exc_info=exc if kind == "request" else None)
        return True


RESOURCE_LOG = ThrottledLog()


def raise_open_files_limit() -> tuple[int, int] | None:
    """Lift the soft limit on open files to the hard one; None where the OS has no such limit."""
    try:
        import resource
    except ImportError:  # Windows: no per-process soft limit on sockets to lift
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
    if sys.platform == "darwin":
        target = min(target, 10240)  # OPEN_MAX: macOS refuses more for setrlimit
    if target > soft:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        except (ValueError, OSError):
            return soft, hard
        return target, hard
    return soft, hard


def install_exception_filter(loop: asyncio.AbstractEventLoop) -> None:
    """Route asyncio's per-connection complaints about exhausted resources through RESOURCE_LOG."""
    previous = loop.get_exception_handler()
    if getattr(previous, "trepart_filter", False):
        return

    def handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        if isinstance(exc, OSError) and exc.errno in EXHAUSTED:
            RESOURCE_LOG.note("resources", f"{context.get('message', '')}: {exc.strerror}")
            return
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return  # a phone that went away; nothing to do, nothing to log
        if previous is not None:
            previous(loop, context)
        else:
            loop.default_exception_handler(context)

    handler.trepart_filter = True  # type: ignore[attr-defined]
    loop.set_exception_handler(handler)

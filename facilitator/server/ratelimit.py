"""Sliding-window rate limits kept in memory only (an address is never stored)."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Hashable


class RateLimiter:
    def __init__(
        self,
        per_minute: int,
        *,
        enabled: bool = True,
        clock: Callable[[], float] = time.monotonic,
        window: float = 60.0,
    ) -> None:
        """`per_minute` hits per `window` seconds (a minute unless told otherwise)."""
        self.per_minute = per_minute
        self.window = window
        self.enabled = enabled
        self._clock = clock
        self._hits: dict[Hashable, deque[float]] = {}

    def allow(self, key: Hashable) -> bool:
        if not self.enabled:
            return True
        now = self._clock()
        hits = self._hits.setdefault(key, deque())
        while hits and now - hits[0] >= self.window:
            hits.popleft()
        if len(hits) >= self.per_minute:
            return False
        hits.append(now)
        if len(self._hits) > 50_000:  # forget idle keys rather than grow without bound
            self._hits = {k: v for k, v in self._hits.items() if v and now - v[-1] < self.window}
        return True

"""One place for every limit Trepart enforces.

The HTTP edge, the phone page's character counter, the store and the load
tests all read these numbers from here. Environment variables override them so
that benchmarks can lift the rate limits deliberately (`TREPART_RATE_LIMITS=off`
lifts every rate limit and nothing else).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Limits:
    text_max: int = 500
    body_max: int = 16 * 1024
    dots: int = 3
    anonymity_limit: int = 3
    # Rate limits: a real room never reaches them, a flooding script does.
    cards_per_minute: int = 30
    # Joins: a real phone joins once (a rejoin with its cookie is the same participant); a few
    # more cover a second browser or cleared cookies. Loopback (the demo's simulated audience)
    # is not counted; behind a reverse proxy name it with --trusted-proxy.
    joins_per_address: int = 5
    join_window_seconds: float = 600.0
    # Connections held open at once by one address (SSE streams included).
    connections_per_address: int = 64
    # A request head must arrive within header_seconds of the connection (or of its last
    # answer), a body within body_seconds (else 408): no slowloris, no lying Content-Length.
    header_seconds: float = 10.0
    body_seconds: float = 10.0
    unknown_codes_per_minute_per_address: int = 20
    rate_limits_on: bool = True

    @classmethod
    def from_env(cls, environ: os._Environ[str] | dict[str, str] | None = None) -> Limits:
        env = os.environ if environ is None else environ
        limits = cls()
        overrides: dict[str, object] = {}
        for name, var in (
            ("text_max", "TREPART_TEXT_MAX"),
            ("body_max", "TREPART_BODY_MAX"),
            ("dots", "TREPART_DOTS"),
            ("anonymity_limit", "TREPART_ANONYMITY_LIMIT"),
            ("cards_per_minute", "TREPART_CARDS_PER_MINUTE"),
            ("joins_per_address", "TREPART_JOINS_PER_ADDRESS"),
            ("connections_per_address", "TREPART_CONNECTIONS_PER_ADDRESS"),
        ):
            value = env.get(var)
            if value:
                overrides[name] = int(value)
        for name, var in (
            ("header_seconds", "TREPART_HEADER_SECONDS"),
            ("body_seconds", "TREPART_BODY_SECONDS"),
        ):
            if value := env.get(var):
                overrides[name] = float(value)
        if env.get("TREPART_RATE_LIMITS", "").strip().lower() in {"off", "0", "false", "no"}:
            overrides["rate_limits_on"] = False
        return replace(limits, **overrides)  # type: ignore[arg-type]


DEFAULT_PORT = 8080
PORT_TRIES = 20

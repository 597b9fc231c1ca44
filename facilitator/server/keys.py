"""Typed keys for what the web app shares between its views."""

from __future__ import annotations

from aiohttp import web

from facilitator.server.cache import ReadCache
from facilitator.server.pagetemplates import Templates
from facilitator.server.ratelimit import RateLimiter
from facilitator.server.sse import Broadcaster
from facilitator.settings import Limits
from facilitator.store import GroupCommitWriter, Store

STORE = web.AppKey("store", Store)
CACHE = web.AppKey("cache", ReadCache)
WRITER = web.AppKey("writer", GroupCommitWriter)
LIMITS = web.AppKey("limits", Limits)
BROADCASTER = web.AppKey("broadcaster", Broadcaster)
JINJA = web.AppKey("jinja", Templates)
CARD_LIMITER = web.AppKey("card_limiter", RateLimiter)
JOIN_LIMITER = web.AppKey("join_limiter", RateLimiter)
UNKNOWN_LIMITER = web.AppKey("unknown_limiter", RateLimiter)
ORIGINS: web.AppKey[set[str]] = web.AppKey(
    "origins", set[str]
)  # public URLs the phones were given (see origin.py)
TRUSTED_PROXIES = web.AppKey("trusted_proxies", frozenset[str])

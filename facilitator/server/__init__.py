"""The participant web endpoint (aiohttp). Never imports textual or screens."""

from facilitator.server.app import create_web_app, start

__all__ = ["create_web_app", "start"]

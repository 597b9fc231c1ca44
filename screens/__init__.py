"""Textual screens and widgets of the facilitator's projector view. Never imports aiohttp or server."""

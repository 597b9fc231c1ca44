"""What a screen may ask of the app that hosts it, without importing the app (or its server)."""

from __future__ import annotations

from typing import Protocol, cast

from textual.app import App

from facilitator.store import Store


class Host(Protocol):
    store: Store
    lang: str  # chosen with --lang: the referat's default language

    def join_url(self, code: str) -> str: ...

    def listening(self) -> str: ...

    def export(self, workshop_id: int, fmt: str, lang: str = "nb") -> list[str]: ...


def host(app: App[object]) -> Host:
    return cast(Host, app)

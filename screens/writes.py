"""One way for the screens to change the store: write, or tell the facilitator why not.

The store refuses with a StoreError whose words are meant for people (screens.lang.explain);
a refused key press must never end the app or fail silently, so every screen writes through here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.widget import Widget

from facilitator.store import StoreError
from screens.context import host
from screens.lang import _, explain


def write_or_notify(
    node: Widget,
    op: Callable[..., Any],
    *args: Any,
    failure: str | None = None,
    say: Callable[[str], None] | None = None,
    **kwargs: Any,
) -> bool:
    """Run `op` in one durable transaction; True when it was saved.

    A refusal is said as "<failure>: <the store's reason>", in a toast unless `say` shows it
    elsewhere (the editor says it beside its fields)."""
    try:
        host(node.app).store.write(op, *args, **kwargs)
    except StoreError as exc:
        message = f"{failure or _('Det gikk ikke')}: {explain(exc)}"
        if say is None:
            node.notify(message, severity="error")
        else:
            say(message)
        return False
    return True

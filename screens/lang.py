"""The facilitator's language on screen: `_()` for strings, `Localised` for key bindings.

Key bindings are class attributes, made when a module is imported, before the app knows its
language; their descriptions are marked with `N_()` and translated per instance here.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.binding import BindingsMap

from facilitator.i18n import DEFAULT, N_, _, _n, ui_language

__all__ = ["N_", "Localised", "_", "_n", "explain"]


def explain(exc: Exception) -> str:
    """Why the store refused, in the facilitator's language (its own detail if it has no words)."""
    say = getattr(exc, "say", "")
    return _(say).format(**getattr(exc, "values", {})) if say else str(exc)


class Localised:
    """Mixin for a screen or widget whose BINDINGS' descriptions appear in the footer and help."""

    _bindings: BindingsMap

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if ui_language() != DEFAULT:
            self._bindings = BindingsMap.from_keys(
                {
                    key: [
                        replace(b, description=_(b.description), tooltip=_(b.tooltip))
                        for b in bindings
                    ]
                    for key, bindings in self._bindings.key_to_bindings.items()
                }
            )

"""The facilitator's language on screen: `_()` for strings, `Localised` for key bindings.

Key bindings are class attributes, made when a module is imported, before the app knows its
language; their descriptions are marked with `N_()` and translated per instance here.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.binding import ActiveBinding, BindingsMap

from facilitator.i18n import DEFAULT, N_, _, _n, ui_language
from facilitator.i18n.textual_nb import TEXTUAL_NB

__all__ = ["N_", "Localised", "LocalisedScreen", "_", "_n", "explain", "textual_words"]


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


def textual_words(text: str) -> str:
    """One of Textual's own descriptions, in bokmål when the screens are."""
    return TEXTUAL_NB.get(text, text) if ui_language() == DEFAULT else text


class LocalisedScreen(Localised):
    """Mixin for screens: also Textual's own key descriptions (footer, `?` panel) in bokmål."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        bindings: dict[str, ActiveBinding] = super().active_bindings  # type: ignore[misc]
        if ui_language() != DEFAULT:
            return bindings
        return {
            key: active._replace(
                binding=replace(
                    active.binding, description=textual_words(active.binding.description)
                )
            )
            for key, active in bindings.items()
        }

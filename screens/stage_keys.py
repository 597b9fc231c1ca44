"""Keys owned by a widget on the stage that work wherever the focus is on its screen.

The wall owns the card keys and the results view owns reveal, + and P (each widget's
STAGE_KEYS, part of its BINDINGS): their bindings, actions
and state live with them, and the key list (`?`) shows them under the widget's heading. Textual
offers a widget's keys only while the focus is inside it, but on the projector the agenda
usually has the focus, and `r` must reveal a vote, `a` take a paper note, and `h` say how to
pick a card, from there too. So the screen lists the owners' keys among its active bindings
(the key list, the command palette) and hands such a key, when it reaches the screen unhandled,
to the widget that owns it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from textual import events
from textual.binding import ActiveBinding, Binding
from textual.keys import key_to_character
from textual.screen import Screen
from textual.widget import Widget

from screens.lang import _


def with_owners(
    screen: Screen[Any], active: dict[str, ActiveBinding], owners: Iterable[Widget]
) -> dict[str, ActiveBinding]:
    """`active` and the owners' keys that nothing in the focus chain binds or consumes."""
    focused = screen.focused
    added: dict[str, ActiveBinding] = {}
    for owner in owners:
        if owner.has_focus_within:
            continue  # Textual offers its keys already
        for binding in Binding.make_bindings(getattr(owner, "STAGE_KEYS", ())):
            key = binding.key
            if key in active or key in added:
                continue  # the focused widget or the screen has this key: theirs wins
            if focused is not None and focused.check_consume_key(key, key_to_character(key)):
                continue  # typed into a field
            described = replace(binding, description=_(binding.description))
            added[key] = ActiveBinding(owner, described, True, binding.tooltip)
    # Listed after the screen's own keys and before the app's, as they were when the screen
    # bound them (the key list groups them under the owner's heading).
    keys = list(active)
    app_keys = [k for k in keys if active[k].node is screen.app]
    merged = {k: active[k] for k in keys if active[k].node is not screen.app}
    merged.update(added)
    merged.update({k: active[k] for k in app_keys})
    return merged


async def hand_over(
    event: events.Key, active: dict[str, ActiveBinding], owners: Iterable[Widget]
) -> None:
    """Run an owner's key that reached the screen: nothing closer to the focus took it."""
    found = active.get(event.key)
    if found is None or found.node not in tuple(owners) or not isinstance(found.node, Widget):
        return
    if found.node.has_focus_within:
        return  # Textual runs the binding itself
    event.stop()
    event.prevent_default()
    await found.node.run_action(found.binding.action)

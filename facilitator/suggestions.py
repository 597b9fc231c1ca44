"""Run the grouping engine on a workshop's cards and place its suggestion in the store.

The engine is pure; this is the glue: it reads the cards and the facilitator's
own placements, asks for a suggestion that respects them, and writes it back
without touching anything placed or named by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from facilitator.model import Card, Category
from facilitator.store import Store, grouping
from facilitator.templates import TEMPLATES

DEFAULT_CATEGORIES = frozenset({Category.CHALLENGE, Category.GOAL})


def board_cards(
    store: Store, workshop_id: int, categories: Collection[Category] | None
) -> list[Card]:
    """The cards the board groups: on the wall, from collect phases of the chosen categories."""
    state = store.state(workshop_id)
    phases = {
        p.id
        for p in state.phases
        if p.collects and (categories is None or p.category in categories)
    }
    return [c for c in store.cards(workshop_id) if c.phase_id in phases and c.on_wall]


def suggest_for_workshop(
    store: Store,
    workshop_id: int,
    categories: Collection[Category] | None = DEFAULT_CATEGORIES,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Place every card not placed by hand; returns how many cards were placed.

    `progress(done, total)` hears about cards the background worker has not embedded yet.
    """
    from facilitator.clustering import suggest  # scikit-learn loads only when first needed
    from facilitator.clustering.lexicon import theme_name

    cards = board_cards(store, workshop_id, categories)
    if not cards:
        return 0
    areas = {a.id: a for a in store.focus_areas(workshop_id)}
    fixed = {
        i: areas[c.focus_area_id].label
        for i, c in enumerate(cards)
        if c.placed_by == "manual" and c.focus_area_id in areas
    }
    workshop = store.workshop(workshop_id)
    template = TEMPLATES.get(workshop.template) if workshop else None
    themes: dict[str, tuple[str, ...]] = dict(template.themes) if template else {}
    for area in areas.values():
        if area.label_by_hand and area.label not in themes:
            themes[area.label] = (area.label,)
    suggestion = suggest(
        [c.text for c in cards], themes=themes or None, fixed=fixed or None, progress=progress
    )
    # Name the field's themes in the room's language (most cards' phones); names the
    # facilitator or the template gave stay exactly as they are.
    spoken = store.card_languages(workshop_id)
    lang = max(spoken, key=spoken.__getitem__) if spoken else "nb"
    kept = set(themes) | set(fixed.values()) | {a.label for a in areas.values()}
    groups = [
        (
            # also "Heltidskultur (2)" beside a facilitator's own "Heltidskultur" stays as it is
            g.label if g.label.removesuffix(" (2)") in kept else theme_name(g.label, lang),
            [cards[i].id for i in g.members],
        )
        for g in suggestion.groups
        if not g.unsorted  # cards without words to group by stay in Usortert
    ]
    return int(store.write(grouping.apply_suggestion, workshop_id, groups))

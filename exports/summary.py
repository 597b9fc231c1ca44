"""The summary of a workshop, read from the store once for every writer (`build_summary`); the
values it returns, frozen plain data, are `exports.view`'s.

Anonymity is decided by `facilitator.anonymity` (the one home of the rule) and
applied here, once, so that no writer can leak it: every per-party figure or tag
is shown under the group the rule gives it (a party, "Øvrige parter", or none),
and a figure that could be subtracted to recover a hidden group is withheld. Hidden and merged-away cards are left out; edited
cards carry their edited text. So is openness: in the public version (the
default) an item unntatt offentlighet keeps only its title, so no writer can
publish what was exempted.
"""

from __future__ import annotations

from collections.abc import Callable

from exports.items import AreaCount, CardItem, collapse, people
from exports.labels import labels
from exports.view import (
    ActionLine,
    AreaLine,
    CardGroup,
    PartyLine,
    PhaseSection,
    PulseLine,
    Summary,
    VoteLine,
)
from facilitator import anonymity
from facilitator.anonymity import POOL, Disclosure
from facilitator.model import Card, Category, Party, PhaseKind
from facilitator.store import Store, minutes
from facilitator.templates import item_number


def build_summary(
    store: Store, workshop_id: int, lang: str = "nb", *, internal: bool = False
) -> Summary:
    words = labels(lang)
    state = store.state(workshop_id)
    ws = state.workshop
    limit = ws.anonymity_limit
    order = [p.key for p in state.parties]
    names = {p.key: p.name_in(lang) for p in state.parties}
    merged = store.merged_counts(workshop_id)
    notes = store.read(minutes.item_notes, workshop_id)
    secret = {pid for pid, n in notes.items() if n.exempt and not internal}
    all_cards = [c for c in store.cards(workshop_id) if c.phase_id not in secret]
    cards = [c for c in all_cards if c.on_wall]
    by_phase: dict[int, list[Card]] = {}
    for card in all_cards:
        by_phase.setdefault(card.phase_id, []).append(card)
    disclosures = {
        phase.id: anonymity.for_cards(order, by_phase.get(phase.id, []), limit)
        for phase in state.phases
        if phase.collects
    }
    tallies = store.tallies(workshop_id)
    phones = anonymity.phones(order, {t.party.key: t.participants for t in tallies}, limit)
    # Per-party card totals over the whole meeting minus one item's shown parts would give a
    # hidden group's count: they stand only when no item and no party hides anything.
    cards_shown = all(n is not None for n in phones.values()) and not any(
        d.suppressed for d in disclosures.values()
    )
    parties = tuple(
        PartyLine(
            t.party.key, names[t.party.key], phones[t.party.key], t.cards if cards_shown else None
        )
        for t in tallies
    )
    areas = store.focus_areas(workshop_id)
    area_names = {a.id: a.label for a in areas}
    agreements = store.agreements(workshop_id)

    def name(group: str | None) -> str:
        return "" if group is None else words["pooled"] if group == POOL else names[group]

    def privacy(d: Disclosure) -> str:
        if not d.suppressed:
            return ""
        return words["pool_note"].format(n=limit) if d.pooled else words["no_breakdown"]

    def grouped(phase_cards: list[Card], d: Disclosure) -> tuple[tuple[CardGroup, ...], bool]:
        def item(card: Card) -> CardItem:
            target = names.get(card.target_party) if card.target_party else None
            return CardItem(
                card.text,
                name(d.group_of(card.party_key)),
                target,
                merged.get(card.id, 0),
                card.source == "paper",
            )

        if any(c.focus_area_id in area_names for c in phase_cards):
            groups = [
                CardGroup(a.label, tuple(item(c) for c in phase_cards if c.focus_area_id == a.id))
                for a in areas
            ]
            rest = tuple(item(c) for c in phase_cards if c.focus_area_id not in area_names)
            if rest:
                groups.append(CardGroup(words["unsorted"], rest))
            return tuple(g for g in groups if g.cards), True
        if not d.breakdown:
            everyone = tuple(item(c) for c in phase_cards)
            return ((CardGroup(words["cards"], everyone),) if everyone else ()), False
        return tuple(
            CardGroup(name(group), mine)
            for group in d.groups
            if (mine := tuple(item(c) for c in phase_cards if d.group_of(c.party_key) == group))
        ), False

    def came_in(phase_cards: list[Card], by_area: bool, d: Disclosure) -> tuple[AreaCount, ...]:
        """Per focus area (or, ungrouped, all cards) the count per party: the body's table."""
        if not phase_cards:
            return ()
        buckets = (
            [(a.label, [c for c in phase_cards if c.focus_area_id == a.id]) for a in areas]
            + [
                (
                    words["unsorted"],
                    [c for c in phase_cards if c.focus_area_id not in area_names],
                )
            ]
            if by_area
            else [(words["all_cards"], phase_cards)]
        )
        rows = []
        for label, mine in buckets:
            if not mine:
                continue
            line = _area(label, False, mine, d)
            note = words["common"] if line.common else words["one_party"] if line.one_party else ""
            rows.append(AreaCount(label, line.total, line.by_party, note))
        return tuple(rows)

    action_lines = tuple(
        ActionLine(
            a.title,
            a.focus_area,
            a.owner,
            a.deadline,
            words[a.status.value],
            a.note,
            a.carried_from is not None,
        )
        for a in store.actions(workshop_id)
    )
    first = store.read(minutes.first_item, workshop_id)
    sections = []
    for phase in state.phases:
        phase_cards = [c for c in cards if c.phase_id == phase.id]
        d = disclosures.get(phase.id)
        groups, by_area = grouped(phase_cards, d) if d is not None else ((), False)
        votes: tuple[VoteLine, ...] = ()
        pulse: tuple[PulseLine, ...] = ()
        if phase.kind is PhaseKind.VOTE:
            d = anonymity.disclose(order, store.voters(phase.id), limit)
            votes = _votes(store, phase.id, d)
        if phase.kind is PhaseKind.RATE:
            ratings = store.ratings(phase.id)
            d = anonymity.disclose(order, {k: sum(v) for k, v in ratings.items()}, limit)
            pulse = _pulse(ratings, d, name, words)
        number = item_number(ws.template, phase.position, ws.date, first)
        note = notes.get(phase.id)
        exempt = note.exempt_basis if note else None
        section = PhaseSection(
            position=phase.position,
            number=f"{words['item']} {number}" if number else f"{phase.position}.",
            title=phase.title_in(lang),
            kind=phase.kind.value,
            prompt=phase.prompt_in(lang),
            status=phase.status.value,
            groups=tuple(CardGroup(g.title, collapse(g.cards), len(g.cards)) for g in groups),
            by_focus_area=by_area,
            agreements=tuple(a.text for a in agreements if a.phase_id == phase.id),
            matrix=_matrix(phase_cards, state.parties, d, name)
            if phase.category is Category.ROLE_EXPECTATION and d is not None
            else (),
            votes=votes,
            pulse=pulse,
            areas=came_in(phase_cards, by_area, d)
            if d is not None and phase.category is not Category.ROLE_EXPECTATION
            else (),
            columns=tuple(name(g) for g in d.groups) if d is not None else (),
            privacy=privacy(d)
            if d is not None and (phase_cards or votes or pulse) and phase.kind != "info"
            else "",
            top=_top(groups) if groups and not by_area else (),
            discussion=note.discussion if note else "",
            decision=note.decision if note else "",
            exempt=exempt,
            actions=tuple(a for a in action_lines if not a.carried)
            if phase.kind is PhaseKind.ACTIONS
            else tuple(a for a in action_lines if a.carried)
            if phase.kind is PhaseKind.REVIEW
            else (),
        )
        if exempt is not None and not internal:
            # Public version: the title and the exemption, nothing of the content.
            section = PhaseSection(
                section.position,
                section.number,
                section.title,
                section.kind,
                "",
                section.status,
                exempt=exempt,
                withheld=True,
            )
        sections.append(section)
    withheld_kinds = {p.kind for p in sections if p.withheld}
    if "actions" in withheld_kinds:
        action_lines = tuple(a for a in action_lines if a.carried)
    if "review" in withheld_kinds:
        action_lines = tuple(a for a in action_lines if not a.carried)
    phase_ids = {p.id for p in state.phases}
    grouped_cards = [c for c in all_cards if c.focus_area_id in area_names]
    lens = anonymity.across_phases(order, grouped_cards, limit)
    return Summary(
        ws.title,
        ws.municipality,
        ws.date,
        ws.place,
        ws.code,
        limit,
        parties,
        tuple(sections),
        lang=lang,
        facilitator=ws.facilitator,
        referent=ws.referent,
        series=ws.series,
        agreements=tuple(a.text for a in agreements if a.phase_id not in phase_ids),
        actions=action_lines,
        focus_areas=tuple(
            _area(a.label, a.pinned, [c for c in cards if c.focus_area_id == a.id], lens)
            for a in areas
        ),
        area_columns=tuple(name(g) for g in lens.groups),
        area_privacy=privacy(lens),
        words=words,
        time=store.read(minutes.meeting, workshop_id).time,
        people=people(
            store.read(minutes.attendees, workshop_id),
            [(p.key, p.name_in(lang)) for p in state.parties],
        ),
        internal=internal,
    )


TOP = 6  # cards quoted under an ungrouped item; every card is in the appendix


def _top(groups: tuple[CardGroup, ...]) -> tuple[CardItem, ...]:
    """The cards said most often across the parties: what came in, in a few lines."""
    merged = collapse(tuple(c for g in groups for c in g.cards))
    ranked = sorted(enumerate(merged), key=lambda pair: (-pair[1].duplicates, pair[0]))
    return tuple(card for _, card in ranked[:TOP])


def _area(label: str, pinned: bool, cards: list[Card], d: Disclosure) -> AreaLine:
    counts = d.split({k: sum(1 for c in cards if c.party_key == k) for k in d.order})
    present = {c.party_key for c in cards}
    return AreaLine(
        label,
        pinned,
        len(cards),
        tuple(counts.values()),
        # "All three" or "only one" says which parties wrote here: only when none is hidden.
        common=not d.suppressed and len(present) == len(d.order) >= 3,
        one_party=not d.suppressed and len(present) == 1,
    )


def _matrix(
    cards: list[Card], parties: tuple[Party, ...], d: Disclosure, name: Callable[[str], str]
) -> tuple[tuple[str, tuple[int | None, ...]], ...]:
    """Expectations from each group (rows) towards each party (columns); a cell whose possible
    authors are fewer than the limit is withheld, and an item without breakdown has no rows."""
    return tuple(
        (
            name(group),
            tuple(
                sum(
                    1
                    for c in cards
                    if d.group_of(c.party_key) == group and c.target_party == target.key
                )
                if d.cell_visible(group, target.key)
                else None
                for target in parties
            ),
        )
        for group in d.groups
    )


def _votes(store: Store, phase_id: int, d: Disclosure) -> tuple[VoteLine, ...]:
    if not d.total_shown:
        return ()
    return tuple(
        VoteLine(r.rank, r.option.label, r.dots, tuple(d.split(r.by_party).values()))
        for r in store.vote_results(phase_id)
    )


def _pulse(
    ratings: dict[str, list[int]],
    d: Disclosure,
    name: Callable[[str], str],
    words: dict[str, str],
) -> tuple[PulseLine, ...]:
    everyone = [sum(c[i] for c in ratings.values()) for i in range(5)]
    if not d.total_shown:
        return ()  # nobody, or fewer than the limit, answered: no table to read them from

    def line(label: str, counts: list[int]) -> PulseLine:
        n = sum(counts)
        mean = sum((i + 1) * c for i, c in enumerate(counts)) / n if n >= d.limit else None
        return PulseLine(label, n, mean)

    lines = [line(name(g), counts) for g, counts in d.split_lists(ratings, 5).items()]
    lines.append(line(words["everyone"], everyone))
    return tuple(lines)

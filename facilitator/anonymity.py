"""The anonymity rule: what may be shown of a phase, per party, without pointing at anyone.

Every surface that shows a party beside a card or a figure (the wall, the party bar, the
expectation matrix, the board's lens, vote and pulse results, every export) asks this module
and nothing else applies the limit. The rule, as the README states it:

* Every group shown with a figure or a card (a party, or a pool of parties) has at least
  *limit* participants who took part in that phase.
* A pool covers at least two parties that took part: a pool of one party is that party.
  When the parties under the limit cannot form such a pool, the smallest parties above the
  limit are folded into it until it can (complementary suppression), so that no figure of a
  hidden party can be had by subtracting the shown parts from a total.
* When no presentation keeps the breakdown safe, the phase is shown without party breakdown,
  and a total stands only when at least *limit* took part.

Contributors are counted from what was sent, not from joins: a phone that joined and said
nothing does not make its party safe, so phantom joins cannot break a real member out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

POOL = "_pool"  # the group key of the pooled parties


class _Sent(Protocol):
    @property
    def party_key(self) -> str: ...
    @property
    def participant_id(self) -> int | None: ...


@dataclass(frozen=True, slots=True)
class Disclosure:
    """What one phase may show per party. Build it with `disclose()`."""

    limit: int
    order: tuple[str, ...]
    counts: Mapping[str, int] = field(default_factory=dict)
    shown: frozenset[str] = frozenset()
    pooled: frozenset[str] = frozenset()

    @property
    def total(self) -> int:
        return sum(self.counts.get(key, 0) for key in self.order)

    @property
    def breakdown(self) -> bool:
        """Whether any party is shown on its own; False: the phase is shown as one room."""
        return bool(self.shown)

    @property
    def total_shown(self) -> bool:
        """Whether a figure of everyone may stand (the room itself is a group)."""
        return self.total >= self.limit

    @property
    def suppressed(self) -> bool:
        """Some party that took part is not shown under its own name."""
        return any(self.counts.get(k, 0) and k not in self.shown for k in self.order)

    @property
    def groups(self) -> tuple[str, ...]:
        """The groups to show, in the parties' order: shown party keys, then POOL if any."""
        keys = tuple(k for k in self.order if k in self.shown)
        return keys + ((POOL,) if self.pooled else ())

    def group_of(self, party_key: str) -> str | None:
        """The group a card or figure of this party is shown under; None: no party at all."""
        if party_key in self.shown:
            return party_key
        if party_key in self.pooled:
            return POOL
        return None

    def members(self, group: str) -> frozenset[str]:
        return self.pooled if group == POOL else frozenset({group})

    def people(self, group: str) -> int:
        return sum(self.counts.get(k, 0) for k in self.members(group))

    def split(self, per_party: Mapping[str, int]) -> dict[str, int]:
        """Sum per-party figures into the shown groups (values of hidden parties are dropped)."""
        out = dict.fromkeys(self.groups, 0)
        for key, value in per_party.items():
            group = self.group_of(key)
            if group is not None:
                out[group] += value
        return out

    def split_lists(
        self, per_party: Mapping[str, Sequence[int]], size: int
    ) -> dict[str, list[int]]:
        """As `split`, for histograms (e.g. how many answered 1…5)."""
        out = {group: [0] * size for group in self.groups}
        for key, values in per_party.items():
            group = self.group_of(key)
            if group is not None:
                for i, value in enumerate(values[:size]):
                    out[group][i] += value
        return out

    def cell_visible(self, group: str, target: str) -> bool:
        """May the cell "this group expects from `target`" be shown?

        A party does not address itself, so the possible authors of a pooled row's cell
        towards one of the pool's own parties are the pool without that party."""
        if group != POOL:
            return group in self.shown
        authors = sum(self.counts.get(k, 0) for k in self.pooled if k != target)
        return authors >= self.limit


def disclose(order: Iterable[str], counts: Mapping[str, int], limit: int) -> Disclosure:
    """Decide which parties of a phase are broken out and which are pooled.

    `counts` is how many participants of each party took part in the phase."""
    keys = tuple(order)
    limit = max(1, limit)
    took_part = {k: counts.get(k, 0) for k in keys if counts.get(k, 0) > 0}
    shown = [k for k in keys if took_part.get(k, 0) >= limit]
    pool = [k for k in keys if 0 < took_part.get(k, 0) < limit]

    def unsafe(group: list[str]) -> bool:
        return bool(group) and (len(group) < 2 or sum(took_part[k] for k in group) < limit)

    while unsafe(pool) and shown:
        # Fold the smallest shown party in: the fewest figures withheld for a safe pool.
        smallest = min(shown, key=lambda k: (took_part[k], -keys.index(k)))
        shown.remove(smallest)
        pool.append(smallest)
    if unsafe(pool) or (pool and not shown):
        # One pool of everyone is the room itself: no breakdown, no pool.
        return Disclosure(limit, keys, dict(took_part))
    return Disclosure(limit, keys, dict(took_part), frozenset(shown), frozenset(pool))


def contributors(sent: Iterable[_Sent]) -> dict[str, int]:
    """Participants per party among cards, votes or ratings (paper cards count nobody)."""
    people: dict[str, set[int]] = {}
    for item in sent:
        if item.participant_id is not None:
            people.setdefault(item.party_key, set()).add(item.participant_id)
    return {key: len(ids) for key, ids in people.items()}


def phones(order: Iterable[str], joined: Mapping[str, int], limit: int) -> dict[str, int | None]:
    """Joined phones per party as they may be shown: None reads "færre enn N"."""
    limit = max(1, limit)
    if limit <= 1:
        return {k: joined.get(k, 0) for k in order}  # nobody is hidden by a limit of one
    return {k: (joined.get(k, 0) if joined.get(k, 0) >= limit else None) for k in order}


def phones_total_shown(order: Iterable[str], joined: Mapping[str, int], limit: int) -> bool:
    """A total of joined phones may stand beside the parties only if none of them is hidden."""
    return all(n is not None for n in phones(order, joined, limit).values())


class _Card(_Sent, Protocol):
    @property
    def phase_id(self) -> int: ...
    @property
    def hidden(self) -> bool: ...
    @property
    def pending(self) -> bool: ...


def _took_part(cards: Iterable[_Card]) -> list[_Card]:
    # Merged-away duplicates were sent by someone too; hidden and held cards are not shown.
    return [c for c in cards if not (c.hidden or c.pending)]


def for_cards(order: Iterable[str], cards: Iterable[_Card], limit: int) -> Disclosure:
    """The disclosure of one phase's cards (the wall, the matrix, a referat section)."""
    return disclose(order, contributors(_took_part(cards)), limit)


def across_phases(order: Iterable[str], cards: Iterable[_Card], limit: int) -> Disclosure:
    """The disclosure of cards drawn from several phases (the board's lens, focus areas).

    A party counts as many people as it had in its thinnest phase here, so a figure across
    phases never shows a party that one phase had to hide."""
    per_phase: dict[int, list[_Card]] = {}
    for card in _took_part(cards):
        per_phase.setdefault(card.phase_id, []).append(card)
    least: dict[str, int] = {}
    for phase_cards in per_phase.values():
        for party, n in contributors(phase_cards).items():
            least[party] = min(n, least.get(party, n))
    for phase_cards in per_phase.values():
        # A party seen only on paper in some phase counts nobody there.
        for card in phase_cards:
            if card.participant_id is None:
                least.setdefault(card.party_key, 0)
    return disclose(order, least, limit)


SMALL_GROUP = 5  # Datatilsynet: a group small enough to guess who answered is not anonymous


def small_room(joined: Mapping[str, int]) -> bool:
    """Some party has joined with fewer than five phones: worth a word to the facilitator."""
    return any(0 < n < SMALL_GROUP for n in joined.values())

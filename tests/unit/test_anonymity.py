"""The anonymity rule itself: every shown group meets the limit, no pool is one party, and no
hidden group can be had by subtracting the shown groups from the total."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from facilitator.anonymity import POOL, disclose, phones

PARTIES = ("folkevalgte", "administrasjon", "ansatte")


def test_one_party_under_the_limit_is_pooled_with_another_never_alone() -> None:
    d = disclose(PARTIES, {"folkevalgte": 1, "administrasjon": 3, "ansatte": 4}, 3)
    assert d.shown == {"ansatte"}
    assert d.pooled == {"folkevalgte", "administrasjon"}
    assert d.groups == ("ansatte", POOL)
    assert d.split({"folkevalgte": 1, "administrasjon": 2, "ansatte": 5}) == {
        "ansatte": 5,
        POOL: 3,
    }


def test_two_parties_under_the_limit_that_together_reach_it_form_the_pool() -> None:
    d = disclose(PARTIES, {"folkevalgte": 1, "administrasjon": 2, "ansatte": 5}, 3)
    assert d.shown == {"ansatte"} and d.pooled == {"folkevalgte", "administrasjon"}


def test_when_no_pool_can_be_safe_the_phase_has_no_breakdown() -> None:
    every_party_small = disclose(PARTIES, {"folkevalgte": 1, "administrasjon": 1, "ansatte": 1}, 3)
    assert not every_party_small.breakdown and every_party_small.groups == ()
    assert every_party_small.total_shown  # three people: the room may see its own total
    two_people = disclose(PARTIES, {"folkevalgte": 1, "ansatte": 1}, 3)
    assert not two_people.breakdown and not two_people.total_shown
    only_two_parties = disclose(PARTIES, {"folkevalgte": 1, "ansatte": 5}, 3)
    assert not only_two_parties.breakdown  # a pool of both is the room itself


def test_a_limit_of_one_shows_every_party_and_a_limit_of_five_hides_groups_of_four() -> None:
    counts = {"folkevalgte": 1, "administrasjon": 4, "ansatte": 6}
    assert disclose(PARTIES, counts, 1).shown == set(PARTIES)
    five = disclose(PARTIES, counts, 5)
    assert five.shown == {"ansatte"} and five.pooled == {"folkevalgte", "administrasjon"}


def test_a_pooled_row_of_the_matrix_cannot_address_a_party_of_its_own_pool() -> None:
    d = disclose(PARTIES, {"folkevalgte": 1, "administrasjon": 4, "ansatte": 3}, 3)
    assert d.pooled == {"folkevalgte", "ansatte"}
    # Expectations of the pool towards Ansatte can only be the lone politician's.
    assert not d.cell_visible(POOL, "ansatte")
    assert d.cell_visible(POOL, "folkevalgte")  # three employees could have written these
    assert d.cell_visible(POOL, "administrasjon")


def test_phone_counts_under_the_limit_read_fewer_than() -> None:
    assert phones(PARTIES, {"folkevalgte": 2, "administrasjon": 3}, 3) == {
        "folkevalgte": None,
        "administrasjon": 3,
        "ansatte": None,
    }


@given(
    counts=st.dictionaries(st.sampled_from(PARTIES), st.integers(0, 8)),
    limit=st.integers(1, 6),
)
def test_no_shown_figure_points_at_fewer_than_the_limit(counts: dict[str, int], limit: int) -> None:
    d = disclose(PARTIES, counts, limit)
    for group in d.groups:
        assert d.people(group) >= limit
    if d.pooled:
        assert len(d.pooled) >= 2 and all(counts.get(k, 0) > 0 for k in d.pooled)
    took_part = {k for k, n in counts.items() if n > 0}
    # Complementary suppression: the shown groups cover everyone who took part, so that
    # the total minus the shown parts is never a hidden group; or nothing is broken out.
    if d.breakdown:
        assert d.shown | d.pooled == took_part
    assert not (d.shown & d.pooled)

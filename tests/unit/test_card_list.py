"""The board's card list wraps by terminal cells and never loses or widens a word."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from screens.card_list import wrap


def test_words_wrap_at_the_width() -> None:
    assert wrap("Høyt sykefravær på nattevakt", 12) == ["Høyt", "sykefravær", "på nattevakt"]


def test_a_word_longer_than_the_line_is_cut() -> None:
    assert wrap("Sykefraværsoppfølgingsrutiner", 10) == ["Sykefravær", "soppfølgin", "gsrutiner"]


def test_wide_characters_count_as_two_cells() -> None:
    assert wrap("日本語 テキスト", 6) == ["日本語", "テキス", "ト"]


def test_a_list_narrower_than_a_character_still_ends() -> None:
    assert wrap("日本", 1) == ["日", "本"]


def test_line_breaks_in_a_card_are_kept() -> None:
    assert wrap("første\nandre", 40) == ["første", "andre"]


@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=200), st.integers(2, 60))
def test_no_line_is_wider_than_the_list_and_no_text_is_lost(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace("\n", "").replace(" ", "")

"""The word view of ASCII text is made on its bytes; it must keep what the character-by-
character definition keeps: letters, digits and line breaks, every other character a space."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from classifiers.rules import word_view


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=200))
def test_ascii_word_view_keeps_letters_digits_and_line_breaks_only(text: str) -> None:
    assert word_view(text) == "".join(c if c.isalnum() or c == "\n" else " " for c in text)


def test_ascii_word_view_of_punctuation_tabs_and_controls() -> None:
    text = "Al-Assad's forces\t(2011-2024): 5,000 held;\r\nnone\x00freed!"
    assert word_view(text) == "Al Assad s forces  2011 2024   5 000 held  \nnone freed "
    assert word_view("") == ""

"""The whole-string fast paths give exactly what their character-by-character definitions give."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from classifiers.normalise import _fold_char, fold
from classifiers.rules import word_view

_MIXED = st.text(
    alphabet=st.sampled_from(
        list("aZé ,.«»،؛—…_\n7٣ىةأؤ\u064b\u0301\u200fـ") + ["\U0001d165", "😀"]
    ),
    max_size=80,
)


@given(st.one_of(st.text(max_size=60), _MIXED))
def test_word_view_keeps_letters_digits_and_line_breaks_only(text: str) -> None:
    expected = "".join(c if c.isalnum() or c == "\n" else " " for c in text)
    assert word_view(text) == expected


@given(st.characters(blacklist_categories=("Cs",)))
def test_fold_of_one_character_is_its_folding(char: str) -> None:
    assert fold(char) == _fold_char(char)

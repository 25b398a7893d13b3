"""The array folding looks for masked runs only when the text holds a masking character with a
letter after it (deleted characters aside); what it gives must stay what the whole-string
passes give, masked or not."""

from __future__ import annotations

import pytest

from classifiers.normalise import fold_and_view, fold_by_table, fold_passes
from classifiers.rules import word_view

# Arabic enough to take the arrays (long, mostly beyond ASCII), in my own words.
_FILLER = "نقلت اللجنة أن الشابً اعتُقل عند الحاجز ثم أفرج عنه بعد أسبوع.\n" * 16


@pytest.mark.parametrize(
    "piece",
    [
        "",  # periods only after words, before a line break: no masked run
        "د.ً.ا.عـ.ـش",  # a mask run with a mark inside it
        "د-ً-اعش",  # a mark between the mask and the letter after it
        "ق.\u200fتل",  # an invisible mark between the mask and the letter after it
        "tor-ture و I.S.I.S",  # Latin masked words inside Arabic
        "-اعتقال",  # a mask at the start of a word, nothing before it
        "اعتقال-",  # a mask at the end of a word
        "12-5-2024 و 3.5",  # masks between digits are kept
        "ـ.ـ",  # masks between tatweels: no letters once they are deleted
    ],
)
def test_table_folding_matches_the_passes_around_masks(piece: str) -> None:
    for text in (piece + _FILLER, _FILLER + piece, _FILLER + piece + " " + _FILLER):
        both = fold_by_table(text)
        assert both is not None
        folded = fold_passes(text)
        assert both == (folded, word_view(folded))
        assert fold_and_view(text) == (folded, word_view(folded))


def test_a_masked_word_with_marks_is_unmasked_by_the_arrays() -> None:
    folded, view = fold_by_table("د.ً.ا.عـ.ـش " + _FILLER)  # type: ignore[misc]
    assert folded.startswith("داعش نقلت اللجنه ان الشاب اعتقل")
    assert view.startswith("داعش نقلت")

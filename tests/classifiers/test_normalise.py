"""The normaliser: unmasking, Arabic folding, digits, and offsets back to the original."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from classifiers.normalise import fold, normalise


def test_unmasking() -> None:
    assert fold("di-es under tor-ture") == "dies under torture"
    assert fold("IS*IS Gu*nmen k-illed") == "isis gunmen killed"
    assert fold("اعـ-ـتـ-ـقال") == "اعتقال"
    assert fold("د.ا.عـ.ـش") == "داعش"


def test_arabic_folding_and_digits() -> None:
    assert fold("أمطار") == fold("امطار")
    assert fold("إلى مدرسة") == "الي مدرسه"
    assert fold("مُعْتَقَل") == "معتقل"
    assert fold("١٢٬٣٤٥ ۷") == "12,345 7"
    assert fold("Détenus ÉVADÉS") == "detenus evades"
    assert fold("a\u200bb\u00adc") == "abc"


text_strategy = st.text(
    alphabet=st.sampled_from(list("abcAB -*.é ٠١أإآىةـًُ\u200bسجن") + ["\u00ad", "İ", "ß"]),
    max_size=60,
)


@given(text_strategy)
def test_normalise_agrees_with_fold_and_is_idempotent(text: str) -> None:
    folded, offsets = normalise(text)
    assert folded == fold(text)
    assert fold(folded) == folded
    assert len(offsets) == len(folded)
    assert offsets == sorted(offsets)
    assert all(0 <= o < len(text) for o in offsets)


@given(st.text(max_size=80))
def test_offsets_valid_on_any_text(text: str) -> None:
    folded, offsets = normalise(text)
    assert folded == fold(text)
    assert len(offsets) == len(folded)
    assert all(0 <= o < len(text) for o in offsets)

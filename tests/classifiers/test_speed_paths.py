"""The faster ways of folding, finding numbers and walking Arabic words give what the plain
ways give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from classifiers import facts as F
from classifiers.normalise import fold, fold_and_view, fold_by_table, fold_passes
from classifiers.rules import word_view
from classifiers.victims import find_victims

# Letters, digits, masks, marks, invisible characters, Arabic letters and characters that
# fold to several or to none.
_PIECES = st.sampled_from(
    [
        "Tor-ture", "I.S.I.S", "d.ا.عـ.ـش", "al-Assad", " ", "\n", "é", "Œ", "«", "»", "،",
        "؛", "—", "…", "_", "٣", "٬", "٫", "ى", "ة", "أ", "ؤ", "\u064b", "\u0301", "\u200f",
        "ـ", "·", "•", "*", "-", ".", "ß", "ﻻ", "İ", "Σ", "\u00a0", "2,500", "ﬁ", "x",
    ]
)
_TEXT = st.one_of(st.lists(_PIECES, max_size=120).map("".join), st.text(max_size=120))


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_folding_by_table_gives_what_the_whole_string_passes_give(text: str) -> None:
    both = fold_by_table(text)
    if both is None:  # a character folding to several, or beyond the BMP
        assert any(len(fold_passes(c)) > 1 or ord(c) > 0xFFFF for c in text)
        return
    folded, view = both
    assert folded == fold_passes(text)
    assert view == word_view(folded)


def test_long_text_takes_the_tables_and_folds_as_the_passes_do() -> None:
    text = "Le détenu est MORT sous la tor-ture à Saydnaya ; «ISIS» ٣ أُطلق سراحه.\n" * 40
    assert fold_by_table(text) is not None
    assert fold(text) == fold_passes(text)
    assert fold_and_view(text) == (fold(text), word_view(fold(text)))


def test_text_beyond_the_basic_plane_still_folds() -> None:
    text = "Detainee \U0001d400 died under TOR-TURE 😀 " * 60
    assert fold_by_table(text) is None
    assert fold(text) == fold_passes(text)
    assert "torture" in fold(text)


_NUMBERY = st.lists(
    st.sampled_from(["1", "23", "2011", "1,500", "12 345", ".", ",", " ", "-", "a", "%", "/",
                     "\n", "الف", " thousand", "-year", "ب", "0"]),
    max_size=900,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(_NUMBERY)
def test_numbers_are_matched_where_a_scan_of_the_whole_text_matches_them(doc: str) -> None:
    expected = [(m.span(), m.groupdict()) for m in F._NUMBER.finditer(doc)]
    assert [(m.span(), m.groupdict()) for m in F._number_matches(doc)] == expected


def test_counts_of_a_long_report_skip_years_ages_and_glued_numbers() -> None:
    sentence = ("In 2013 the network documented 1,240 deaths, 37 of them children, among "
                "detainees aged 19 and older; case no. 55 and 3kg were noted.")
    doc = fold("\n".join([sentence] * 40))
    starts = [i * (len(sentence) + 1) for i in range(40)]
    numbers = F.scan_numbers(doc, starts, {"may": 5})
    assert F.counts_of(numbers) == [1240, 37]
    assert {n.sentence for n in numbers} == set(range(40))


def test_arabic_list_after_a_cue_is_followed_past_the_stripped_conjunction() -> None:
    text = ("واعتقلت دورية المعتقل سامر خالد العلي، وحسن نادر الخطيب، ثم أفرجت عن الشاب "
            "ماهر سليم بعد يومين.")
    sentences = ["عنوان", text]
    names = find_victims(sentences, [fold(s) for s in sentences], "ar")
    assert names == ["سامر خالد العلي", "حسن نادر الخطيب", "ماهر سليم"]

"""The faster ways of folding, finding numbers and walking Arabic words give what the plain
ways give."""

from __future__ import annotations

from typing import Any

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


def _first_chars(items: list[Any]) -> tuple[set[object], bool] | None:
    """The characters (and classes such as ``\\d``) a parsed pattern can start with, its
    assertions skipped, and whether it can match nothing (None: any character)."""
    from re import _constants as C  # noqa: N812

    out: set[object] = set()
    for op, av in items:
        if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
            continue
        first: tuple[set[object], bool] | None
        if op is C.LITERAL:
            first = {chr(av)}, False
        elif op is C.IN:
            kinds = {o for o, _ in av}
            first = ({chr(a) if o is C.LITERAL else a for o, a in av}, False)
            if not kinds <= {C.LITERAL, C.CATEGORY}:
                return None
        elif op is C.SUBPATTERN:
            first = _first_chars(list(av[3]))
        elif op is C.BRANCH:
            found = [_first_chars(list(alternative)) for alternative in av[1]]
            if any(f is None for f in found):
                return None
            first = set().union(*(f[0] for f in found if f)), any(f[1] for f in found if f)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            inner = _first_chars(list(av[2]))
            first = None if inner is None else (inner[0], inner[1] or av[0] == 0)
        else:
            return None
        if first is None:
            return None
        out |= first[0]
        if not first[1]:
            return out, False
    return out, True


def test_the_lookahead_a_pattern_starts_with_lets_every_one_of_its_words_through() -> None:
    """A pattern written ``(?=[first letters])(?<!\\w)(?:words...)``: a word added to it
    with a new first letter must have that letter added to the lookahead."""
    from re import _constants as C  # noqa: N812
    from re import _parser

    from classifiers import article_facts as A
    from classifiers import event_dates as E
    from classifiers import victims as V
    from classifiers.engine import ruleset

    months = tuple(ruleset().months)
    patterns = [A._FORMER_BEFORE, A._APPEAL, A._AFFILIATION, A._ORIGIN, A._SEAT_BEFORE,
                E._TALLY_NUMBER, E._month_pattern(months), E._day_month_pattern(months),
                *(E._relative_pattern(lang) for lang in ("en", "fr", "ar")),
                E._NOT_EVENT_BEFORE, E._PERIOD_BEFORE, E._REFERENCE_BEFORE,
                E._REFERENCE_BETWEEN, E._CAPTION, E._CAPTION_SIDE, E._THAT, E._NOTIFIED,
                E._TAG_BEFORE,
                *F._date_patterns(months),
                *V._CUE_BEFORE.values(), A._YEARS, E._YEARS_ALONE]  # fmt: skip
    for pattern in patterns:
        tree = list(_parser.parse(pattern.pattern))
        assert tree[0][0] is C.ASSERT
        allowed = _first_chars(list(tree[0][1][1]))
        needed = _first_chars(tree[1:])
        assert allowed is not None
        assert needed is not None
        assert not needed[1], pattern.pattern[:40]
        assert needed[0] <= allowed[0], (pattern.pattern[:40], needed[0] - allowed[0])


_SPACED = st.lists(st.sampled_from(["a", " ", "آذار", "  ", "x y", "\u00a0", "."]), max_size=80)


@settings(max_examples=200, deadline=None)
@given(_SPACED.map("".join), st.lists(st.integers(min_value=0, max_value=200), max_size=12))
def test_word_positions_by_bisection_are_the_counts_of_spaces_before(
    sentence: str, offsets: list[int]
) -> None:
    from classifiers.engine import _WordAt

    word_at = _WordAt(sentence)
    for offset in offsets:
        assert word_at(offset) == sentence.count(" ", 0, offset)


def test_a_run_of_digits_is_no_count_and_raises_nothing() -> None:
    doc = fold("Detainees counted: " + "7" * 5000 + ". Another list: " + "4" * 13 + ".")
    assert F.counts_of(F.scan_numbers(doc, [0], {"may": 5})) == []
    kept = fold("The network counted 1,240 detainees and 123456789012 records.")
    assert F.counts_of(F.scan_numbers(kept, [0], {"may": 5})) == [1240, 123456789012]

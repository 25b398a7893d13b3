"""Terms are found where they start a word, Arabic ones after the clitic prefixes of
``arabic_clitics.toml`` and nowhere else inside a word. Line breaks reach the automaton as
spaces (one key a term and prefix, not one per separator): a term is never found across two
sentences. The expected hits are those the automaton with a key per separator found."""

from __future__ import annotations

import pytest

from classifiers.engine import ruleset
from classifiers.match import find
from classifiers.normalise import fold

# (sentences, every (sentence, term text, offset) found), as the prefix-keyed automaton found them
CASES = [
    (["اعتقال"], [(0, "اعتقال", 0)]),
    (
        ["واعتقال الشاب", "بالاعتقال ثم لاعتقاله"],
        [
            (0, "اعتقال", 1),
            (0, "الشاب", 8),
            (0, "شاب", 10),
            (1, "اعتقال", 3),
            (1, "اعتقال", 14),
            (1, "اعتقاله", 14),
            (1, "لاعتقاله", 13),
        ],
    ),
    (["تماعتقال", "3اعتقال", "abcاعتقال"], []),
    (
        ["لم يفرج عنه", "الملم عن الاعتقالات"],
        [
            (0, "عن", 8),
            (0, "فرج عن", 4),
            (0, "لم", 0),
            (0, "لم يفرج", 0),
            (0, "يفرج", 3),
            (1, "اعتقال", 11),
            (1, "عن", 6),
        ],
    ),
    (
        ["قتلهم تحت التعذيب", "ستطلق سراحه", "أطلقت سراحه"],
        [
            (0, "التعذيب", 10),
            (0, "تحت التعذيب", 6),
            (0, "قتل", 0),
            (1, "سراح", 6),
            (2, "اطلقت", 0),
            (2, "اطلقت سراح", 0),
            (2, "اطلقت سراحه", 0),
            (2, "سراح", 6),
            (2, "طلق", 1),
        ],
    ),
    (["", "a", "ا"], []),
    (
        ["arrested in Homs", "ولاعتقال"],
        [(0, "arrest", 0), (0, "arrested", 0), (0, "homs", 12), (1, "اعتقال", 2)],
    ),
]


# multi-word terms split by a sentence break, a term at a sentence's end, an empty sentence
ACROSS_BREAKS = [
    (
        ["He died under", "torture in Saydnaya"],
        [(0, "died", 3), (0, "he", 0), (1, "saydnaya", 11), (1, "tortur", 0), (1, "torture", 0)],
    ),
    (
        ["He died under torture", "in Saydnaya"],
        [
            (0, "died", 3),
            (0, "died under torture", 3),
            (0, "he", 0),
            (0, "tortur", 14),
            (0, "torture", 14),
            (0, "under torture", 8),
            (1, "saydnaya", 3),
        ],
    ),
    (
        ["قضى تحت", "التعذيب في السجن"],
        [(0, "قضي", 0), (1, "التعذيب", 0), (1, "السجن", 11), (1, "سجن", 13), (1, "في السجن", 8)],
    ),
    (
        ["قضى تحت التعذيب", "في السجن"],
        [
            (0, "التعذيب", 8),
            (0, "تحت التعذيب", 4),
            (0, "قضي", 0),
            (0, "قضي تحت التعذيب", 0),
            (1, "السجن", 3),
            (1, "سجن", 5),
            (1, "في السجن", 0),
        ],
    ),
    (
        ["was arrested", "", "released"],
        [(0, "arrest", 4), (0, "arrested", 4), (2, "release", 0), (2, "released", 0)],
    ),
    (
        ["détenu", "libéré sans", "relâche"],
        [(0, "detenu", 0), (1, "libere", 0), (1, "sans", 7), (2, "relache", 0)],
    ),
]


@pytest.mark.parametrize(("sentences", "expected"), CASES + ACROSS_BREAKS)
def test_arabic_terms_are_found_after_a_prefix_only(
    sentences: list[str], expected: list[tuple[int, str, int]]
) -> None:
    rs = ruleset()
    hits = find(rs, [fold(s) for s in sentences])
    found = sorted(
        {(i, rs.keys[t], o) for i, terms in hits.items() for t, offs in terms.items() for o in offs}
    )
    assert found == expected


def test_the_automaton_holds_one_key_a_term_and_prefix() -> None:
    rs = ruleset()
    lexicon = rs.lexicon
    arabic = sum(1 for term in lexicon.terms if term.arabic)
    latin = len(lexicon.terms) - arabic
    assert len(lexicon.automaton) <= latin + arabic * len(rs.prefixes)
    assert all(key.startswith(" ") for key in lexicon.automaton.keys())

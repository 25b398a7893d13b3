"""Arabic terms are found with the clitic prefixes of ``arabic_clitics.toml`` and nowhere else
inside a word: the automaton holds the bare terms and the matcher checks the letters before
a hit. The expected hits were those of the automaton holding one key per prefix."""

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


@pytest.mark.parametrize(("sentences", "expected"), CASES)
def test_arabic_terms_are_found_after_a_prefix_only(
    sentences: list[str], expected: list[tuple[int, str, int]]
) -> None:
    rs = ruleset()
    hits = find(rs, [fold(s) for s in sentences])
    found = sorted(
        {(i, rs.keys[t], o) for i, terms in hits.items() for t, offs in terms.items() for o in offs}
    )
    assert found == expected


def test_the_automaton_holds_each_arabic_term_once() -> None:
    lexicon = ruleset().lexicon
    arabic = sum(1 for term in lexicon.terms if term.arabic)
    latin = len(lexicon.terms) - arabic
    assert len(lexicon.automaton) <= arabic + 4 * latin
    assert lexicon.longest_prefix == max(map(len, lexicon.prefixes))

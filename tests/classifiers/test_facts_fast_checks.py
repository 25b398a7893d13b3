"""The cheap checks that spare a costly step in the place/actor and number facts must never
change a result: each expected value below was taken from the code before the check."""

from __future__ import annotations

from re import _constants as C  # noqa: N812
from re import _parser
from typing import Any

import pytest

from classifiers import article_facts as A

# (words before the place, the place) -> whether the place stands for a clock or a government
_SEAT_CASES = [
    ("", "damascus", False),
    ("at noon بتوقيت ", "دمشق", True),
    ("officials of the government in ", "damascus", True),
    ("officials of the government in", "damascus", False),  # no space: the phrase is no cue
    ("officials of the government in\u00a0", "damascus", True),
    ("officials of the government in\t\t", "damascus", True),
    ("villages beyond the control of ", "damascus", True),
    ("the control of ", "damascus", False),
    ("she graduated from the university of ", "aleppo", True),
    ("she graduated from ", "aleppo university", True),
    ("shelling hit the outskirts of ", "idlib", False),
    ("a man was detained in ", "homs", False),
    ("قصفت قوات النظام ريف ", "حماه", False),
    ("تخرج من جامعه ", "دمشق", True),
    ("تخرج في جامعه ", "حلب", True),
    ("x" * 300 + " in ", "homs", False),
    ("le pouvoir de ", "damas", True),
    ("les villes hors du controle de ", "damas", True),
    ("du printemps de ", "damas", True),
    ("le regime de ", "damas", True),
    ("reports from ", "damascus's new rulers", True),
    ("fled to ", "damascus 's government", False),
    ("1234 ", "5678", False),
    ("\n", "homs", False),
]


@pytest.mark.parametrize(("before", "place", "expected"), _SEAT_CASES)
def test_a_seat_is_found_as_before_the_phrase_end_check(
    before: str, place: str, expected: bool
) -> None:
    sentence = before + place
    assert A._seat(sentence, len(before), len(place.split()[0])) is expected


def _expand(items: list[Any]) -> list[str]:
    """Every text a sequence of literals, groups, alternations and optional letters spells."""
    texts = [""]
    for op, av in items:
        if op is C.LITERAL:
            options = [chr(av)]
        elif op is C.SUBPATTERN:
            options = _expand(list(av[3]))
        elif op is C.BRANCH:
            options = [t for branch in av[1] for t in _expand(list(branch))]
        elif op is C.IN:
            assert all(kind is C.LITERAL for kind, _ in av)
            options = [chr(code) for _, code in av]
        elif op is C.MAX_REPEAT and av[1] == 1:
            inner = _expand(list(av[2]))
            options = [""] * (av[0] == 0) + inner
        else:
            raise AssertionError(f"unexpected {op} in the phrases")
        texts = [t + o for t in texts for o in options]
    return texts


def test_every_seat_phrase_ends_with_one_of_the_ends_the_fast_check_knows() -> None:
    """A phrase added to ``_SEAT_BEFORE`` must end with one of ``_SEAT_PHRASE_ENDS``, else
    the check before the search would hide it."""
    tree = list(_parser.parse(A._SEAT_BEFORE.pattern))
    assert [op for op, _ in tree[:2]] == [C.ASSERT, C.ASSERT_NOT]
    assert [op for op, _ in tree[-2:]] == [C.MAX_REPEAT, C.AT]
    phrases = _expand(tree[2:-2])
    assert len(phrases) > 30
    for phrase in phrases:
        assert phrase.endswith(A._SEAT_PHRASE_ENDS), phrase
        assert A._may_follow_a_seat_phrase(f"people of the {phrase} ")


def test_fact_spans_put_the_longer_first_and_keep_the_matcher_order_on_a_tie() -> None:
    lengths = {1: 5, 2: 12, 3: 5, 4: 7}
    found = {9: [0], 3: [40, 2], 1: [2], 2: [2], 4: [30]}  # 9: no place or actor
    assert A._fact_spans(found, lengths) == [(2, 12, 2), (2, 5, 3), (2, 5, 1), (30, 7, 4),
                                             (40, 5, 3)]  # fmt: skip
    assert A._fact_spans({9: [4]}, lengths) == []
    assert A._fact_spans({}, lengths) == []


# Made-up articles whose place and actor the faster checks must leave as they were.
_ARTICLES = [
    (("", "", "en", None), {}),
    (("Update", "No sentence here", "en", None), {}),
    (
        ("Shelling in Idlib",
         "Regime forces shelled a village in Idlib countryside on Monday, killing three civilians. "
         * 40, "en", "2023-05-02"),
        {"counts": [3], "death_date": "2023-05-01", "governorate": "Idlib",
         "perpetrator": "syrian_regime"},
    ),
    (
        ("Arrest in Homs",
         "Officials of the government in Damascus said security forces arrested a teacher in "
         "Homs. The Damascus government did not comment.", "en", "2025-03-01"),
        {"governorate": "Homs", "perpetrator": "transitional_authorities"},
    ),
    (
        ("اعتقال في حلب",
         "اعتقلت قوات النظام شابا من ابناء مدينة حلب عند حاجز في ريف دمشق بتوقيت دمشق، وقالت "
         "حكومه دمشق انه مطلوب.", "ar", "2023-01-10"),
        {"governorate": "Aleppo", "perpetrator": "syrian_regime"},
    ),
    (
        ("Mixed",
         "The SDF (Syrian Democratic Forces) detained two men in Raqqa; وقالت قوات سوريا "
         "الديمقراطية إنهما من ريف الرقة. A member of the SDF was killed.", "en", None),
        {"counts": [2], "governorate": "Al-Raqqah", "perpetrator": "sdf"},
    ),
    (
        ("Appel",
         "Le réseau appelle les autorités de Damas à libérer les détenus d'Alep arrêtés par les "
         "forces de sécurité.", "fr", "2025-06-01"),
        {"governorate": "Aleppo", "perpetrator": "transitional_authorities"},
    ),
    (
        ("Graduate",
         "She graduated from the University of Aleppo and was arrested in Hama by regime "
         "intelligence.", "en", "2019-04-04"),
        {"governorate": "Hama", "perpetrator": "syrian_regime"},
    ),
]  # fmt: skip


@pytest.mark.parametrize(("article", "facts"), _ARTICLES)
def test_the_facts_of_made_up_articles_are_those_the_old_checks_gave(
    article: tuple[str, str, str, str | None], facts: dict[str, Any]
) -> None:
    from classifiers import classify

    assert classify(*article).facts == facts

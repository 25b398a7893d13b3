"""The faster paths of the victims module give what the slower ones gave.

Each cheap test that lets a sentence or a name skip a costly step must be a necessary
condition of that step: these tests pit it against the step itself, on the edge cases of its
input. The expected names were recorded by running the module as it was before the change.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from classifiers import victims as V
from classifiers.normalise import fold


def _names(sentences: list[str], lang: str, cued: list[int] | None = None,
           labelled: bool = True) -> list[str]:
    return V.find_victims(sentences, [fold(s) for s in sentences], lang, cued, labelled)


# ---------------------------------------------------------------- descriptor hints


def _alternation(lang: str) -> re.Pattern[str]:
    """The hints as one regex alternation: how they were looked for before the automaton."""
    return re.compile("|".join(re.escape(h) for h in V._DESCRIPTOR_HINTS[lang]))


_HINT_EDGES = [
    "",
    "(",
    "no hint in this one",
    "ends with a hint, a",
    ", an",
    "a single line " * 500 + "who was seen – last",
    "dash without spaces–here",
    "تم اعتقاله (وهو في طريقه)",
    "emoji 😀, born under a hint",
    "il a été vu",
    "âgé de 30 ans",
    "ends with a space ",
]


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
@pytest.mark.parametrize("sentence", _HINT_EDGES)
def test_hint_finder_agrees_with_an_alternation_of_the_hints(lang: str, sentence: str) -> None:
    finder = V._hint_finder(lang)
    assert V._has_hint(finder, sentence) == bool(_alternation(lang).search(sentence))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*V._DESCRIPTOR_HINTS["en"], *V._DESCRIPTOR_HINTS["fr"],
                                 "x", " ", ",", "é", "ا", "\n"]), max_size=12))
def test_hint_finder_agrees_on_pieces_of_hints(pieces: list[str]) -> None:
    sentence = "".join(pieces)
    for lang in ("en", "fr", "ar"):
        expected = bool(_alternation(lang).search(sentence))
        assert V._has_hint(V._hint_finder(lang), sentence) == expected


# ---------------------------------------------------------------- whole articles

# Expected values recorded from the module before the faster paths.
@pytest.mark.parametrize(
    ("sentences", "lang", "cued", "expected"),
    [
        (["", ""], "en", None, []),
        (["Title"], "en", [], []),
        ([], "fr", [], []),
        (["Title", ""], "ar", [], []),
        (["Title", "no capitals and no digits here at all"], "en", [], []),
        (["Title", "The guards held Dr. Samir Nabil Qasem – a dentist – for a week."], "en", [],
         ["Samir Nabil Qasem"]),
        (["Title", "Two brothers were arrested: the brothers, Mr. Wael Sami Hanna and Rami Sami "
          "Hanna, were taken."], "en", [1], ["Wael Sami Hanna", "Rami Sami Hanna"]),
        (["Title", "Le corps de M. Tarek Anis Halabi a été rendu, selon sa sœur Mme Rana Anis "
          "Halabi."], "fr", [1], ["Tarek Anis Halabi", "Mme Rana Anis Halabi"]),
        (["Title", "Les Syriens, Nabil Omar Said et Fadi Omar Said, ont été arrêtés."], "fr", [],
         ["Nabil Omar Said", "Fadi Omar Said"]),
        (["Title", "word " * 3000 + "the young man Ahmad Ali Kassem was killed."], "en", [1],
         ["Ahmad Ali Kassem"]),
        (["Title", "Sami Ali Nour (33 years old) لا أرقام هنا was detained."], "en", [],
         ["Sami Ali Nour"]),
        (["عنوان", "اعتقلت قوات الأمن الشاب ماهر سعيد الخطيب (25 عاماً) في حمص."], "ar", [1],
         ["ماهر سعيد الخطيب"]),
        (["عنوان", "وقال المحامي سامر نبيل الحداد إن موكله بريء."], "ar", [1], []),
        (["عنوان", "جملة بلا أي اسم (ولا رقم)"], "ar", [], []),
    ],
)
def test_edge_articles_give_the_names_they_gave_before(
    sentences: list[str], lang: str, cued: list[int] | None, expected: list[str]
) -> None:
    for labelled in (True, False):
        assert _names(sentences, lang, cued, labelled) == expected

"""The faster paths of the victims module give what the slower ones gave.

Each cheap test that lets a sentence or a name skip a costly step must be a necessary
condition of that step: these tests pit it against the step itself, on the edge cases of its
input. The expected names were recorded by running the module as it was before the change.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given, settings
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
def test_hint_test_agrees_with_an_alternation_of_the_hints(lang: str, sentence: str) -> None:
    assert V._hint_test(lang)(sentence) == bool(_alternation(lang).search(sentence))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*V._DESCRIPTOR_HINTS["en"], *V._DESCRIPTOR_HINTS["fr"],
                                 "x", " ", ",", "é", "ا", "\n"]), max_size=12))
def test_hint_test_agrees_on_pieces_of_hints(pieces: list[str]) -> None:
    sentence = "".join(pieces)
    for lang in ("en", "fr", "ar"):
        expected = bool(_alternation(lang).search(sentence))
        assert V._hint_test(lang)(sentence) == expected


# ---------------------------------------------------------------- what may end a cue

# One phrase for each way a cue of the English and French patterns may end.
_CUE_PHRASES = {
    "en": [
        "named", "named them as", "identified as", "the two men,", "of the Kurdish activists,",
        "known as", "the young woman", "a local man", "boy", "girl", "child",
        "Major General", "colonel", "Lieutenant", "captain", "Sheikh", "the family of",
        "the release of", "those detained were:", "the men arrested are", "businessman",
        "farmer", "shepherd", "pharmacist", "nurse", "poet", "imam", "a 12-year-old",
        "a 9 year-old", "Dr.", "Dr", "activist", "journalists", "prisoners", "detainee",
        "photographer", "brothers", "his fiancée", "her fiancé", "their nephew",
        "his colleague", "of them:", "as follows:", "they were:",
    ],
    "fr": [
        "nommé", "prénommée", "M.", "MM.", "Mme", "le jeune homme,", "une jeune femme,",
        "la famille de", "le corps de", "la dépouille de", "le sort de", "militante",
        "militant syrien", "la militante syrienne", "activiste", "journaliste", "avocate",
        "étudiant", "blogueur", "médecin", "défenseur des droits de l'homme", "le cas de",
        "la mémoire de", "des Syriens,", "son frère", "sa sœur", "son époux",
    ],
}
_BETWEEN = ["", ",", " ,", "  "]
_TITLES = {"en": ["", "Mr. ", "Mrs ", "Ms. "], "fr": ["", "M. ", "Mme ", "MM. "]}


def _cue_matches(sentence: str, start: int, lang: str) -> bool:
    return bool(V._CUE_BEFORE[lang].search(sentence, max(0, start - V._REACH), start))


def _cue_end_test(sentence: str, start: int, lang: str) -> bool:
    return V._may_follow_cue(sentence[max(0, start - V._REACH) : start], lang)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_kind_of_cue_passes_the_cue_end_test(lang: str) -> None:
    checked = 0
    for phrase in _CUE_PHRASES[lang]:
        for between in _BETWEEN:
            for title in _TITLES[lang]:
                before = f"Yesterday {phrase}{between} {title}"
                sentence = before + "Samir Fadi Khoury was held."
                if _cue_matches(sentence, len(before), lang):
                    checked += 1
                    assert _cue_end_test(sentence, len(before), lang), before
    # every phrase is a cue with nothing between it and the name
    assert checked >= len(_CUE_PHRASES[lang])


@pytest.mark.parametrize(
    ("before", "lang"),
    [
        ("", "en"),  # a name at the start of the sentence
        ("Yesterday in ", "en"),
        ("by the ", "en"),
        ("named", "en"),  # no space before the name
        ("Les forces du ", "fr"),
        ("à ", "fr"),
    ],
)
def test_text_no_cue_can_end_fails_the_cue_end_test(before: str, lang: str) -> None:
    sentence = before + "Samir Fadi Khoury was held."
    assert not _cue_matches(sentence, len(before), lang)
    assert not _cue_end_test(sentence, len(before), lang)


_WORDS = st.sampled_from(
    [p for phrases in _CUE_PHRASES.values() for p in phrases]
    + ["the", "in", "also", "of", "a", "Mr.", "M", "Mme.", "12", ",", ":", ".", "Ahmad", "x"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_WORDS, max_size=8), st.sampled_from(["", " ", "  ", ", ", "\u00a0"]))
def test_cue_end_test_never_turns_down_a_cue(words: list[str], tail: str) -> None:
    before = " ".join(words) + tail
    sentence = before + "Samir Fadi Khoury"
    for lang in ("en", "fr"):
        if _cue_matches(sentence, len(before), lang):
            assert _cue_end_test(sentence, len(before), lang), before


def _top_level_alternatives(pattern: str) -> list[str]:
    """The branches of ``pattern``'s outermost alternation, nested groups kept whole."""
    out, current, depth, i = [], "", 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            current += pattern[i : i + 2]
            i += 2
            continue
        if char == "[":
            end = pattern.index("]", i + 2)
            current += pattern[i : end + 1]
            i = end + 1
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "|" and depth == 0:
            out.append(current)
            current = ""
        else:
            current += char
        i += 1
    return [*out, current]


_CUE_ALTERNATIVES = [(lang, re.compile(branch))
                     for lang, cue in (("en", V._CUE_EN), ("fr", V._CUE_FR))
                     for branch in _top_level_alternatives(cue)]


def test_the_cue_patterns_split_into_their_alternatives() -> None:
    assert sum(lang == "en" for lang, _ in _CUE_ALTERNATIVES) > 30
    assert sum(lang == "fr" for lang, _ in _CUE_ALTERNATIVES) > 10
    for cue in (V._CUE_EN, V._CUE_FR):
        assert "|".join(_top_level_alternatives(cue)) == cue  # nothing lost in the split


@settings(max_examples=600, deadline=None)
@given(st.data())
def test_no_cue_the_patterns_can_spell_is_turned_down(data: st.DataObject) -> None:
    """Cues are drawn from the patterns themselves, one outermost alternative at a time, so
    a cue added to _CUE_EN or _CUE_FR without its last word in _CUE_ENDS fails here."""
    lang, branch = data.draw(st.sampled_from(_CUE_ALTERNATIVES))
    cue = data.draw(st.from_regex(branch, fullmatch=True))
    between = data.draw(st.sampled_from(_BETWEEN))
    title = data.draw(st.sampled_from(_TITLES[lang]))
    before = f"Yesterday {cue}{between} {title}"
    sentence = before + "Samir Fadi Khoury was held."
    if _cue_matches(sentence, len(before), lang):
        assert _cue_end_test(sentence, len(before), lang), before


@settings(max_examples=600, deadline=None)
@given(st.data())
def test_every_cue_the_patterns_can_spell_is_found_before_a_name(data: st.DataObject) -> None:
    """The lookahead on a cue's first character (_CUE_FIRST) is kept by hand too: a cue
    starting with a letter it does not list would never be found."""
    lang, branch = data.draw(st.sampled_from(_CUE_ALTERNATIVES))
    cue = data.draw(st.from_regex(branch, fullmatch=True))
    assume(len(cue) <= V._REACH - 15)  # a cue is looked for in the 45 characters before a name
    before = f"Yesterday {cue} "
    assert _cue_matches(before + "Samir Fadi Khoury was held.", len(before), lang), cue


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
        # a run that ends in a word of an organisation, with and without a list after it
        (["Title", "Officers of the Air Force, Bassel Omar Hamdan and Ziad Nour Kassem, were "
          "detained in Hama."], "en", [1], []),
        (["Title", "The men held by State Security and Nader Ali Sabbagh, a baker from Homs, "
          "were freed."], "en", [1], ["Nader Ali Sabbagh"]),
        (["Title", "Military Security Branch, Tarek Ahmad Nour, who was arrested in 2012, "
          "died."], "en", [], ["Tarek Ahmad Nour"]),
        (["Title", "Amnesty International-Watch, Fadi Sami Nour, aged 30, vanished."], "en", [],
         ["Fadi Sami Nour"]),
        (["Title", "Witnesses saw Military Security and Bassel Omar Hamdan, who was arrested in "
          "Hama."], "en", [], ["Bassel Omar Hamdan"]),
        (["Title", "The Syrian Network, Ziad Nour Kassem and Hadi Nour Kassem, aged 20, were "
          "seized."], "en", [], ["Ziad Nour Kassem", "Hadi Nour Kassem"]),
        # the list after an organisation's name is what takes a name its speech would drop
        (["Title", "Staff of the Syrian Network, Ahmad Ali Nour, who was detained, said "
          "little."], "en", [], ["Ahmad Ali Nour"]),
        (["Title", "Staff of the Syrian Network and Ahmad Ali Nour, who was detained, said "
          "little."], "en", [], ["Ahmad Ali Nour"]),
        (["Title", "La Sécurité Militaire et Karim Anis Saad, âgé de 40 ans, ont été cités."],
         "fr", [], ["Karim Anis Saad"]),
        (["Title", "Les Forces, Rami Omar Haddad et Sami Omar Haddad, ont été arrêtés."], "fr",
         [], []),
        # relatives named by the given name alone, with and without an event befalling them
        (["Title", "Gunmen seized his son Karim and his daughter Lama on the road to Idlib."],
         "en", [1], ["Karim", "Lama"]),
        (["Title", "His son Bashar came to power after him, the family said."], "en", [1], []),
        (["Title", "Her three sons Adam, Yazan and Karim Nour remain missing since the raid."],
         "en", [1], ["Adam", "Yazan", "Karim Nour"]),
        (["Title", "His brother Maher, who commands the division, spoke to reporters."], "en",
         [1], []),
        (["Title", "The kidnappers had his daughter Rima for a month before the ransom."], "en",
         [1], ["Rima"]),
        (["Title", "Their children Sami and Hadi went to school, their father added."], "en",
         [1], []),
        (["Title", "Her son Omar was ARRESTED at the checkpoint."], "en", [1], ["Omar"]),
        # "عام" with and without an age before it, Arabic-Indic digits, a no-break space
        (["عنوان", "توفي المعتقل سامر خالد النوري عام 2015 في السجن."], "ar", [1],
         ["سامر خالد النوري"]),
        (["عنوان", "اعتقل الشاب (22 عاما) أحمد سعيد العلي في حلب."], "ar", [1], []),
        (["عنوان", "قتل فادي نبيل الحسن (30 عاماً) و(25 عاماً) في العام الماضي."], "ar", [1],
         ["فادي نبيل الحسن"]),
        (["عنوان", "قتل فادي نبيل الحسن 30\u00a0عاماً في درعا."], "ar", [1], ["فادي نبيل الحسن"]),
        (["عنوان", "عاد العام الدراسي دون أي اسم ٣٠ عاماً."], "ar", [1], []),
    ],
)
def test_edge_articles_give_the_names_they_gave_before(
    sentences: list[str], lang: str, cued: list[int] | None, expected: list[str]
) -> None:
    for labelled in (True, False):
        assert _names(sentences, lang, cued, labelled) == expected


# ---------------------------------------------------------------- possessive name words

# A name word as it was written before its quantifiers were made possessive.
_BACKTRACKING_WORD = rf"[{V._UP}][{V._LOW}]+(?:[{V._UP}][{V._LOW}]+)?(?:-[{V._UP}][{V._LOW}]+)?"


def _backtracking(pattern: re.Pattern[str]) -> re.Pattern[str]:
    assert V._WORD in pattern.pattern
    return re.compile(pattern.pattern.replace(V._WORD, _BACKTRACKING_WORD))


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


_NAME_PIECES = st.sampled_from(
    ["Ahmad", "Nour", "AbuZaid", "Al-Hassan", "Nour’s", "O'Neil", "Émile", "Ümit", "ÀB",
     "al", "bin", "Abu", "Abdul", "de", "el-", "his sons", "her daughter", "and", "et",
     "was", "said", "aged", "from", "x", "SNHR", "7", ",", ".", "-", "–", "(", ")", ":", "’"]
)
_GAPS = st.sampled_from([" ", " ", " ", "", "  ", ", ", " - ", "\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_NAME_PIECES, _GAPS), max_size=14))
def test_possessive_name_words_find_what_backtracking_ones_found(
    pieces: list[tuple[str, str]],
) -> None:
    text = "".join(word + gap for word, gap in pieces)
    for pattern in (V._CANDIDATE, V._KIN_GIVEN):
        assert _found(pattern, text) == _found(_backtracking(pattern), text)
    for line in text.split("\n"):
        before, after = V._LIST_LINE.match(line), _backtracking(V._LIST_LINE).match(line)
        assert (before and before.span()) == (after and after.span())
    for lang in ("en", "fr"):
        follow, old = V._NEXT[lang], _backtracking(V._NEXT[lang])
        for pos in range(len(text)):
            a, b = follow.match(text, pos), old.match(text, pos)
            assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict()))


# ---------------------------------------------------------------- skips against no skips

_LATIN_PIECES = st.sampled_from(
    ["Ahmad", "Nour", "Kassem", "Omar", "al-Hassan", "Syrian", "Network", "Security", "Forces",
     "Military", "State", "Human", "Rights", "General", "Journalist", "Sheikh", "Mr.", "M.",
     "named", "the young man", "activist", "the family of", "his brother", "the killing of",
     ", who was arrested", ", aged 30,", ", a baker from Homs,", "was detained", "said",
     "and", "et", ",", "of the", "in", "by", "âgé de 40 ans", "a été arrêté", "(25)", "."]
)
_ARABIC_PIECES = st.sampled_from(
    ["الشاب", "المعتقل", "أحمد", "سعيد", "العلي", "توفي", "اعتقل", "قال", "المحامي", "عام",
     "العام", "عاماً", "(30", "30", "٣٠", "2015", "و", "وهم", "،", ":", "من", "في", "حمص"]
)


def _without_skips() -> list:
    from unittest import mock

    return [
        mock.patch.object(V, "_ends_in_no_name", return_value=False),
        mock.patch.object(V, "_may_follow_cue", return_value=True),
        mock.patch.object(V, "_AR_AGE_IN_YEARS", re.compile("")),
    ]


def _names_without_skips(sentences: list[str], lang: str) -> list[str]:
    patches = _without_skips()
    for patch in patches:
        patch.start()
    try:
        return _names(sentences, lang)
    finally:
        for patch in patches:
            patch.stop()


@settings(max_examples=300, deadline=None)
@given(st.lists(_LATIN_PIECES, min_size=1, max_size=16), st.sampled_from(["en", "fr"]))
def test_latin_skips_change_no_name(pieces: list[str], lang: str) -> None:
    sentences = ["Title", " ".join(pieces)]
    assert _names(sentences, lang) == _names_without_skips(sentences, lang)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ARABIC_PIECES, min_size=1, max_size=16))
def test_arabic_skips_change_no_name(pieces: list[str]) -> None:
    sentences = ["عنوان", " ".join(pieces)]
    assert _names(sentences, "ar") == _names_without_skips(sentences, "ar")

"""Victims' names: long lists, many names, and the names the cues must not take (review 2)."""

from __future__ import annotations

import pytest
from support.words import distinct_word as _word

from classifiers import classify
from classifiers.normalise import fold
from classifiers.victims import find_victims


def _names(text: str, lang: str) -> list[str]:
    sentences = ["Title", text] if lang != "ar" else ["عنوان", text]
    return find_victims(sentences, [fold(s) for s in sentences], lang)


def test_a_long_list_with_ages_gives_each_name_once_in_order() -> None:
    people = [f"{_word(k)} {_word(k + 1000)}" for k in range(300)]
    text = "Regime forces killed the four men, " + ", 12, ".join(people) + ", 12."
    assert _names(text, "en") == people


def test_a_list_repeating_one_name_gives_it_once() -> None:
    text = "Regime forces killed the four men, Ahmad Ali" + ", 12, Omar Said" * 500 + "."
    assert _names(text, "en") == ["Ahmad Ali", "Omar Said"]


def test_an_article_keeps_at_most_500_names_the_first_ones() -> None:
    people = [f"{_word(k)} {_word(k + 1000)}" for k in range(700)]
    sentences = ["Title"] + [f"The journalist {p} was arrested." for p in people]
    assert find_victims(sentences, [fold(s) for s in sentences], "en") == people[:500]


def _article(sentences: list[str]) -> list[str]:
    sentences = ["عنوان", *sentences]
    return find_victims(sentences, [fold(s) for s in sentences], "ar")


def test_arabic_an_official_does_not_hide_victims_who_share_a_given_name() -> None:
    assert _article([
        "وقال محافظ حمص العميد أحمد محمد الخطيب إن الوضع مستقر.",
        "واعتقلت قوات النظام الشاب محمد علي الحسن والطالب محمد سامر العمر.",
    ]) == ["محمد علي الحسن", "محمد سامر العمر"]
    assert _article([
        "وقال مدير الشبكة الدكتور فضل عبد الغني إن الوضع خطير.",
        "واعتقلت قوات النظام الشاب عبد الرحمن الخطيب في حمص.",
    ]) == ["عبد الرحمن الخطيب"]


def test_arabic_an_official_named_again_whole_or_shortened_is_no_victim() -> None:
    for later in ("محمد خالد الرحمون", "محمد الرحمون"):
        assert _article([
            "وقال وزير الداخلية اللواء محمد خالد الرحمون إن الوضع مستقر.",
            f"وزار اللواء {later} السجن المركزي أمس.",
            "واعتقلت قوات النظام الشاب خالد العلي في حمص.",
        ]) == ["خالد العلي"]


def test_arabic_an_official_by_a_later_word_of_his_name_after_the_same_title() -> None:
    assert _article([
        "وأنهى محافظ المدينة العميد سامر نادر الخلاف حول الأمر.",
        "وورد في البيان أن العميد نادر شدد على التهدئة.",
        "واعتقلت الدورية الشاب نادر فايز الحلبي.",
    ]) == ["نادر فايز الحلبي"]


@pytest.mark.parametrize(
    "text",
    [
        "The execution of Saddam Hussein shocked the region in 2006.",
        "Thousands mourned the death of Imad Mughniyeh in Damascus.",
    ],
)
def test_english_death_of_in_an_unlabelled_article_outside_custody_is_no_victim(
    text: str,
) -> None:
    result = classify("Regional history", text, "en")
    assert not result.labels
    assert "victims" not in result.facts


def test_english_death_of_in_custody_or_in_a_labelled_article_is_a_victim() -> None:
    text = "The death of Mohammed Salem Idris under torture was confirmed."
    assert find_victims(["Title", text], ["title", fold(text)], "en", labelled=False) == [
        "Mohammed Salem Idris"
    ]
    text = "The execution of Marwan Said Tello shocked the region."
    assert find_victims(["Title", text], ["title", fold(text)], "en", labelled=False) == []
    assert find_victims(["Title", text], ["title", fold(text)], "en") == ["Marwan Said Tello"]


@pytest.mark.parametrize(
    "text",
    [
        "Police ordered the arrest of Arab Spring activists in the city.",
        "The killing of Arab Red Crescent volunteers was condemned.",
        "They protested the detention of Sheikh Mohammed al-Yaqoubi's followers.",
        "They protested the detention of Sheikh Ahmad in Damascus.",
    ],
)
def test_english_of_cues_take_no_public_figure_group_or_possessive(text: str) -> None:
    assert _names(text, "en") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They protested the detention of Sheikh Mohammed Salem al-Yaqoubi in Damascus.",
         ["Mohammed Salem al-Yaqoubi"]),
        ("Police detained the young man Sami Arab and Ahmad Ali on Monday.",
         ["Sami Arab", "Ahmad Ali"]),
    ],
)
def test_english_of_cues_in_custody_and_arab_as_a_last_name(
    text: str, expected: list[str]
) -> None:
    assert _names(text, "en") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hafez al-Assad brought his son Bashar to power in 2000.",
        "The regime relies on his brother Maher al-Assad, who commands the Fourth Division.",
        "She travelled with her daughter Rima to Beirut last spring.",
    ],
)
def test_english_a_relative_by_given_name_with_no_event_is_no_victim(text: str) -> None:
    assert _names(text, "en") == []


def test_english_a_relative_by_given_name_who_was_detained_is_a_victim() -> None:
    assert _names("Security forces arrested his daughter Lama at a checkpoint.", "en") == ["Lama"]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Journalists Ahmad Khalil and Omar Said were arrested in Homs.", "en",
         ["Ahmad Khalil", "Omar Said"]),
        ("Lawyer Noura Haddad called it the widest amnesty in years.", "en", []),
        ("The arrest of Mr. Ahmad Khalil and Mrs. Huda Said was confirmed.", "en",
         ["Ahmad Khalil", "Huda Said"]),
        ("La police a arrêté les militants M. Ahmad Khalil et Mme Huda Said à Homs.", "fr",
         ["Ahmad Khalil", "Huda Said"]),
    ],
)
def test_a_leading_profession_and_honorifics_inside_a_list(
    text: str, lang: str, expected: list[str]
) -> None:
    assert _names(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Mohammed Khaled of the FSA was detained by Jaysh al-Islam in Douma.", "en",
         ["Mohammed Khaled"]),
        ("Security forces arrested the activist Mohammed Khaled of the FSA in Douma.", "en",
         ["Mohammed Khaled"]),
        ("Fadel Abdul Ghany of the SNHR said the figures were rising.", "en", []),
        ("Dr. Salim Nour, Executive Director of the SBC, said 50 people were arrested.", "en",
         []),
        ("اعتقلت هيئة تحرير الشام رئيس المجلس المحلي الشيخ أحمد علي الحسن في إدلب.", "ar",
         ["أحمد علي الحسن"]),
        ("وزار رئيس المجلس المحلي الشيخ أحمد علي الحسن المدينة أمس.", "ar", []),
        ("وقال وزير الداخلية اللواء محمد خالد الرحمون إن قوات الأمن اعتقلت المطلوبين.", "ar", []),
    ],
)
def test_a_detained_office_holder_is_a_victim_a_speaking_one_is_not(
    text: str, lang: str, expected: list[str]
) -> None:
    assert _names(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("توفي الرئيس حافظ الأسد عام 2000.", []),
        ("توفي المعتقل محمد أحمد عام 2015 في سجن صيدنايا.", ["محمد أحمد"]),
        ("توفي محمد أحمد الحسن عام 2015 في سجن صيدنايا.", ["محمد أحمد الحسن"]),
    ],
)
def test_arabic_a_name_ends_at_the_year_and_an_office_is_no_victim(
    text: str, expected: list[str]
) -> None:
    assert _names(text, "ar") == expected

"""Fact families of tuning round 2 (issue #11, family 8): errors seen on reports the rules
had not been written against. Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from classifiers import classify
from classifiers.normalise import fold
from classifiers.victims import find_victims


def _names(text: str, lang: str) -> list[str]:
    sentences = ["Title", text] if lang != "ar" else ["عنوان", text]
    return find_victims(sentences, [fold(s) for s in sentences], lang)


# ---------------------------------------------------------------- victims


@pytest.mark.parametrize(
    "text",
    [
        "وتطالب المنظمات بالإفراج عن المعتقلين ومحاسبة المسؤولين عن الانتهاكات.",
        "ويتعرض المعتقلون لأقسى أنواع المعاملة في الزنازين المكتظة.",
    ],
)
def test_arabic_plural_cue_names_no_one_alone(text: str) -> None:
    assert _names(text, "ar") == []


def test_arabic_plural_cue_before_a_list_keeps_the_list() -> None:
    text = "وأفرج عن المعتقلين سامر عادل الخطيب، وفراس نبيل العمر بعد أشهر."
    assert _names(text, "ar") == ["سامر عادل الخطيب", "فراس نبيل العمر"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وقالت الإذاعة إن دورية أوقفت مراسلها \"باسل فهد الراعي\" عند حاجز قرب المدينة.",
         ["باسل فهد الراعي"]),
        ("اعتقلت قوة أمنية مراسلنا عمار سليم القاسم أثناء تغطيته للاحتجاجات.",
         ["عمار سليم القاسم"]),
        # the bare noun is followed by the outlet's name, not the reporter's
        ("وأفاد مراسل شبكة نبض الجنوب بأن الدورية اعتقلت ثلاثة شبان.", []),
    ],
)
def test_arabic_correspondent_named_by_the_outlets_pronoun(
    text: str, expected: list[str]
) -> None:
    assert _names(text, "ar") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what someone has is no descriptor of a victim
        ("Elders said Hamza Rafiq Omari, who has close links to the governor, would mediate.",
         []),
        ("The notable Karim Walid Sabbagh, who has a shop in the old market, visited the branch.",
         []),
        # what someone had done still is
        ("Patrols seized Yazan Munir Dabbagh, who had previously fled to Lebanon, at dawn.",
         ["Yazan Munir Dabbagh"]),
        ("Guards beat Rami Adel Hourani, who has been held since March, in the yard.",
         ["Rami Adel Hourani"]),
        ("Last spring Tamer Nabil Khatib, who had also come back from exile, died in jail.",
         ["Tamer Nabil Khatib"]),
    ],
)
def test_english_who_has_describes_a_victim_only_with_a_participle(
    text: str, expected: list[str]
) -> None:
    assert _names(text, "en") == expected


def test_a_religious_title_with_the_article_is_left_out_of_the_name() -> None:
    text = "Gunmen abducted Al-Sheikh Omar Fawzi Jundi, a preacher from Douma, last week."
    assert _names(text, "en") == ["Omar Fawzi Jundi"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وصاحب القصة هو سليم عارف الدباغ، المولود عام 1961 في حي الميدان.", ["سليم عارف الدباغ"]),
        ("وكانت هي رنا فايز الحلبي المولودة في حمص من بين من غيبتهم السجون.", ["رنا فايز الحلبي"]),
    ],
)
def test_arabic_name_before_born_is_named_without_the_pronoun(
    text: str, expected: list[str]
) -> None:
    assert _names(text, "ar") == expected


def test_arabic_sentence_with_born_alone_is_searched_for_names() -> None:
    text = ("اعتقلت دورية أمنية رجلا مسنا في دمشق قبل عشرين عاما.\n"
            "والرجل هو سليم عارف الدباغ، المولود عام 1941، وما زال مصيره مجهولا.")
    assert classify("قصة معتقل", text, "ar", "2021-01-01").facts["victims"] == ["سليم عارف الدباغ"]


def test_arabic_name_ends_before_near() -> None:
    assert _names("أوقفت دورية الشاب سامر العلي قرب دمشق أمس.", "ar") == ["سامر العلي"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أفرجت قوات النظام عن المعتقل وليد حسن الحمد ثلاث سنوات بعد توقيفه.", ["وليد حسن الحمد"]),
        ("اعتقلت دورية الشاب رامي عادل الصالح عشرة أيام في فرع الأمن.", ["رامي عادل الصالح"]),
        ("احتجز الأمن الطالب باسل نور الدين أربعة أشهر دون محاكمة.", ["باسل نور الدين"]),
    ],
)
def test_arabic_name_ends_before_a_number_in_words_or_a_span_of_time(
    text: str, expected: list[str]
) -> None:
    assert _names(text, "ar") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the office's whole phrase set off by a comma before the rank
        ("نفى محافظ مدينة حمص السابق، العميد سامي فؤاد الخوري، وجود أي معتقلين في المدينة.", []),
        # without the comma, an office four words back is another sentence part
        ("أعلن مدير المدرسة في المدينة أن الشاب ماهر عادل الخطيب اعتقل أمس.",
         ["ماهر عادل الخطيب"]),
    ],
)
def test_arabic_office_set_off_by_a_comma_before_its_holder(
    text: str, expected: list[str]
) -> None:
    assert _names(text, "ar") == expected


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "text",
    [
        # "between" a month and a later end, in Arabic as in English
        "وثقت المنظمة وفاة 40 معتقلا تحت التعذيب بين نيسان 2012 ونهاية 2020 في سجون مختلفة.",
        # a year ranked against the others
        "The group counted 60 deaths in custody over the decade; 2016 was the deadliest year.",
        "وأحصى التقرير وفاة 60 معتقلا تحت التعذيب، وكان عام 2014 الأشد فتكا بهم.",
    ],
)
def test_a_period_or_a_ranked_year_dates_no_death(text: str) -> None:
    lang = "en" if text.isascii() else "ar"
    assert "death_date" not in classify("Report", text, lang, "2021-05-01").facts


def test_a_death_told_with_its_year_is_still_dated() -> None:
    text = "The detainee died under torture in 2016, his family said."
    assert classify("Report", text, "en", "2021-05-01").facts["death_date"] == "2016"


# ---------------------------------------------------------------- counts


def test_french_years_written_annees_are_no_count() -> None:
    text = "Après 12 années de guerre, 30 détenus ont été libérés samedi à Alep."
    assert classify("Libération", text, "fr", "2023-03-04").facts["counts"] == [30]


def test_the_wars_toll_told_after_a_long_clause_is_no_count() -> None:
    text = (
        "Security forces arrested 14 men in Homs on Monday.\n"
        "The war, which grew out of a crackdown on peaceful marches in the south and drew in "
        "several foreign powers, has left more than 400,000 people dead."
    )
    assert classify("Arrests", text, "en", "2020-03-04").facts["counts"] == [14]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an irregular participle, or what the person lacked, still describes them
        ("Nizar Fadi Qassab, who had sought shelter in Arsal, was detained by police in 2016.",
         ["Nizar Fadi Qassab"]),
        ("Security forces detained Wael Samir Hamwi, who had won a scholarship abroad, in 2015.",
         ["Wael Samir Hamwi"]),
        ("Majd Kamal Halabi, who had no links to any party, was abducted by gunmen last year.",
         ["Majd Kamal Halabi"]),
        # ties and possessions stay out
        ("Fares Nadim Attar, who has strong ties to the branch chief, said the raid was routine.",
         []),
    ],
)
def test_english_who_had_reads_any_verb_but_not_possession(
    text: str, expected: list[str]
) -> None:
    assert _names(text, "en") == expected

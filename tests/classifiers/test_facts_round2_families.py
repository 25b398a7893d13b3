"""Fact families of tuning round 2 (issue #11, family 8): errors seen on reports the rules
had not been written against. Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

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

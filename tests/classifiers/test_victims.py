"""Victims' names: cues, descriptors, lists, and the words a name never runs into."""

from __future__ import annotations

import pytest

from classifiers import classify
from classifiers.normalise import fold
from classifiers.victims import find_victims
from crawler.samples import load_samples


def _names(text: str, lang: str) -> list[str]:
    sentences = ["Title", text] if lang != "ar" else ["عنوان", text]
    return find_victims(sentences, [fold(s) for s in sentences], lang)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police detained a young man named Karim Nabil Haddad at dawn.", ["Karim Nabil Haddad"]),
        ("The second man was identified as Omar Fathi al-Rawi by his cousin.",
         ["Omar Fathi al-Rawi"]),
        ("Sami Adel Qutaish, a baker from Saraqib, was seized on Monday.", ["Sami Adel Qutaish"]),
        ("Security men took Hadi Selim Barakat, aged 19, from his school.", ["Hadi Selim Barakat"]),
        ("They named three of them: Anas Juma Diab, his brother Walid Juma Diab, and Tarek "
         "Mounir Sous.", ["Anas Juma Diab", "Walid Juma Diab", "Tarek Mounir Sous"]),
        ("According to relatives, the young man, Yamen Ali Kassar (24 years old), was beaten.",
         ["Yamen Ali Kassar"]),
    ],
)
def test_english_names(text: str, expected: list[str]) -> None:
    assert _names(text, "en") == expected


def test_english_organisations_and_plain_prose_give_no_name() -> None:
    text = ("The Syrian Network for Human Rights, a group based abroad, said the Air Force "
            "Intelligence Directorate, which runs the branch, denied it.")
    assert _names(text, "en") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La famille de M. Nader Fouad Aswad, boulanger de 40 ans, reste sans nouvelles.",
         ["Nader Fouad Aswad"]),
        ("Les deux frères, MM. Rami Talal Hijazi et Jad Talal Hijazi, ont disparu.",
         ["Rami Talal Hijazi", "Jad Talal Hijazi"]),
        ("Un militant nommé Firas Aziz Halabi a été arrêté.", ["Firas Aziz Halabi"]),
    ],
)
def test_french_names(text: str, expected: list[str]) -> None:
    assert _names(text, "fr") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a cue, a name of three words, then a comma
        ("أفادت مصادر محلية أن الشاب نادر فؤاد الحلبي، من سكان حي الوعر، اعتقل أمس.",
         ["نادر فؤاد الحلبي"]),
        # the name stops at a verb of the event
        ("وقالت العائلة إن المعتقل سليم عادل اعتقل على حاجز قرب المدينة.", ["سليم عادل"]),
        # a list after "the two are": the second name follows a kinship word
        ("خطف مسلحون شخصين هما وسيم رياض أبو شقرا وخاله نبيل سعيد أبو شقرا، ليلة الأحد.",
         ["وسيم رياض أبو شقرا", "نبيل سعيد أبو شقرا"]),
        # a name before its age in brackets
        ("وذكر شهود أن كمال منير حداد (41 عاماً) نقل إلى المشفى.", ["كمال منير حداد"]),
    ],
)
def test_arabic_names(text: str, expected: list[str]) -> None:
    assert _names(text, "ar") == expected


@pytest.mark.parametrize(
    "text",
    [
        # the organisation's name after an adjective that is also a cue must not become a name
        "علمت الشبكة السورية لحقوق الإنسان أن قوات النظام داهمت البلدة.",
        "وأعلن المرصد السوري لحقوق الإنسان قيام مجموعة مسلحة باقتحام القرية.",
        # a kinship word followed by a verb is not a name
        "وأضافت أن زوجها رفض المضي في الإجراءات.",
        "قال المصدر إن ابنها فارق الحياة في السجن.",
    ],
)
def test_arabic_fragments_are_not_names(text: str) -> None:
    assert _names(text, "ar") == []


def test_every_sample_victim_is_found_and_nothing_else() -> None:
    expected_total = found_total = 0
    for sample in load_samples():
        gold = {fold(v) for v in sample.expected_facts.get("victims", [])}
        result = classify(sample.title, "\n\n".join(sample.paragraphs), sample.lang,
                          sample.published)
        got = {fold(v) for v in result.facts.get("victims", [])}
        assert got <= gold, f"{sample.stem}: extra names {sorted(got - gold)}"
        expected_total += len(gold)
        found_total += len(got & gold)
    assert expected_total
    assert found_total == expected_total

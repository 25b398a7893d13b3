"""Scope rules kept to the construction they mean: a discard, a negation, a tally cue or a
group's `not` word that also stands in real events must not cancel them. Each look-alike
test is paired with a real event using the same words."""

from __future__ import annotations

import pytest
from support.articles import body_labels, lead_labels

AA = "arbitrary_arrest"
ED = "enforced_disappearance"
RE = "release"
TD = "torture_death"


@pytest.mark.parametrize(
    ("label", "sentence"),
    [
        (RE, "Arrêté en 2012 à Homs, le militant Omar Khaled sera libéré deux ans plus tard."),
        (TD, "Le détenu Omar Khaled sera torturé à mort à Saydnaya en 2014."),
        (AA, "Le journaliste Omar Khaled sera enlevé par des hommes armés à Idleb."),
    ],
)
def test_french_historical_future_tells_a_real_event(label: str, sentence: str) -> None:
    assert label in body_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Les 20 détenus seront libérés prochainement, selon le ministère.",
        "Le détenu Omar Khaled devrait être libéré la semaine prochaine.",
        "Le militant Omar Khaled doit être libéré dans les prochains jours.",
        "Les autorités s'apprêtent à libérer 30 détenus de la prison d'Adra.",
    ],
)
def test_french_release_announced_for_later_is_no_release(sentence: str) -> None:
    assert RE not in lead_labels(sentence, "fr")


@pytest.mark.parametrize(
    ("label", "sentence"),
    [
        (
            AA,
            "واعتقلت قوات النظام خلال الشهر الماضي الشاب محمد خالد من حي الوعر في حمص على "
            "حاجز عسكري.",
        ),
        (TD, "وتوفي المعتقل محمد خالد تحت التعذيب في سجن صيدنايا خلال آذار الماضي."),
    ],
)
def test_arabic_event_told_within_last_month_is_no_tally(label: str, sentence: str) -> None:
    assert label in body_labels(sentence, "ar")


def test_arabic_month_tally_of_a_documenting_office_is_a_tally() -> None:
    sentence = (
        "ووثق فريق الرصد خلال أيلول الماضي اختفاء 14 شخصا في ريف حماة، بينهم طفلان، "
        "ولا يعرف مصيرهم."
    )
    assert "enforced_disappearance" not in body_labels(sentence, "ar")


def test_arabic_special_rapporteur_is_no_planned_release() -> None:
    assert RE in body_labels("رحب المقرر الخاص بالإفراج عن 50 معتقلا من سجن عدرا يوم الأحد.", "ar")


def test_arabic_release_scheduled_for_later_is_no_release() -> None:
    assert RE not in lead_labels(
        "ومن المقرر أن يفرج عن 40 معتقلا من سجن عدرا الأسبوع المقبل.", "ar"
    )

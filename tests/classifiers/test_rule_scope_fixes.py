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


def test_arabic_event_told_by_its_verbal_noun_after_last_week_is_no_tally() -> None:
    sentence = (
        "شهد الأسبوع الماضي اعتقال الناشط محمد خالد من منزله في حمص على يد دورية للمخابرات الجوية."
    )
    assert AA in body_labels(sentence, "ar")


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


@pytest.mark.parametrize(
    "sentence",
    [
        "Military Security routinely detains critics; on 3 May it arrested Omar Khaled at a "
        "checkpoint in Homs.",
        "Air Force Intelligence arrested Omar Khaled at a checkpoint in Homs on 3 May, part of a "
        "pattern of arrests of returnees.",
        "Residents fear arrest after security forces detained 12 young men in Homs on 3 May.",
        "Air Force Intelligence seized Omar Khaled at a checkpoint in Homs on 3 May 2019.",
        "The militants seized seven policemen in the town of Tafas late on Monday.",
        "Military security stopped them at the Qutayfah checkpoint on 3 May 2019.",
    ],
)
def test_english_arrest_beside_practice_fear_or_seize_words_still_labels(sentence: str) -> None:
    assert AA in body_labels(sentence, "en")


@pytest.mark.parametrize(
    "sentence",
    [
        "Military Security routinely detains critics at checkpoints in Homs.",
        "Residents of Homs fear arrest campaigns by Military Security.",
        "Human rights groups describe a pattern of arrests of returnees by the security forces.",
        "The regime stopped paying the salaries of 300 workers in Homs.",
        "Regime forces seized control of the town in March 2018.",
    ],
)
def test_english_practice_fear_or_things_seized_are_no_arrest(sentence: str) -> None:
    assert AA not in lead_labels(sentence, "en")


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        (
            "ar",
            "قالت والدة الشاب محمد خالد إن المخابرات الجوية اعتقلته عام 2013 ولا تعرف مكانه حتى "
            "اليوم، وطالبت بالإفراج عن جميع المعتقلين والمفقودين.",
        ),
        (
            "en",
            "His mother said Military Intelligence took Omar Khaled in 2013 and she has not known "
            "his whereabouts since; she called for the release of all the detained or disappeared.",
        ),
        (
            "ar",
            "اعتقلت قوات الأمن الشاب محمد خالد في حمص عام 2013، وما زالت عائلته تبحث عنه منذ "
            "سنوات دون جدوى.",
        ),
    ],
)
def test_a_disappearance_beside_a_generic_pair_or_a_force_still_labels(
    lang: str, sentence: str
) -> None:
    assert ED in body_labels(sentence, lang)


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("ar", "وطالب المتظاهرون بالكشف عن مصير المعتقلين والمفقودين في سجون النظام."),
        ("en", "The families called for the release of all the detained or disappeared."),
        ("ar", "وقال إن الأجهزة الأمنية تبحث عنه منذ أشهر بسبب منشوراته."),
    ],
)
def test_a_generic_pair_or_a_wanted_man_is_no_disappearance(lang: str, sentence: str) -> None:
    assert ED not in lead_labels(sentence, lang)


@pytest.mark.parametrize(
    ("label", "sentence"),
    [
        (
            ED,
            "Rescue teams said 12 people are still missing under the rubble after the earthquake "
            "in Jableh on 3 May.",
        ),
        (
            ED,
            "Dozens of migrants from Tartus remain unaccounted for after their boat sank off "
            "Lebanon.",
        ),
        (ED, "Doctors who examined Omar Khaled after his release found no sign of torture on him."),
        (ED, "Security forces released Omar Khaled on Sunday without informing his family."),
        (TD, "A soldier died in the military hospital in Homs after a landmine exploded."),
    ],
)
def test_english_disaster_missing_and_release_stories_are_no_custody_events(
    label: str, sentence: str
) -> None:
    assert label not in lead_labels(sentence, "en")


@pytest.mark.parametrize(
    ("label", "sentence"),
    [
        (ED, "Omar Khaled, a detainee, is still missing two years after his arrest in Homs."),
        (
            ED,
            "His family has found no trace of him since his arrest at a checkpoint in Homs in "
            "2013.",
        ),
        (
            ED,
            "Military Intelligence arrested Omar Khaled in Homs on 3 May and has held him since "
            "without informing his family.",
        ),
        (
            TD,
            "The detainee Omar Khaled died in Tishreen military hospital in 2014, his family "
            "learned.",
        ),
    ],
)
def test_english_missing_trace_uninformed_family_and_hospital_deaths_in_custody_label(
    label: str, sentence: str
) -> None:
    assert label in lead_labels(sentence, "en")


@pytest.mark.parametrize(
    ("lang", "label", "sentence"),
    [
        (
            "fr",
            RE,
            "Depuis la sortie de son rapport sur les détenus, l'organisation reçoit des menaces.",
        ),
        ("fr", RE, "Les mères des détenus sont sorties manifester devant le tribunal à Damas."),
        ("fr", RE, "Après la libération d'Alep, des milliers de civils sont rentrés chez eux."),
        ("ar", AA, "مضى على اعتقاله حتى اليوم عشر سنوات."),
    ],
)
def test_a_report_out_mothers_out_a_city_freed_or_a_duration_are_no_events(
    lang: str, label: str, sentence: str
) -> None:
    assert label not in lead_labels(sentence, lang)


@pytest.mark.parametrize(
    ("lang", "label", "sentence"),
    [
        ("fr", RE, "Selon l'association, 25 détenus sont sortis de la prison d'Adra dimanche."),
        ("fr", RE, "Front al-Nosra : 9 personnes libérées à Idleb en mai."),
        ("ar", AA, "اعتقلت قوات الأمن اليوم الشاب محمد خالد من منزله في حمص."),
    ],
)
def test_detainees_out_people_freed_or_an_arrest_today_still_label(
    lang: str, label: str, sentence: str
) -> None:
    assert label in lead_labels(sentence, lang)


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        (
            "en",
            "Security forces released Omar Khaled on Sunday; his lawyer said he should never have "
            "been held.",
        ),
        (
            "fr",
            "Les forces de sécurité ont libéré le militant Samir dimanche ; il doit se présenter "
            "au tribunal lundi.",
        ),
    ],
)
def test_a_release_beside_a_modal_verb_still_labels(lang: str, sentence: str) -> None:
    assert RE in body_labels(sentence, lang)


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "The regime must release all 40 detainees held in Adra prison."),
        ("fr", "Les autorités doivent libérer les 40 détenus de la prison d'Adra."),
    ],
)
def test_an_obligation_to_release_is_no_release(lang: str, sentence: str) -> None:
    assert RE not in lead_labels(sentence, lang)

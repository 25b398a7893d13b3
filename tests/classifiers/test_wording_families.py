"""Wording families the first rules never saw, each on sentences written for these tests:
the family labels wherever the sentence stands, and its look-alikes do not."""

from __future__ import annotations

import pytest
from support.articles import body_labels, lead_labels

ED = "enforced_disappearance"


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        (
            "en",
            "Police took the baker from his shop in Jableh, and where he is now remains unknown.",
        ),
        (
            "en",
            "Gunmen seized the teacher in Azaz; his wife says she does not know where he is held.",
        ),
        ("en", "Communication with him was lost after he crossed the checkpoint near Qutayfah."),
        ("ar", "واعتقلت دورية الشاب في حماة ونقلته إلى جهة غير معروفة حتى الآن."),
        ("ar", "ولا تتوفر أي معلومات عن مكان احتجازه منذ اعتقاله في حلب."),
        ("ar", "وداهمت الدورية منزله في اللاذقية لتنقطع أخباره منذ ذلك اليوم."),
        ("fr", "Sa famille ignore où il se trouve depuis son arrestation à Homs en mars."),
        ("fr", "Sa sœur ignore le sort du jeune homme arrêté à un barrage près de Hama."),
        ("en", "The two brothers were taken to a branch, and nothing is known of their fate."),
        ("fr", "Le rapport classe 40 cas comme enlèvement forcé, leurs proches ignorant leur lieu "
         "de détention."),
    ],
)
def test_unknown_whereabouts_told_in_other_words_is_a_disappearance(
    lang: str, sentence: str
) -> None:
    assert ED in body_labels(sentence, lang)


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "Many families do not know where their next salary will come from."),
        ("en", "Soldiers took the men to an unknown location before freeing them hours later."),
        ("en", "The motives for the raid in Deir Ez-Zour remain unknown."),
        ("ar", "وقتل الرجل برصاص مسلحين مجهولين في ريف درعا الغربي."),
        ("ar", "ولم تعرف حتى الآن دوافع الهجوم على الحاجز في دير الزور."),
        ("ar", "وانقطعت الكهرباء عن أحياء حلب الشرقية طوال الليل."),
    ],
)
def test_look_alikes_of_unknown_whereabouts_are_not(lang: str, sentence: str) -> None:
    assert ED not in body_labels(sentence, lang)


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("ar", "قوات الأمن تطلق سراح ثلاثة شبان من أبناء بلدة نوى بعد أسبوع من احتجازهم."),
        ("ar", "وقالت العائلة إن الفصيل أخلى سبيل ابنها في عفرين يوم الخميس."),
        ("ar", "والتقى الشاب المفرج عنه من سجن عدرا بوالدته في حمص."),
        ("en", "After two weeks the faction let the shepherd go near Jarablus."),
        ("fr", "Détenu depuis 2012 à Saydnaya, l'ingénieur a recouvré la liberté en décembre."),
    ],
)
def test_release_told_by_other_verb_forms_is_a_release(lang: str, sentence: str) -> None:
    assert "release" in body_labels(sentence, lang)


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "The president issued a general amnesty decree for crimes before March 2026."),
        ("ar", "ويناقش المؤتمر في دمشق تحديات مرحلة ما بعد الإفراج عن المعتقلين."),
        ("fr", "Le décret d'amnistie publié à Damas couvre les délits commis avant 2026."),
    ],
)
def test_an_amnesty_decree_or_post_release_theme_is_not_a_release(
    lang: str, sentence: str
) -> None:
    assert "release" not in body_labels(sentence, lang)


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("ar", "وقالت العائلة إن ابنها فقد حياته تحت وطأة التعذيب في فرع المخابرات الجوية بحماة."),
        ("ar", "وتعرفت الأم على صورة ابنها بين صور قيصر المسربة لضحايا المعتقلات."),
        ("fr", "Sa sœur a reconnu son visage parmi les photos de César des détenus tués."),
        ("en", "The court heard evidence on the deaths of 41 detainees held in Branch 227."),
    ],
)
def test_deaths_in_custody_told_in_other_words(lang: str, sentence: str) -> None:
    assert "torture_death" in lead_labels(sentence, lang)


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "We remember every victim who has died in detention across the world."),
        ("en", "The prison is known for executing thousands of detainees over the years."),
        ("fr", "Cette prison est connue pour la mort de milliers de détenus au fil des ans."),
        ("fr", "Ses listes portent des milliers de noms de détenus morts sous la torture."),
    ],
)
def test_deaths_of_a_whole_class_are_no_report(lang: str, sentence: str) -> None:
    assert "torture_death" not in body_labels(sentence, lang)


@pytest.mark.parametrize(
    ("lang", "title", "label"),
    [
        ("en", "Two sisters snatched by gunmen from a street in Baniyas", "arbitrary_arrest"),
        ("fr", "Une vague d'enlèvements de jeunes femmes sur la côte syrienne", "arbitrary_arrest"),
    ],
)
def test_abductions_in_the_headline(lang: str, title: str, label: str) -> None:
    from classifiers import classify

    assert label in classify(title, "", lang).labels


def test_a_tally_shown_by_photographs_is_the_subject_not_a_closing_statistic() -> None:
    from classifiers import classify

    text = (
        "Le photographe est arrivé à Paris jeudi. "
        "Il a remis 2 000 photos. "
        "Ses images montrent 1 200 détenus morts sous la torture dans les prisons de Damas."
    )
    assert "torture_death" in classify("Les preuves par l'image", text, "fr").labels



def test_deaths_in_detention_named_as_a_concern_are_no_report() -> None:
    sentence = "Les exécutions de détenus restent préoccupantes à Alep."
    assert "torture_death" not in body_labels(sentence, "fr")


@pytest.mark.parametrize(
    ("lang", "sentence", "label"),
    [
        # who, what and by whom in one body sentence, with no governorate or force name
        ("ar", "وأفاد المصدر بأن مجموعة مسلحة خطفت 12 شخصا على طريق بلدة سميع الشهر الماضي.",
         "arbitrary_arrest"),
        ("en", "A patrol picked up two students outside their college and drove them away.",
         "arbitrary_arrest"),
    ],
)
def test_one_complete_event_sentence_labels_in_the_body(
    lang: str, sentence: str, label: str
) -> None:
    assert label in body_labels(sentence, lang)



@pytest.mark.parametrize(
    "verb",
    ["اعتقلت", "اعتقلوا", "اعتقلوه", "اعتقلتهم", "يعتقلون", "تعتقل", "واعتقلت", "فاعتقلوا"],
)
def test_arabic_arrest_forms_come_from_one_stem_and_the_clitics(verb: str) -> None:
    sentence = f"{verb} قوات الأمن الشاب عند حاجز في مدخل مدينة حماة."
    assert "arbitrary_arrest" in lead_labels(sentence, "ar")

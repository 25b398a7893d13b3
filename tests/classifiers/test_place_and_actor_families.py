"""Governorate and perpetrator by family of wording: datelines, places inside the names of
movements and institutions, prisons known by their town, one force named twice in one name,
undated pages written after the fall, and forces named in French and Arabic. Every sentence
here is written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from classifiers import classify


def facts(title: str, text: str, lang: str, published: str | None = None) -> dict[str, Any]:
    return classify(title, text, lang, published).facts


# ---------------------------------------------------------------- governorate


def test_a_dateline_weighs_less_than_the_place_of_the_event() -> None:
    text = (
        "Lead paragraph of the wire story.\n"
        "Damascus - A patrol arrested a pharmacist in Jableh on Monday, his brother said."
    )
    assert facts("Pharmacist detained", text, "en", "2023-04-02")["governorate"] == "Latakia"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Des avions de l'armée de Damas ont bombardé un marché, selon une ONG.", "fr"),
        ("The province has stayed beyond the control of Damascus for a decade.", "en"),
        ("The Kurdish-led forces and Damascus's new leadership agreed on a swap.", "en"),
    ],
)
def test_a_place_standing_for_its_government_is_no_place(text: str, lang: str) -> None:
    assert "governorate" not in facts("Report", text, lang, "2025-04-01")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("She took part in the Damascus Spring and later signed petitions abroad.", "en"),
        ("Il a signé la déclaration de Damas avant de partir en exil.", "fr"),
        ("تخرج من جامعة دمشق قبل أن يغادر البلاد بسنوات.", "ar"),
    ],
)
def test_a_place_in_the_name_of_a_movement_or_institution_is_no_place(
    text: str, lang: str
) -> None:
    assert "governorate" not in facts("Portrait", text, lang, "2020-01-01")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("A new bakery opened this week.\nIts owner once managed a café near Homs station.", "en"),
        ("Le festival a réuni des peintres.\nL'un d'eux a grandi dans un quartier d'Alep.", "fr"),
        ("افتتح معرض للكتاب هذا الأسبوع.\nوشارك فيه ناشر كان يعمل سابقا في حماة.", "ar"),
    ],
)
def test_a_place_named_once_in_passing_in_a_report_of_no_event_is_no_place(
    text: str, lang: str
) -> None:
    assert "governorate" not in facts("Culture", text, lang, "2022-06-01")


def test_a_place_named_twice_or_in_a_labelled_report_stays() -> None:
    twice = "A new bakery opened this week.\nIts owner grew up in Homs and studied in Homs too."
    assert facts("Culture", twice, "en", "2022-06-01")["governorate"] == "Homs"
    arrest = "Lead line of the story.\nSecurity forces arrested a baker in Homs on Monday."
    assert facts("Baker held", arrest, "en", "2022-06-01")["governorate"] == "Homs"


@pytest.mark.parametrize(
    ("title", "text", "lang"),
    [
        ("Fosse commune", "Une fosse a été découverte au nord-est de Damas, où des détenus "
         "auraient été enterrés.", "fr"),
        ("Mass grave", "A mass grave of former detainees was found near Damascus on Monday.", "en"),
        ("اعتقال شاب", "اعتقلت دورية أمنية الشاب سامر العلي قرب دمشق يوم الاثنين.", "ar"),
        ("Mort en détention", "Le militant Karim Haddad est mort sous la torture à Saidnaya, "
         "a annoncé sa famille.", "fr"),
    ],
)
def test_the_countryside_around_the_capital_is_rif_dimashq(
    title: str, text: str, lang: str
) -> None:
    assert facts(title, text, lang, "2025-01-10")["governorate"] == "Rif Dimashq"


def test_a_place_written_with_the_article_glued_by_a_hyphen() -> None:
    text = "Lead line.\nGunmen abducted a shopkeeper in the western countryside of Al-Sweida."
    assert facts("Shopkeeper abducted", text, "en", "2022-06-01")["governorate"] == "As-Suwayda"


# ---------------------------------------------------------------- perpetrator


def test_a_prison_known_by_its_town_names_the_force_that_held_people_there() -> None:
    text = (
        "Les portes de Saydnaya ont été forcées et des centaines de détenus ont retrouvé "
        "leurs familles. Les détenus de Saydnaya racontent des années de faim."
    )
    assert facts("Libérés de Saydnaya", text, "fr", "2024-12-09")["perpetrator"] == "syrian_regime"


def test_a_prison_named_as_background_gives_way_to_the_force_that_acted() -> None:
    text = (
        "The interior ministry said its forces detained a former guard of Sednaya prison in "
        "Hama. He is accused of abuses at Sednaya and at the Sednaya annex."
    )
    got = facts("Former prison guard arrested", text, "en", "2025-06-01")
    assert got["perpetrator"] == "transitional_authorities"


def test_a_name_and_its_short_form_are_one_mention() -> None:
    text = (
        "Of the arrests, 40 were made by armed opposition factions and 45 by the Syrian "
        "Democratic Forces (SDF), while the transitional government made 52 and its "
        "security services 30."
    )
    got = facts("Monthly arrests report", text, "en", "2025-03-02")
    assert got["perpetrator"] == "transitional_authorities"


def test_an_undated_page_naming_the_fallen_regime_was_written_after_the_fall() -> None:
    text = (
        "أعلنت وزارة الداخلية توقيف ضابط سابق في حماة، بعد أن عمل لسنوات في أجهزة النظام "
        "البائد. وقالت الوزارة إن قوات الأمن الداخلي نفذت العملية."
    )
    assert facts("توقيف ضابط سابق", text, "ar")["perpetrator"] == "transitional_authorities"


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Un enseignant a été arrêté par les moukhabarat à Homs.", "fr", "syrian_regime"),
        ("Il a été enlevé par des factions pro-turques près d'Afrine.", "fr", "armed_opposition"),
        ("Le pouvoir de Bachar al-Assad a fait arrêter l'avocat.", "fr", "syrian_regime"),
        ("A nurse was detained by pro-government militias in Homs.", "en", "syrian_regime"),
        ("اعتقل الشبيحة شاباً في حي الزهراء بحمص.", "ar", "syrian_regime"),
        ("The Syrian army detained a shepherd near Quneitra.", "en", "syrian_regime"),
    ],
)
def test_forces_named_in_each_language(text: str, lang: str, expected: str) -> None:
    assert facts("Report", text, lang, "2016-05-01")["perpetrator"] == expected


def test_the_syrian_army_after_the_fall_is_the_transitional_authorities() -> None:
    text = "The Syrian army detained a shepherd near Quneitra on Friday."
    got = facts("Shepherd detained", text, "en", "2025-05-01")
    assert got["perpetrator"] == "transitional_authorities"


def test_the_new_administration_is_the_transitional_authorities_on_an_undated_page() -> None:
    text = (
        "أفرجت الإدارة السورية الجديدة عن عشرين موقوفاً في حمص بعد انتهاء التحقيق معهم، "
        "وقال الأمن العام إن دفعات أخرى ستخرج قريباً."
    )
    assert facts("الإفراج عن موقوفين", text, "ar")["perpetrator"] == "transitional_authorities"


@pytest.mark.parametrize(
    ("text", "lang", "place"),
    [
        ("Security forces arrested 12 students of the University of Aleppo on Monday.", "en",
         "Aleppo"),
        ("Regime forces arrested 30 young men after they regained control of Daraa.", "en",
         "Daraa"),
        ("Les forces de sécurité ont arrêté 12 étudiants de l'université de Damas.", "fr",
         "Damascus"),
        ("اعتقلت قوات الأمن 12 طالبا من جامعة حلب يوم الاثنين.", "ar", "Aleppo"),
    ],
)  # fmt: skip
def test_a_university_or_the_control_of_a_place_still_names_it(
    text: str, lang: str, place: str
) -> None:
    assert facts("Report", text, lang, "2023-05-10")["governorate"] == place


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("She graduated from Damascus University in 1999 and later left the country.", "en"),
        ("He graduated from the University of Damascus before going into exile.", "en"),
        ("Il est diplômé de l'université de Damas et vit en exil depuis 2012.", "fr"),
        ("The region has remained outside the control of Damascus since 2012.", "en"),
    ],
)
def test_a_university_of_a_biography_or_the_governments_control_names_no_place(
    text: str, lang: str
) -> None:
    assert "governorate" not in facts("Portrait", text, lang, "2020-01-01")


@pytest.mark.parametrize(
    "text",
    [
        # the noun with "and" written on it, and a collaborator of the force
        "قتل مسلحون مجهولون مزارعا وعنصرا بقوات النظام قرب بلدة في ريف درعا. "
        "وكان القتيل الثاني من المتعاونين مع الأجهزة الأمنية.",
        # a former member of the group
        "عثر على جثة عنصر سابق في تنظيم الدولة الإسلامية قرب قرية، بعدما قتله مجهولون.",
    ],
)
def test_arabic_victims_side_is_not_the_perpetrator(text: str) -> None:
    assert facts("حادثة في ريف درعا", text, "ar", "2021-03-01")["perpetrator"] == "unknown"

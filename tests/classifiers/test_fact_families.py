"""Facts by family of wording: dates bound to their own event, perpetrators across languages and
across 8 December 2024, counts that are tallies, one governorate or none, victims' names in
lists and quotes. Every sentence here is written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from classifiers import classify
from classifiers.normalise import fold
from classifiers.victims import find_victims


def facts(title: str, text: str, lang: str, published: str | None = None) -> dict[str, Any]:
    return classify(title, text, lang, published).facts


def names(text: str, lang: str) -> list[str]:
    sentences = ["عنوان" if lang == "ar" else "Title", *text.split("\n")]
    return find_victims(sentences, [fold(s) for s in sentences], lang)


# ---------------------------------------------------------------- dates


def test_arrest_date_comes_from_the_arrest_not_from_the_death_notice() -> None:
    text = (
        "علمت الشبكة أن المعتقل رامي عادل الحسن توفي تحت التعذيب، وقد وصل نبأ وفاته إلى أهله "
        "في 3 أيار 2023 عن طريق سجين أفرج عنه. وكانت دورية للأمن العسكري قد اعتقلته في 14 "
        "شباط 2016 على حاجز قرب مدينة حماة واقتادته إلى جهة مجهولة."
    )
    got = facts("وفاة معتقل تحت التعذيب", text, "ar", "2023-05-05")
    assert got["arrest_date"] == "2016-02-14"
    assert "death_date" not in got  # 3 May 2023 dates the news, not the death


def test_death_date_from_the_record_and_not_from_the_day_the_family_learned_it() -> None:
    text = (
        "The family of Sami Walid Haddad, a baker from Douma, discovered on March 2, 2024, "
        "that he had died. The register listed him as deceased on June 9, 2015. He was "
        "arrested at a checkpoint on April 11, 2013, by regime intelligence personnel."
    )
    got = facts("Detainee died in custody", text, "en", "2024-03-05")
    assert (got["death_date"], got["arrest_date"]) == ("2015-06-09", "2013-04-11")


def test_a_date_closing_the_headline_is_the_day_of_the_news_not_of_the_death() -> None:
    text = (
        "The family of Nabil Samer Khoury, a driver from Hama, discovered on March 2, 2026, "
        "that he had died in a regime detention centre."
    )
    got = facts("Civilian dies due to torture in a detention centre, March 2, 2026", text, "en",
                "2026-03-04")
    assert "death_date" not in got
    inside = facts("Civilian died under torture on March 1, 2026 in Sednaya prison", text, "en",
                   "2026-03-04")
    assert inside["death_date"] == "2026-03-01"


def test_french_dates_without_a_year_take_the_year_of_publication() -> None:
    text = (
        "Le militant Karim Fadi Saleh, interpellé le 4 mars à un barrage, a succombé en "
        "détention selon sa famille."
    )
    got = facts("Syrie : un militant meurt en détention", text, "fr", "2012-05-20")
    assert got["arrest_date"] == "2012-03-04"


def test_relative_days_are_resolved_against_the_publication_day() -> None:
    text = "اعتقلت دورية أمنية صباح اليوم الشاب ماهر نزار العلي من منزله في مدينة درعا."
    assert facts("اعتقال شاب في درعا", text, "ar", "2025-02-11")["arrest_date"] == "2025-02-11"
    text = "Relatives said security forces arrested two young men in Jasim yesterday."
    assert facts("Two arrested in Daraa", text, "en", "2025-02-11")["arrest_date"] == "2025-02-10"
    text = "وكانت قوات الأمن قد اعتقلت الشاب في 9 آذار الجاري على حاجز قرب المدينة."
    assert facts("اعتقال شاب", text, "ar", "2025-03-20")["arrest_date"] == "2025-03-09"


def test_arabic_ordinal_days() -> None:
    text = "وكانت قوات الأمن قد اعتقلت الشاب في الحادي والعشرين من آذار 2013 على حاجز."
    assert facts("اعتقال شاب", text, "ar")["arrest_date"] == "2013-03-21"
    text = "اعتقلت قوات الأمن الشاب في الخامس من آذار الجاري على حاجز قرب المدينة."
    assert facts("اعتقال شاب", text, "ar", "2025-03-20")["arrest_date"] == "2025-03-05"


def test_a_month_without_a_year_is_the_last_one_before_publication() -> None:
    text = "La militante Hala Omar Saleh avait été arrêtée fin juin par la Sûreté de l'État."
    assert facts("Syrie : une militante", text, "fr", "2012-10-28")["arrest_date"] == "2012-06"
    text = "Le réseau a comptabilisé 647 arrestations en juillet dans tout le pays."
    assert "arrest_date" not in facts("Syrie : arrestations", text, "fr", "2018-08-07")


def test_a_tally_period_is_no_event_date() -> None:
    text = (
        "Security forces arrested the activist Nabil Samir Khoury at his home. Since March "
        "2011, thousands of Syrians have been arrested and disappeared by the regime."
    )
    assert "arrest_date" not in facts("Activist arrested", text, "en")


# ---------------------------------------------------------------- perpetrators


def test_french_perpetrators() -> None:
    text = (
        "Le 3 mai 2025, une patrouille des Forces démocratiques syriennes a arrêté M. Samir "
        "Adel Khalaf à Raqqa et l'a emmené vers une destination inconnue."
    )
    assert facts("Syrie : arrestation à Raqqa", text, "fr", "2025-05-10")["perpetrator"] == "sdf"
    text = "M. Omar Fadi Haddad a été arrêté par des agents de la Sécurité politique à Alep."
    assert facts("Syrie : arrestation", text, "fr", "2019-01-10")["perpetrator"] == "syrian_regime"


def test_after_the_fall_the_former_regime_is_background() -> None:
    text = (
        "General Security arrested a former officer of the fallen regime in Tartus on "
        "Monday, accusing him of abuses under the former regime."
    )
    got = facts("Former officer arrested", text, "en", "2025-04-02")
    assert got["perpetrator"] == "transitional_authorities"


def test_the_addressee_of_an_appeal_is_no_perpetrator() -> None:
    text = (
        "Unknown gunmen abducted a young man on the road to Bosra. The organisation calls on "
        "the transitional authorities to find him."
    )
    assert facts("Young man abducted", text, "en", "2025-06-01")["perpetrator"] == "unknown"


def test_named_rebel_factions_are_armed_opposition() -> None:
    text = "Fighters of the Turkish-backed Sultan Murad faction arrested three civilians in Afrin."
    assert facts("Civilians arrested", text, "en")["perpetrator"] == "armed_opposition"


def test_the_victims_side_is_no_perpetrator() -> None:
    text = (
        "قتل عنصر في قوات النظام برصاص مسلحين مجهولين قرب مدينة جاسم، كما أصيب عنصر آخر "
        "في قوات النظام بجروح."
    )
    assert facts("مقتل عنصر", text, "ar", "2022-03-01")["perpetrator"] == "unknown"


# ---------------------------------------------------------------- counts


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("طالب الخاطفون ذويه بدفع 25 ألف دولار مقابل إطلاق سراحه.", "ar"),
        ("Posted 14:35 | 3 min read | Trial report #12", "en"),
        ("The 17-year-old boy and a 46 year-old man were held at Branch 235.", "en"),
        ("Ils recrutaient des jeunes de 16 à 19 ans, selon le rapport.", "fr"),
        ("The war has killed more than 500,000 people since it began.", "en"),
        ("Il a pu retrouver ses deux enfants après sa libération.", "fr"),
        ("The detainees were held in cells of 6 square metres.", "en"),
        ("He was charged in case 13 under Article 285 of the penal code.", "en"),
        ("وبموجب المادة 15 من القانون رقم 20 يعاقب المتهم.", "ar"),
        ("A litre of petrol now costs 650 and the pound fell to 700 against the dollar.", "en"),
        ("Contact: media office, 202-555-0147 | Kurdistan 24 | views (35)", "en"),
    ],
)
def test_numbers_that_are_no_tally(text: str, lang: str) -> None:
    assert "counts" not in facts("Report", text, lang)


def test_a_tally_is_counted() -> None:
    text = "SNHR documented the arrest of at least 212 people, including 9 children, in May."
    assert facts("Monthly report", text, "en")["counts"] == [212, 9]
    text = "On Monday 12 people were arrested in Daraa; yesterday 15 more were detained."
    assert facts("Arrests in Daraa", text, "en")["counts"] == [12, 15]


# ---------------------------------------------------------------- governorate


def test_a_nationwide_report_gets_no_governorate() -> None:
    text = (
        "The report documents 186 arrests across Syria in June: most in Homs, Latakia and "
        "Tartus, others in Aleppo and Idlib, and the rest in Deir Ez-Zour and Daraa."
    )
    assert "governorate" not in facts("Monthly report on arrests in Syria", text, "en")


def test_a_place_standing_for_a_clock_or_a_government_is_no_place() -> None:
    text = "الجمعة 5 أيار | 14:30 بتوقيت دمشق | اعتقل مسلحون مجهولون شاباً على الطريق."
    assert "governorate" not in facts("اعتقال شاب", text, "ar")


def test_the_victims_home_town_outweighs_the_prison() -> None:
    text = (
        "Fares Adnan Mansour, a teacher from Salamiyah in Hama, was released from Sednaya "
        "prison in Rif Dimashq after five years. He comes from Hama city."
    )
    assert facts("Detainee released", text, "en")["governorate"] == "Hama"


# ---------------------------------------------------------------- victims


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Police said Karam Issa Nader was arrested at his shop.", "en", ["Karam Issa Nader"]),
        (
            "The council said Fadi Omar Rifai and Walid Omar Rifai, who come from Palmyra, died.",
            "en",
            ["Fadi Omar Rifai", "Walid Omar Rifai"],
        ),
        ("The branch detained Major General Rami Saleh Haidar.", "en", ["Rami Saleh Haidar"]),
        (
            "The names were published as follows:\nHani Sami Youssef – from Jableh\n"
            "Maher Adel Kanaan – from Baniyas",
            "en",
            ["Hani Sami Youssef", "Maher Adel Kanaan"],
        ),
        ("Samir Omar Khalil, avocat, a été arrêté à Damas.", "fr", ["Samir Omar Khalil"]),
        (
            'وكانت دورية قد احتجزت "نادر سامي الحلبي" و"عمر فادي الخطيب" على حاجز.',
            "ar",
            ["نادر سامي الحلبي", "عمر فادي الخطيب"],
        ),
        (
            "واعتقلت الدورية كلا من رامي خالد العلي وسامر نبيل الحسن في بلدة جاسم.",
            "ar",
            ["رامي خالد العلي", "سامر نبيل الحسن"],
        ),
        (
            "واحتجزت الدورية الشقيقين باسل وفراس المصري عند الحاجز.",
            "ar",
            ["باسل المصري", "فراس المصري"],
        ),
        ("اعتقلت قوات الأمن الشاب المدني نزار سمير الأحمد من منزله.", "ar", ["نزار سمير الأحمد"]),
        (
            "وحكمت المحكمة على ثلاثة شبان، هم نزار علي وسامي حسن وعمر خالد، بالسجن.",
            "ar",
            ["نزار علي", "سامي حسن", "عمر خالد"],
        ),
    ],
)
def test_victims_in_lists_quotes_and_after_event_words(
    text: str, lang: str, expected: list[str]
) -> None:
    assert names(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("وتعرض الآلاف من المعتقلين للتعذيب وسوء المعاملة في السجن.", "ar"),
        ("وقال إن ابنها تعانقه وتبكي بمرارة منذ عودته.", "ar"),
        ("Hussein Ali Hamdan – Photo: archive\nSyria – News", "en"),
        ("Lawyer Hassan Omar Zein said the trial would resume.", "en"),
        ("وذكر المحامي والناشط الحقوقي سامر نبيل العلي أن المحكمة أصدرت حكمها.", "ar"),
    ],
)
def test_no_victim_from_plain_prose_or_page_clutter(text: str, lang: str) -> None:
    assert names(text, lang) == []

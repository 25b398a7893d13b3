"""Counts by family of wording: which numbers are tallies of people or cases and which name
something else (a page count, a law, a price, an age, a rank, a page counter). Every sentence
here is written for these tests."""

from __future__ import annotations

import pytest

from classifiers import classify


def counts(text: str, lang: str, title: str = "Report") -> list[int]:
    return classify(title, text, lang).facts.get("counts", [])


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a number hyphenated to a word is an adjective; day-month-year in digits is a date
        ("The group published a 31-page study on prisons in the north.", "en"),
        ("Residents began a 10-day sit-in outside the courthouse.", "en"),
        ("A teacher was detained at a checkpoint near Homs 17-3-2021", "en"),
        # ranges and pairs take the unit of their second number
        ("Guards dug ditches 4-6 metres deep around the camp.", "en"),
        ("وتراوح سعر الكيلو بين 1500 و1800 ل.س في الأسواق.", "ar"),
        ("Le trajet prend 3 ou 4 heures depuis la frontière.", "fr"),
        # the number of a law, a resolution or a decree, and the ones listed with it
        ("The court relied on Law 19 of 2012 to try the activists.", "en"),
        ("The strike breached Security Council resolutions 2165 & 2449 once again.", "en"),
        ("Under amnesty decree no. 7 of 2022, the ministry issued new rules.", "en"),
        # a rank out of a total
        ("وحلت البلاد في المرتبة 171 من أصل 178 على المؤشر.", "ar"),
        ("The country is ranked 163 out of 170 on the index.", "en"),
        # ages
        ("Nour was 16 when a patrol took him from school.", "en"),
        ("Soldiers rounded up men over 18 in the village square.", "en"),
        ("Her sons are still held: the eldest is 29 and the youngest just 19.", "en"),
        ("Those taken included Walid Sarraf, 41, and Hani Jaber, 38.", "en"),
        # footnotes and page counters
        ("The ministry later confirmed the figures.[4] Talks resumed in the spring.", "en"),
        ("Photo gallery\n3 / 5\nThe courthouse in the morning.", "en"),
        # a number cut short in a teaser
        ("Related: the ceasefire signed on June 30, 197", "en"),
        # objects, votes and prices
        ("The paper lists 48 interrogation methods used in the branch.", "en"),
        ("Eleven states voted in favour and 9 abstained.", "en"),
        ("The campaign was backed by 14 organisations from the region.", "en"),
        ("None of the agency's 17 'return criteria' has been met.", "en"),
        ("وبلغ سعر عبوة الزيت 9500 ل.س، وكيس الطحين 2 كغ.", "ar"),
    ],
)
def test_numbers_that_name_something_else_are_no_count(text: str, lang: str) -> None:
    assert counts(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("A 300-strong force raided the camp and arrested 42 men.", "en", [300, 42]),
        ("At least 2,000-plus detainees remain in the prison.", "en", [2000]),
        ("Between 12 and 15 people were detained in the raid.", "en", [12, 15]),
        ("The report documents 64 deaths under torture, 9 of them children.", "en", [64, 9]),
        ("Branch 215 held 37 prisoners that winter.", "en", [37]),
        ("The UN counted 126 arrests in 2023 and 58 in 2024.", "en", [126, 58]),
    ],
)
def test_counts_next_to_such_numbers_are_kept(text: str, lang: str, expected: list[int]) -> None:
    assert counts(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("'I have not seen my four sons since the raid,' their mother said.", "en"),
        ("Karim, a father of three children, was taken from his shop.", "en"),
        ("He is the father of 4 children and worked as a driver.", "en"),
        ("Salma, mère de cinq enfants, a été arrêtée à un barrage.", "fr"),
        ("واعتقلت دورية الشاب وهو أب لثلاثة أطفال.", "ar"),
        ("وهي أم لـ 6 أطفال تعيش في المخيم.", "ar"),
    ],
)
def test_a_family_is_no_tally(text: str, lang: str) -> None:
    assert counts(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("He was held for 3 weeks before anyone told his family.", "en"),
        ("The kidnappers asked for a ransom of 12,000 for his freedom.", "en"),
        ("She was detained at the age of 16 near the border.", "en"),
        ("The men, aged between 19 and 33, were driven away.", "en"),
        ("Troops searched 35 houses and 8 shops in the district.", "en"),
        ("His lawyer can be reached on 0944 512 330 during the day.", "en"),
        ("The hearing was adjourned to session 6 of the trial.", "en"),
        ("He shared cell 14 in the basement for a year.", "en"),
        ("Share 31 | Tweet 9", "en"),
        ("Il a passé 5 semaines à l'isolement.", "fr"),
        ("بقي في الزنزانة 3 أسابيع قبل نقله.", "ar"),
        ("طالب الخاطفون بمبلغ 8 آلاف دولار.", "ar"),
        ("داهمت الدورية 15 منزلا في الحي.", "ar"),
    ],
)
def test_durations_money_ages_objects_and_clutter_are_no_count(text: str, lang: str) -> None:
    assert counts(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("The group documented nine deaths in custody over the summer.", "en", [9]),
        ("Police confirmed six arrests after the protest.", "en", [6]),
        ("The agency said three staff members were taken at a checkpoint.", "en", [3]),
        ("Le réseau a recensé sept arrestations dans la ville.", "fr", [7]),
    ],
)
def test_cases_written_as_words_are_counted(text: str, lang: str, expected: list[int]) -> None:
    assert counts(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Arrests by force: government forces: 88; armed factions: three.", "en", [88, 3]),
        ("وجاءت الفصائل في المرتبة الأخيرة ب37 حالة اعتقال.", "ar", [37]),
        ("وارتفع عدد المفرج عنهم خلال الأسبوع ل45 شخصاً.", "ar", [45]),
    ],
)
def test_tally_entries_and_arabic_prepositions_on_a_number(
    text: str, lang: str, expected: list[int]
) -> None:
    assert counts(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Gunmen seized 11 travellers on the road; six of whom were freed at dawn.", "en", [11, 6]),
        ("Ils étaient douze ; cinq d'entre eux sont morts en détention.", "fr", [5]),
        ("The patrol detained 30 men, five of them teachers.", "en", [30]),
    ],
)
def test_some_of_them_with_what_happened_to_them(
    text: str, lang: str, expected: list[int]
) -> None:
    assert counts(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a place named before a number names it only as the outlet "Suwayda 24"
        ("اعتقلت قوات الأمن في السويداء 12 شابا من حي المشفى.", "ar", [12]),
        ("Security forces detained in Suwayda 12 young men at a checkpoint.", "en", [12]),
        ("قالت شبكة السويداء 24 إن قوات الأمن اعتقلت 5 شبان.", "ar", [5]),
        ("Suwayda 24 said that security forces detained 5 young men.", "en", [5]),
        # "when" after a number makes an age only after "was" / "were"
        ("Security forces arrested 12 when they stormed Tafas at dawn.", "en", [12]),
        ("The brothers were 17 when a patrol took them, and 9 others with them.", "en", [9]),
    ],
)
def test_words_lifted_from_one_item_name_a_number_only_in_their_own_phrase(
    text: str, lang: str, expected: list[int]
) -> None:
    assert counts(text, lang) == expected

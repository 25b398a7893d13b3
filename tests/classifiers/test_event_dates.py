"""Arrest and death dates by family of wording: a date opening the sentence before the event,
a notice of death given to the family, tallies of detentions, decree numbers and decades,
the missing named as people, the onset of a disappearance. Every sentence is written here."""

from __future__ import annotations

from typing import Any

from classifiers import classify
from classifiers.engine import ruleset
from classifiers.facts import find_dates


def facts(title: str, text: str, lang: str, published: str | None = None) -> dict[str, Any]:
    return classify(title, text, lang, published).facts


# ------------------------------------------------------------ a date setting the scene


def test_a_date_opening_the_sentence_before_dates_the_killing_the_next_one_tells() -> None:
    text = (
        "On March 4, 2021, gunmen on motorbikes opened fire on a minibus near the town of "
        "Maarat al-Nouman. The shots killed Fadi Hamdan, a teacher from the town."
    )
    assert facts("A teacher shot on the road", text, "en")["death_date"] == "2021-03-04"


def test_an_arabic_opening_day_and_month_dates_the_arrest_of_the_next_sentence() -> None:
    text = (
        "يوم السابع من آب، حاصرت دوريات عسكرية منزلاً في بلدة نوى بريف درعا. "
        "واعتقلت الدوريات صاحب المنزل وولديه واقتادتهم إلى جهة مجهولة."
    )
    got = facts("مداهمة في نوى", text, "ar", "2025-08-20")
    assert got["arrest_date"] == "2025-08-07"


def test_an_opening_date_is_not_carried_over_a_sentence_telling_its_own_event() -> None:
    text = (
        "On June 2, 2019, the network published its annual report on the north. "
        "Soldiers arrested two brothers at a checkpoint near Idlib."
    )
    assert "arrest_date" not in facts("Two brothers held", text, "en")


def test_an_opening_date_without_a_comma_sets_no_scene() -> None:
    text = (
        "In 2019 the village had some two thousand inhabitants and one school. "
        "Soldiers arrested two brothers at a checkpoint near the school."
    )
    assert "arrest_date" not in facts("Two brothers held", text, "en")


def test_a_stated_date_of_the_event_wins_over_an_opening_date() -> None:
    text = (
        "On May 9, 2020, a patrol ringed the market of Deir Ez-Zour city. "
        "Its members detained Omar Sayed, a trader. "
        "His brother Bilal Sayed had been detained on 3 February 2018 at the same market."
    )
    assert facts("A trader held", text, "en")["arrest_date"] == "2018-02-03"


# ------------------------------------------------------------ the notice of a death


def test_a_notice_of_death_given_to_the_family_dates_the_death_by_its_month() -> None:
    text = (
        "Yasser Hamoud was detained by military intelligence in Homs in January 2022. "
        "On March 14, 2022, an officer informed his family that he had died in custody."
    )
    got = facts("Detainee dies in custody", text, "en", "2022-03-20")
    assert (got["arrest_date"], got["death_date"]) == ("2022-01", "2022-03")


def test_a_death_the_family_found_out_about_is_not_dated_by_the_finding() -> None:
    text = (
        "Yasser Hamoud was detained by military intelligence in Homs in January 2014. "
        "On March 14, 2022, his family found out from a released prisoner that he had died."
    )
    got = facts("Detainee dies in custody", text, "en", "2022-03-20")
    assert got["arrest_date"] == "2014-01"
    assert "death_date" not in got


def test_a_notice_of_something_else_dates_no_death() -> None:
    text = (
        "On March 14, 2022, the prison told the family that visits were suspended, weeks "
        "before reports of deaths in its cells."
    )
    assert "death_date" not in facts("Prison visits suspended", text, "en", "2022-03-20")


# ------------------------------------------------------------ tallies, decrees, decades


def test_a_tally_of_detentions_is_dated_by_its_period() -> None:
    text = "The network recorded at least 312 arbitrary detentions in March 2023 across Syria."
    got = facts("Monthly detentions", text, "en", "2023-04-02")
    assert got["arrest_date"] == "2023-03"


def test_the_number_of_a_decree_is_no_day() -> None:
    months = ruleset().months
    assert [d for _, d in find_dates("under decree no. 7 of april 2022 the courts", months)] == [
        "2022-04"
    ]
    assert find_dates("detained on 7 april 2022 in hama", months) == [(12, "2022-04-07")]


def test_a_decade_is_no_year() -> None:
    text = (
        "Thousands disappeared in the region in the early 1980s, the report adds, before "
        "the law changed."
    )
    assert "arrest_date" not in facts("Disappearances", text, "en")


# ------------------------------------------------------------ people, not events


def test_the_disappeared_named_as_people_is_no_arrest() -> None:
    text = (
        "In 2019 volunteers painted a mural for the disappeared on the wall of the school. "
        "Dans la vieille ville, une stèle rend hommage aux disparus, en 2020."
    )
    assert "arrest_date" not in facts("A mural", text.split(" Dans")[0], "en")
    assert "arrest_date" not in facts("Une stèle", "Dans" + text.split(" Dans")[1], "fr")


def test_losing_touch_with_someone_dates_the_disappearance() -> None:
    text = (
        "His family lost touch with Karim Salloum on 12 May 2019, after he left for work "
        "in Jableh; a caller later asked for a ransom."
    )
    assert facts("Kidnapped for ransom", text, "en")["arrest_date"] == "2019-05-12"


def test_an_arabic_death_told_as_meeting_ones_end_is_dated() -> None:
    text = "لقي شابان حتفهما في 3 آذار 2022 إثر انفجار لغم في أرض زراعية قرب سراقب."
    assert facts("انفجار لغم", text, "ar")["death_date"] == "2022-03-03"


# ------------------------------------------------------------ speech tags, anniversaries


def test_a_sources_words_set_off_by_commas_do_not_take_the_date() -> None:
    text = (
        "Relatives lost contact with Nour Khalil on 3 April 2016, his cousin said, when he "
        "went to renew his papers in Tartous."
    )
    assert facts("A young man missing", text, "en")["arrest_date"] == "2016-04-03"


def test_a_month_told_before_a_reports_words_dates_the_detention_campaign() -> None:
    text = (
        "In March, the monitors say, detention campaigns spread to the suburbs of Hama, "
        "where young men were taken from their homes."
    )
    got = facts("Monthly report on detentions", text, "en", "2019-04-03")
    assert got["arrest_date"] == "2019-03"


def test_a_speech_tag_that_is_not_set_off_still_dates_the_news() -> None:
    text = "On 5 June 2020 the governor said that troops had arrested two smugglers."
    assert "arrest_date" not in facts("Smugglers held", text, "en")


def test_an_anniversary_dates_the_event_so_many_years_before() -> None:
    text = (
        "Today, 14 October 2022, it is six years since the lawyer Hani Darwish was abducted "
        "by masked men in Douma."
    )
    got = facts("Six years without news", text, "en", "2022-10-14")
    assert got["arrest_date"] == "2016-10-14"


# ------------------------------------------------------------ spans of days, abbreviations


def test_killings_over_a_span_of_days_are_dated_by_their_month() -> None:
    text = "At least nine civilians were killed in Jableh between March 6 and 10, 2025, by gunmen."
    assert facts("Killings in Jableh", text, "en")["death_date"] == "2025-03"
    french = "Au moins neuf civils ont été tués à Jableh du 6 au 10 mars 2025 par des hommes armés."
    assert facts("Tueries à Jableh", french, "fr")["death_date"] == "2025-03"


def test_a_list_of_days_is_still_dated_by_its_first_day() -> None:
    text = "Security forces arrested the three brothers on 8 and 9 May 2021 in Qamishli."
    assert facts("Three brothers held", text, "en")["arrest_date"] == "2021-05-08"


def test_an_abbreviated_month_with_a_point_is_read() -> None:
    months = ruleset().months
    assert [d for _, d in find_dates("he was detained on sept. 3, 2013 in hama", months)] == [
        "2013-09-03"
    ]


# ------------------------------------------------------------ dates of other things


def test_a_date_between_an_announcement_and_its_that_clause_dates_the_announcement() -> None:
    text = "The police announced on Tuesday that they had arrested three men in Latakia."
    assert "arrest_date" not in facts("Three held in Latakia", text, "en", "2025-06-12")
    arabic = "أعلنت وزارة الداخلية يوم الثلاثاء أنها اعتقلت ثلاثة رجال في اللاذقية."
    assert "arrest_date" not in facts("اعتقال ثلاثة", arabic, "ar", "2025-06-12")


def test_a_date_after_after_dates_the_reference_not_the_event() -> None:
    text = "Most of them were arrested after the truce agreed with the army in June 2019."
    assert "arrest_date" not in facts("Arrests after the truce", text, "en")
    told = "Soldiers arrested two farmers on 4 June 2019 after a raid on their village."
    assert facts("Farmers held", told, "en")["arrest_date"] == "2019-06-04"


def test_several_years_give_no_single_date() -> None:
    text = "The court found that he killed three detainees in 2012 and 2013 in a branch in Homs."
    assert "death_date" not in facts("Verdict", text, "en")
    one = "The court found that he killed three detainees in 2012 in a branch in Homs."
    assert facts("Verdict", one, "en")["death_date"] == "2012"


def test_a_date_in_an_aside_in_brackets_dates_nothing() -> None:
    text = (
        "(A neighbour of theirs had been arrested on 2 March 2012 and never came back.)\n"
        "On April 18, 2012, a dozen agents of the security services came to the house of "
        "Samir Aboud in Hama looking for his son.\n"
        "The agents took Samir Aboud into custody and searched the rooms."
    )
    assert facts("A father held", text, "en", "2012-06-01")["arrest_date"] == "2012-04-18"
    aside_only = text.split("\n")[0]
    assert "arrest_date" not in facts("A neighbour held", aside_only, "en")
    inside = (
        "The square bears the name of Omar Fares (a poet who died in 1998 in exile), and "
        "a crowd gathered there."
    )
    assert "death_date" not in facts("A square renamed", inside, "en")


# ------------------------------------------------------------ captions, breakdowns by year


def test_a_photo_captions_date_is_the_pictures() -> None:
    text = (
        "Khaled Yousef (R) stands by the grave of his cousin, who was killed in custody, "
        "in a cemetery near Idlib on June 2, 2023."
    )
    assert "death_date" not in facts("A grave near Idlib", text, "en")
    plain = "His cousin was killed in custody in a prison near Idlib on June 2, 2023."
    assert facts("A death in custody", plain, "en")["death_date"] == "2023-06-02"


def test_a_tally_broken_down_by_year_dates_no_death() -> None:
    text = (
        "The group counted four deaths under torture in 2013, nine in 2014 and three in "
        "2015 among the journalists it follows."
    )
    assert "death_date" not in facts("Journalists' deaths", text, "en")
    arabic = "وثق المركز مقتل صحفيين اثنين تحت التعذيب عام 2013، و5 عام 2014، و3 عام 2015."
    assert "death_date" not in facts("مقتل صحفيين", arabic, "ar")


def test_an_arrest_named_as_a_reference_is_dated_by_the_date_right_after_it() -> None:
    text = (
        "Rami Nasser died in Sednaya prison, where he was taken after his arrest on "
        "3 March 2014 at a checkpoint in Homs."
    )
    assert facts("A death in Sednaya", text, "en")["arrest_date"] == "2014-03-03"
    arabic = "توفي رامي ناصر تحت التعذيب بعد اعتقاله في 3 آذار 2014 على حاجز في حمص."
    got = facts("وفاة معتقل", arabic, "ar")
    assert got["arrest_date"] == "2014-03-03"
    assert "death_date" not in got
    before = "Rami Nasser died on 12 June 2019 after his arrest at a checkpoint."
    got = facts("A death in custody", before, "en")
    assert got["death_date"] == "2019-06-12"
    assert "arrest_date" not in got


# ------------------------------------------------------------ the same families in French


def test_french_notice_of_death_span_of_days_and_scene_opener() -> None:
    notice = "Le 5 mai 2020, un officier a informé la famille qu'il était décédé en détention."
    assert facts("Décès en détention", notice, "fr", "2020-05-20")["death_date"] == "2020-05"
    span = "Au moins 30 civils ont été tués entre le 3 et le 9 mai 2019 à Idleb."
    assert facts("Tueries à Idleb", span, "fr")["death_date"] == "2019-05"
    listed = "Des soldats ont arrêté les trois frères le 8 et le 9 mai 2019 à Idleb."
    assert facts("Trois frères arrêtés", listed, "fr")["arrest_date"] == "2019-05-08"
    opener = (
        "Le 5 mai 2019, des soldats ont encerclé le village de Nawa. "
        "Ils ont arrêté trois hommes et les ont emmenés."
    )
    assert facts("Nawa", opener, "fr")["arrest_date"] == "2019-05-05"


def test_missing_since_an_arrest_on_a_date_dates_the_arrest_but_a_period_does_not() -> None:
    cases = [
        ("en", "Samir Aboud has been missing since his arrest on 5 May 2013 in Homs."),
        ("en", "Samir Aboud has been missing since he was arrested on 5 May 2013 in Homs."),
        ("ar", "ما يزال سمير عبود مختفياً منذ اعتقاله في 5 أيار 2013 على حاجز في حمص."),
        ("fr", "Samir Aboud est porté disparu depuis son arrestation le 5 mai 2013 à Homs."),
    ]
    for lang, text in cases:
        assert facts("Disparu", text, lang)["arrest_date"] == "2013-05-05", text
    tally = "More than 3,000 people have been arrested since March 2011 in Homs."
    assert "arrest_date" not in facts("Arrests in Homs", tally, "en")


def test_months_without_a_year_are_found_near_each_month_named() -> None:
    from datetime import date

    from classifiers import event_dates as E
    from classifiers.normalise import fold

    months = ruleset().months
    sentence = (
        "he was held in early march in a branch of the air force intelligence, moved from "
        "one cell to another for weeks and weeks without a lawyer or a visit, and freed late "
        "in june, then taken again this past august"
    )
    named = sorted(sentence.find(m) for m in ("march", "june", "august"))
    found = E._past_months(sentence, date(2024, 9, 1), months, named)
    assert [value for _, value in found] == ["2024-03", "2024-06", "2024-08"]
    arabic = fold("اعتقل في شهري شباط وآذار الماضيين")
    named = sorted(arabic.find(m) for m in ("شباط", "اذار"))
    assert [v for _, v in E._past_months(arabic, date(2024, 9, 1), months, named)] == ["2024"]


# ------------------------------------------------------------ guarded patterns' own words


def test_an_agency_credit_spelled_afp_makes_a_caption() -> None:
    text = "Omar Khaled was arrested at a checkpoint in Homs on 9 May 2019 (AFP photo)."
    assert "arrest_date" not in facts("A checkpoint in Homs", text, "en")
    plain = "Omar Khaled was arrested at a checkpoint in Homs on 9 May 2019, his family said."
    assert facts("A checkpoint in Homs", plain, "en")["arrest_date"] == "2019-05-09"


def test_depuis_between_the_event_and_a_later_date_makes_it_the_references_date() -> None:
    text = (
        "Omar Khaled a été arrêté à un barrage à Homs, depuis la signature de l'accord de "
        "réconciliation conclu avec l'armée le 3 mai 2019."
    )
    assert "arrest_date" not in facts("Un barrage à Homs", text, "fr")
    told = "Omar Khaled a été arrêté à un barrage à Homs le 3 mai 2019."
    assert facts("Un barrage à Homs", told, "fr")["arrest_date"] == "2019-05-03"


# ------------------------------------------------------------ asides, captions, anniversaries


def test_an_agency_name_in_brackets_opening_the_sentence_is_no_aside() -> None:
    text = "(Reuters) Security forces arrested Omar Khaled at a checkpoint in Homs on 9 May 2019."
    assert facts("A checkpoint in Homs", text, "en")["arrest_date"] == "2019-05-09"
    aside = "(Security forces arrested his neighbour at a checkpoint in Homs on 9 May 2019.)"
    assert "arrest_date" not in facts("A checkpoint in Homs", aside, "en")


def test_left_and_right_after_the_event_word_make_no_caption() -> None:
    text = (
        "Security forces arrested activists Omar Khaled (left) and Ali Hassan (right) at a "
        "checkpoint in Homs on 9 May 2019."
    )
    assert facts("Two activists held", text, "en")["arrest_date"] == "2019-05-09"
    caption = "Ali Hassan (left) beside the tent where his brother was arrested on 9 May 2019."
    assert "arrest_date" not in facts("Two activists held", caption, "en")


def test_a_victims_own_story_in_brackets_dates_his_arrest() -> None:
    arabic = (
        "توفي الشاب سامر يوسف (من مواليد حماة، اعتقل في 3 أيار 2013) تحت التعذيب في سجن "
        "صيدنايا."
    )
    assert facts("وفاة معتقل", arabic, "ar")["arrest_date"] == "2013-05-03"
    french = "Samir Youssef (34 ans, arrêté le 3 mai 2013 à Hama) est mort sous la torture."
    assert facts("Mort sous la torture", french, "fr")["arrest_date"] == "2013-05-03"
    other = (
        "Security forces arrested Samir Youssef (whose brother died in custody in 2012) at a "
        "checkpoint in Hama."
    )
    assert "death_date" not in facts("A checkpoint in Hama", other, "en")


def test_years_after_another_event_make_no_anniversary() -> None:
    text = (
        "On 9 May 2019, five years after the regime retook the town, security forces "
        "arrested Omar Khaled at a checkpoint in Homs."
    )
    assert facts("A checkpoint in Homs", text, "en")["arrest_date"] == "2019-05-09"
    kept = "Today, 9 May 2019, marks five years since security forces arrested Omar Khaled."
    assert facts("Five years", kept, "en", "2019-05-09")["arrest_date"] == "2014-05-09"


def test_an_anniversary_of_a_29_february_in_a_common_year_gives_its_month() -> None:
    text = (
        "Today, 29 February 2024, it is one year since security forces arrested Omar Khaled "
        "at a checkpoint in Homs."
    )
    assert facts("One year", text, "en", "2024-02-29")["arrest_date"] == "2023-02"


def test_a_french_anniversary_with_qu_apostrophe_dates_the_event_years_before() -> None:
    text = "Aujourd'hui, 3 mai 2020, cela fait six ans qu'Omar Khaled a été enlevé à Douma."
    assert facts("Six ans", text, "fr", "2020-05-03")["arrest_date"] == "2014-05-03"
    after = "Le 3 mai 2020, six ans après la chute de la ville, Omar Khaled a été enlevé à Douma."
    assert facts("Six ans", after, "fr", "2020-05-03")["arrest_date"] == "2020-05-03"

"""Families of wrong facts seen when the classifier read whole published reports (the seed
documents), each tested on sentences of the project's own: list numbers are no tallies, the
day a family heard of a death is not the day of the death, a UN body's name tells no
detention, and the year a law was passed dates no arrest."""

from __future__ import annotations

from classifiers import classify


def _facts(text: str, lang: str = "en", title: str = "Statement on the detainees") -> dict:
    return dict(classify(title, text, lang).facts)


def test_numbers_of_a_list_are_no_tallies() -> None:
    text = ("The network has documented at least 1,240 deaths under torture since 2011.\n\n"
            "The statement was signed by:\n\n"
            "1- Omar Haddad, a lawyer\n\n2- Rima Saadeh, a journalist\n\n"
            "3- The Coalition of Families\n\n4- Nabil Fares, a teacher\n\n"
            "12) Hala Mourad, a doctor\n\n13. Karim Aswad, an engineer")
    assert _facts(text).get("counts") == [1240]


def test_tally_lines_and_lone_numbers_stay_counts() -> None:
    lines = ("Arrests in March 2023:\n\n245 - arbitrary arrests, including 12 children\n\n"
             "37 - deaths under torture")
    assert _facts(lines).get("counts") == [245, 12, 37]
    grouped = "1,240 - deaths under torture since 2011\n\n3,100 - enforced disappearances"
    assert _facts(grouped).get("counts") == [1240, 3100]
    arabic = "245 - حالة اعتقال تعسفي\n\n37 - حالة وفاة تحت التعذيب"
    assert _facts(arabic, "ar", "حصيلة آذار").get("counts") == [245, 37]
    lone = "45 civilians were arrested. 12. That is the number of children among them."
    assert _facts(lone).get("counts") == [45, 12]


def test_a_range_at_the_start_of_a_sentence_is_still_counted() -> None:
    text = ("Security forces raided the village of Tell Shihab at dawn.\n\n"
            "15-20 young men were taken to an unknown place, according to local sources.")
    assert 15 in _facts(text).get("counts", [])


def test_arabic_list_numbers_are_no_tallies() -> None:
    text = ("وثّقت الشبكة مقتل 312 شخصاً تحت التعذيب خلال العام الماضي.\n\n"
            "ووقّع على البيان كل من:\n\n1- سامر الحلبي، محامٍ\n\n2- ريم العلي، صحفية\n\n"
            "3- رابطة عائلات المعتقلين")
    assert _facts(text, "ar", "بيان حول المعتقلين").get("counts") == [312]


def test_hearing_of_a_death_does_not_date_it() -> None:
    heard = ("In March 2023, the family of engineer Fadi Sarraf began receiving information of "
             "his death in a regime prison. He had been arrested at a checkpoint in Homs on "
             "June 4, 2014.")
    facts = _facts(heard, title="Engineer dies in custody")
    assert "death_date" not in facts
    assert facts.get("arrest_date") == "2014-06-04"
    told = ("Fadi Sarraf died under torture in a regime prison in March 2023, his family said. "
            "He had been arrested at a checkpoint in Homs on June 4, 2014.")
    assert _facts(told, title="Engineer dies in custody").get("death_date") == "2023-03"


def test_hearing_of_a_death_in_french_and_arabic_does_not_date_it() -> None:
    french = ("En mars 2023, la famille a commencé à recevoir des informations sur sa mort "
              "dans une prison du régime.")
    assert "death_date" not in _facts(french, "fr", "Mort en détention")
    arabic = "في آذار 2023 بدأت العائلة تتلقى معلومات عن وفاته في أحد سجون النظام."
    assert "death_date" not in _facts(arabic, "ar", "وفاة في المعتقل")


def test_information_before_a_date_does_not_take_the_arrest_s_date() -> None:
    for opening in ("According to our information,", "Based on information from an informant,",
                    "Without any prior notification,", "While receiving treatment,",
                    "Upon learning of his whereabouts,"):
        text = (f"{opening} on 12 March 2023 regime forces arrested Ahmad Khalil at a "
                "checkpoint in Homs.")
        assert _facts(text, title="Arrest in Homs").get("arrest_date") == "2023-03-12", opening


def test_a_un_working_group_named_is_no_detention() -> None:
    text = ("On May 3, 2016, the organisation sent a communication to the UN Working Group on "
            "Arbitrary Detention about the student Lina Khatib. Her family has heard nothing of "
            "her since; she was arrested in Hama in October 2013.")
    assert _facts(text, title="Student still missing").get("arrest_date") == "2013-10"
    french = ("Le 3 mai 2016, l'organisation a écrit au Groupe de travail sur la détention "
              "arbitraire au sujet de l'étudiante Lina Khatib, arrêtée à Hama en octobre 2013.")
    assert _facts(french, "fr", "Une étudiante toujours disparue").get("arrest_date") == "2013-10"
    arabic = ("في 3 أيار 2016 أرسلت المنظمة بلاغاً إلى الفريق العامل المعني بالاحتجاز التعسفي "
              "بشأن الطالبة لينا الخطيب.")
    assert "arrest_date" not in _facts(arabic, "ar", "طالبة ما تزال مختفية")


def test_the_year_a_law_was_passed_dates_no_arrest() -> None:
    text = ("The sanctions law, which was ratified in 2019 and came into force in 2020, has not "
            "ended the arbitrary arrests of civilians across the country, the statement said.")
    assert "arrest_date" not in _facts(text, title="Arrests go on")
    arabic = "صدر القانون عام 2019 ولم يوقف الاعتقالات التعسفية في المحافظة."
    assert "arrest_date" not in _facts(arabic, "ar", "الاعتقالات مستمرة")

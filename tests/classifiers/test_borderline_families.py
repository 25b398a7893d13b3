"""Borderline rule families of the labelling rules, on sentences written for these tests.

Fear/future/risk, demands and conditions, witnesses, class statements and named international
days must not label; the same events stated as facts must. The deciding sentence sits in the
body (after title and lead) unless the case is about the title.
"""

from __future__ import annotations

import pytest
from support.articles import FILLER, body_labels, lead_labels

from classifiers import classify


@pytest.mark.parametrize(
    ("lang", "sentence", "label"),
    [
        # fear / future / risk of a disappearance
        ("en", "The group fears that the two teachers will become forcibly disappeared.",
         "enforced_disappearance"),
        ("en", "Lawyers warn the students are at risk of being forcibly disappeared.",
         "enforced_disappearance"),
        ("fr", "L'ONG craint qu'il ne devienne disparu de force dans les geôles du régime.",
         "enforced_disappearance"),
        ("ar", "وتخشى المنظمة أن يتعرض للإخفاء القسري في أحد الفروع الأمنية.",
         "enforced_disappearance"),
        # generic statements about whole classes, combined arrest-or-disappearance tallies
        ("en", "The decree left out the vast majority of those forcibly disappeared.",
         "enforced_disappearance"),
        ("fr", "Des milliers de familles restent sans nouvelles de leurs proches.",
         "enforced_disappearance"),
        ("ar", "ولم يشمل القرار الغالبية العظمى من المختفين قسريا في السجون.",
         "enforced_disappearance"),
    ],
)
def test_borderline_sentence_does_not_label(lang: str, sentence: str, label: str) -> None:
    assert label not in body_labels(sentence, lang)


@pytest.mark.parametrize(
    ("lang", "sentence", "label"),
    [
        # a demand or condition for a release
        ("en", "The captors asked the family for 20,000 dollars in exchange for his release.",
         "release"),
        ("fr", "Les ravisseurs exigent une rançon en échange de sa libération.", "release"),
        ("ar", "وطلب الخاطفون من أهله مبلغا كبيرا مقابل إطلاق سراحه.", "release"),
        # a released witness, or a list searched
        ("en", "A cellmate who was freed last year reported seeing her in the branch.",
         "release"),
        ("en", "His brother searched the lists of released prisoners in vain.", "release"),
        ("fr", "Un codétenu libéré en 2020 affirme l'avoir vu dans la section 235.", "release"),
        ("ar", "وعلمت العائلة بذلك عن طريق معتقل سابق أفرج عنه قبل شهرين.", "release"),
    ],
)
def test_release_demand_or_witness_in_the_lead_does_not_label(
    lang: str, sentence: str, label: str
) -> None:
    assert label not in lead_labels(sentence, lang)


@pytest.mark.parametrize(
    ("lang", "sentence", "label"),
    [
        ("en", "Since his arrest the engineer has been forcibly disappeared, his fate unknown.",
         "enforced_disappearance"),
        ("fr", "Depuis, les autorités nient le détenir et sa famille est sans nouvelles.",
         "enforced_disappearance"),
        ("fr", "Sa mère n'a reçu aucune information sur son lieu de détention.",
         "enforced_disappearance"),
        ("ar", "ومنذ ذلك الحين أنكرت السلطات احتجازه وبقي مصيره مجهولا.",
         "enforced_disappearance"),
        ("en", "The young man was released on Sunday after the family paid the gunmen.",
         "release"),
        ("fr", "Le militant a été libéré dimanche après trois semaines de captivité.", "release"),
        ("ar", "وأفرج عنه مساء أمس بعد ثلاثة أسابيع من احتجازه.", "release"),
    ],
)
def test_the_event_stated_as_fact_still_labels(lang: str, sentence: str, label: str) -> None:
    assert label in body_labels(sentence, lang)


@pytest.mark.parametrize(
    ("lang", "title", "lead"),
    [
        ("en", "On the International Day in Support of Victims of Torture, a call for reform",
         "On the International Day in Support of Victims of Torture, the group asks for laws "
         "that punish torture."),
        ("fr", "Journée internationale pour le soutien aux victimes de la torture : un appel",
         "À l'occasion de la Journée internationale pour le soutien aux victimes de la torture, "
         "l'ONG demande une réforme du code pénal."),
        ("ar", "في اليوم الدولي لمساندة ضحايا التعذيب: دعوة إلى إصلاح القوانين",
         "بمناسبة اليوم الدولي لمساندة ضحايا التعذيب، تدعو المنظمة إلى تجريم التعذيب."),
    ],
)
def test_named_international_day_is_not_a_torture_death(lang: str, title: str, lead: str) -> None:
    assert classify(title, f"{lead} {FILLER[lang]}", lang).labels == ()


@pytest.mark.parametrize(
    ("lang", "title", "body"),
    [
        ("en", "On the International Day in Support of Victims of Torture, a new count",
         "Three detainees died under torture in a military prison in May. Their families "
         "were told of their deaths by the military police."),
        ("fr", "Journée internationale pour le soutien aux victimes de la torture",
         "Trois détenus sont morts sous la torture en mai dans une prison militaire. Leurs "
         "familles ont été informées de leur décès en détention."),
        ("ar", "في اليوم الدولي لمساندة ضحايا التعذيب",
         "توفي ثلاثة معتقلين تحت التعذيب في سجن عسكري خلال أيار. وأبلغت عائلاتهم بوفاتهم."),
    ],
)
def test_deaths_told_beside_a_named_day_still_label(lang: str, title: str, body: str) -> None:
    assert "torture_death" in classify(title, body, lang).labels


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "According to SNHR's database, 120,000 people remain detained or missing."),
        ("fr", "Selon la base de données du réseau, 120 000 personnes restent disparues."),
        ("ar", "وتشير قاعدة بيانات الشبكة إلى أن 120 ألف شخص ما زالوا مختفين قسريا."),
    ],
)
def test_closing_database_tally_does_not_label(lang: str, sentence: str) -> None:
    assert "enforced_disappearance" not in body_labels(sentence, lang)

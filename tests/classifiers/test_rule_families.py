"""The rule families added for French, Arabic and English, on sentences written for these tests.

Each positive case puts the deciding sentence in the body (after the title and the two lead
sentences), where it weighs least, so the rule itself must carry the label.
"""

from __future__ import annotations

import pytest
from support.articles import body_labels

from classifiers import classify


@pytest.mark.parametrize(
    ("lang", "sentence", "label"),
    [
        # French: deaths stated as such, arrests with date / force / reason, releases, disappearance
        ("fr", "Le jeune Karim est mort sous la torture dans un centre de détention.",
         "torture_death"),
        ("fr", "Un enseignant de Homs est décédé en détention au mois de mai.", "torture_death"),
        ("fr", "Le procès porte sur 31 meurtres commis dans la branche 215.", "torture_death"),
        ("fr", "Elle a été arrêtée le 12 mars 2013 à un barrage de la ville.", "arbitrary_arrest"),
        ("fr", "Ils auraient été arrêtés pour leur participation aux manifestations.",
         "arbitrary_arrest"),
        ("fr", "Le militant Sami a été remis en liberté après deux mois.", "release"),
        ("fr", "Son frère a été disparu de force et son sort reste inconnu.",
         "enforced_disappearance"),
        # Arabic: re-arrest, arrest by a named force, releases, deaths in prison, denial
        ("ar", "وأعادت قوات الأمن اعتقال الشاب بعد يومين من خروجه.", "arbitrary_arrest"),
        ("ar", "وقد اعتقل المهندس على يد عناصر من المخابرات الجوية.", "arbitrary_arrest"),
        ("ar", "وأفرج عنه بعد ثلاثة أشهر قضاها في الحبس.", "release"),
        ("ar", "وخرج من السجن صباح اليوم بعد انتهاء محكوميته.", "release"),
        ("ar", "وقد توفي في السجن بعد أشهر من احتجازه دون محاكمة.", "torture_death"),
        ("ar", "وتنكر السلطات احتجازه منذ ذلك اليوم.", "enforced_disappearance"),
        # English: passive releases, arrests told with date and reason, deaths stated as such
        ("en", "The day after he was let go, his family left the city.", "release"),
        ("en", "She was arrested in May 2014 for taking part in a sit-in.", "arbitrary_arrest"),
        ("en", "Her cousin was seized by gunmen on the road to the airport.", "arbitrary_arrest"),
        ("en", "Two men died under torture in a military prison last month.", "torture_death"),
    ],
)
def test_one_clear_body_sentence_labels(lang: str, sentence: str, label: str) -> None:
    assert label in body_labels(sentence, lang)


@pytest.mark.parametrize(
    ("lang", "sentence", "label"),
    [
        # fear, calls, denials, vague or tally-sized arrests, uncertainty
        ("fr", "Il vivait caché, craignant d'être enlevé par des agents du régime.",
         "arbitrary_arrest"),
        ("fr", "L'ONG demande la libération immédiate de tous les détenus.", "release"),
        ("ar", "ولا يعرف شيء عن عشرات الآلاف ممن اعتقلوا منذ سنوات على يد قوات النظام.",
         "arbitrary_arrest"),
        ("ar", "وكانت الفصائل قد اعتقلتهم في فترات سابقة بتهم مختلفة.", "arbitrary_arrest"),
        ("ar", "وطالبت المنظمة بالإفراج عن جميع المعتقلين في السجون.", "release"),
        ("en", "Victims of this practice are often never freed from the prisons.", "release"),
        ("en", "Nobody knows whether her son is alive or was killed under torture.",
         "torture_death"),
        ("en", "The ministry has denied making any arrests in the town.", "arbitrary_arrest"),
        ("en", "The resolution stipulates freeing those arrested by any party.",
         "arbitrary_arrest"),
    ],
)
def test_generic_or_negated_sentence_does_not_label(lang: str, sentence: str, label: str) -> None:
    assert label not in body_labels(sentence, lang)


def test_families_waiting_for_loved_ones_is_disappearance() -> None:
    text = (
        "Families gathered at the bridge in the hope that their loved ones would come back. "
        "Buses arrived through the evening. One mother said she had been waiting for her "
        "three sons since 2013."
    )
    result = classify("Crowds wait at the bridge", text, "en")
    assert "enforced_disappearance" in result.labels


def test_large_tally_counts_less_unless_a_report_states_it() -> None:
    passing = (
        "Rain fell over the coast on Tuesday. Farmers welcomed it. Officials reviewed the "
        "harvest plan. Elsewhere, more than 12,500 people died under torture, a group says."
    )
    assert "torture_death" not in classify("Rain on the coast", passing, "en").labels
    report = (
        "A coalition of groups launched a campaign on Monday. It held events in three towns. "
        "Volunteers handed out leaflets. In its annual report, the network documented that "
        "12,500 people died under torture. The report says 2,100 of them were in one prison."
    )
    assert "torture_death" in classify("A new campaign", report, "en").labels


def test_tally_of_released_prisoners_early_in_the_article_counts() -> None:
    text = (
        "Les insurgés sont entrés dans la ville dimanche. Ils ont ouvert la prison centrale et "
        "libéré ses détenus. Selon une association, plus de 3 500 prisonniers ont été libérés. "
        "Des familles attendaient devant les portes."
    )
    assert "release" in classify("La prison centrale ouverte", text, "fr").labels


def test_arrest_date_is_the_one_next_to_the_arrest() -> None:
    text = (
        "The group wrote to the UN on 4 March 2016 about the case. The engineer was arrested "
        "by Military Intelligence on 9 October 2012 at a checkpoint in Homs. His family has "
        "heard nothing since and his whereabouts are unknown."
    )
    result = classify("Engineer missing since his arrest", text, "en")
    assert "arbitrary_arrest" in result.labels
    assert result.facts["arrest_date"] == "2012-10-09"


def test_french_title_abbreviation_does_not_split_a_sentence() -> None:
    text = (
        "L'organisation annonce que M. Farid Nassar a été libéré le 2 avril 2012. "
        "Il avait été arrêté le 3 février 2012 par les services de renseignement."
    )
    result = classify("Libération de M. Nassar", text, "fr")
    assert "release" in result.labels
    assert any("M. Farid Nassar" in s for s in result.evidence["release"])


@pytest.mark.parametrize(("lang", "text", "counts"), [
    ("ar", "اعتقلت قوات النظام 12 شاباً فجر 25 آب/أغسطس 2011 في بلدة نوى بريف درعا.", [12]),
    ("ar", "أفرجت السلطات عن 40 معتقلاً في 27 تشرين الثاني الماضي.", [40]),
    ("ar", "قتل 12 مدنياً تحت التعذيب بينهم 3 أطفال و4 نساء و15 شاباً.", [12, 3, 4, 15]),
    ("en", "Gunmen seized seven people at a checkpoint, among them three women, after two "
           "days of raids in which 12 men were taken.", [7, 3, 12]),
    ("fr", "Trois enfants et deux femmes ont été arrêtés ; neuf mois plus tard, onze civils "
           "restaient détenus.", [3, 2, 11]),
    ("ar", "اعتقلت القوات عشرة مدنيين بينهم ستة أطفال، وما زال ثلاثة آلاف معتقل في السجن منذ "
           "سبع سنوات.", [10, 6, 3000]),
    ("ar", "قضى قرابة اثني عشر ألف سجين تحت التعذيب.", [12000]),
    ("fr", "Les familles de 18 détenus ont appris leur sort le 6 septembre.", [18]),
    ("en", "Lina Haddad, 47, a teacher from Homs, was one of 15 detainees released on Monday.",
     [15]),
    ("en", "A gas cylinder now costs 6,100 SYP, and 40 families still wait for news of sons "
           "arrested at checkpoints.", [40]),
])
def test_counts_are_people_in_digits_or_words_not_days_ages_or_prices(
        lang: str, text: str, counts: list[int]) -> None:
    assert classify("Report", text, lang).facts.get("counts") == counts

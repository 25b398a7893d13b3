"""Behaviour of classify() on sentences written for these tests."""

from __future__ import annotations

import pytest

from classifiers import classify


def labels(title: str, text: str, lang: str | None = None, published: str | None = None) -> set:
    return set(classify(title, text, lang, published).labels)


def test_specific_torture_death_fires_with_evidence_and_facts() -> None:
    result = classify(
        "Teacher from Homs dies under torture in a regime prison",
        "A teacher named as Khalil Saeed Nouri died under torture in Sednaya prison on "
        "March 3, 2021. He had been arrested by regime forces at a checkpoint in Homs in 2019.",
        "en",
    )
    assert "torture_death" in result.labels
    assert result.evidence["torture_death"][0].startswith("Teacher from Homs")
    assert result.facts["victims"] == ["Khalil Saeed Nouri"]
    assert result.facts["perpetrator"] == "syrian_regime"
    assert result.facts["death_date"] == "2021-03-03"


def test_generic_normative_mention_does_not_fire() -> None:
    text = (
        "The ministry discussed the budget for schools. International law prohibits torture "
        "in all circumstances. The Convention against Torture was ratified by many states."
    )
    assert "torture_death" not in labels("Budget talks", text, "en")


def test_denial_of_death_does_not_count() -> None:
    text = "The authorities denied that any detainee died under torture in their prisons."
    assert "torture_death" not in labels("Officials speak", text, "en")


def test_hedged_report_counts_as_probable() -> None:
    result = classify(
        "Detainee dies in custody",
        "Relatives said he probably died due to torture in detention.",
        "en",
    )
    assert "torture_death" in result.labels
    assert result.probable == ("torture_death",)
    firm = classify(
        "Detainee dies in custody",
        "His family was informed of his death in the prison. He probably died due to torture.",
        "en",
    )
    assert "torture_death" in firm.labels
    assert firm.probable == ()  # the death in custody itself is stated plainly
    assert "probable" not in result.facts
    assert result.to_dict()["probable"] == ["torture_death"]
    assert "probable" not in classify("Weather", "It rained.", "en").to_dict()


def test_closing_tally_does_not_label_but_tally_as_subject_does() -> None:
    body = (
        "Shelling hit a market in the east of the country on Tuesday. Several shops burned. "
        "Rescue teams worked through the night. SNHR notes that at least 15,210 people have "
        "died due to torture since 2011."
    )
    assert "torture_death" not in labels("Market shelled", body, "en")
    report = "The network documented 52 deaths due to torture during May 2023."
    result = classify("52 people died under torture in May 2023", report, "en")
    assert "torture_death" in result.labels
    assert result.facts["death_date"] == "2023-05"
    assert 52 in result.facts["counts"]


def test_masked_english_words_are_unmasked() -> None:
    text = "A young man di-es under tor-ture in a prison run by IS*IS after months in detention."
    result = classify("Young man di-es under tor-ture", text, "en")
    assert "torture_death" in result.labels
    assert result.facts["perpetrator"] == "isis"


def test_masked_arabic_and_clitics() -> None:
    text = (
        "نفذت دورية تابعة لقوات النظام حملة اعـ-ـتـ-ـقالات في مدينة دوما، "
        "واعتقلت ثلاثة شبان من منازلهم. "
        "وما زال مصيرهم مجهولا حتى الآن."
    )
    result = classify("حملة اعتقالات في دوما", text, "ar")
    assert {"arbitrary_arrest", "enforced_disappearance"} <= set(result.labels)
    assert result.facts["governorate"] == "Rif Dimashq"


def test_arabic_indic_digits_and_levantine_month() -> None:
    text = (
        "قضى الشاب سامر خليل حسون تحت التعذيب في سجون النظام في ١٢ حزيران ٢٠١٩ "
        "بعد اعتقاله."
    )
    result = classify("وفاة معتقل تحت التعذيب", text, "ar")
    assert "torture_death" in result.labels
    assert result.facts["death_date"] == "2019-06-12"
    assert result.facts["victims"] == ["سامر خليل حسون"]


def test_arabic_thousands_counts() -> None:
    text = "قضى ١٬٢٣٤ معتقلا تحت التعذيب في سجون النظام خلال العام."
    result = classify("١٬٢٣٤ معتقلا قضوا تحت التعذيب", text, "ar")
    assert 1234 in result.facts["counts"]


def test_arabic_generic_and_denial() -> None:
    text = "يحظر القانون الدولي التعذيب. ونفت الوزارة وفاة أي معتقل تحت التعذيب في سجونها."
    assert "torture_death" not in labels("بيان رسمي", text, "ar")


def test_french_death_and_arrest() -> None:
    result = classify(
        "Syrie : un étudiant meurt sous la torture",
        "L'étudiant Rami Hassan, arrêté le 4 mai 2012 par les services de renseignement, "
        "est mort sous la torture en détention à Alep.",
        "fr",
    )
    assert {"torture_death", "arbitrary_arrest"} <= set(result.labels)
    assert result.facts["governorate"] == "Aleppo"
    assert result.facts["arrest_date"] == "2012-05-04"


def test_french_release_and_disappearance() -> None:
    text = (
        "M. Karim Saleh a été remis en liberté après 30 jours de détention. "
        "Son frère demeure disparu, sans nouvelles depuis son arrestation."
    )
    result = classify("Libération d'un détenu", text, "fr")
    assert {"release", "enforced_disappearance"} <= set(result.labels)


@pytest.mark.parametrize(
    ("published", "expected"),
    [("2024-06-01", "syrian_regime"), ("2025-02-10", "transitional_authorities")],
)
def test_perpetrator_depends_on_date(published: str, expected: str) -> None:
    text = "General Security arrested two men at a checkpoint in Homs without a warrant."
    result = classify("General Security arrests two men", text, "en", published)
    assert "arbitrary_arrest" in result.labels
    assert result.facts["perpetrator"] == expected


def test_calls_for_release_are_not_releases() -> None:
    text = "Activists called for the release of all detainees held in the prisons."
    assert "release" not in labels("Protest in the square", text, "en")


def test_language_detection() -> None:
    assert "arbitrary_arrest" in labels("حملة اعتقالات", "اعتقلت قوات النظام خمسة شبان في حمص.")
    assert classify("Weather", "It rained in the city.").labels == ()

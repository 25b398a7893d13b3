"""Negation and hypothesis scope, false friends and page clutter, on sentences written for
these tests: the same event words label when the event happened and do not when it is
negated, hypothetical, part of a name or a publishing phrase, or inside another article's
teaser."""

from __future__ import annotations

import pytest
from support.articles import lead_labels

from classifiers import classify
from classifiers.layout import drop_clutter


@pytest.mark.parametrize(
    ("lang", "negated", "stated", "label"),
    [
        (
            "en",
            "The family says the student has not been released from the branch.",
            "The family says the student has been released from the branch.",
            "release",
        ),
        (
            "en",
            "Police insisted that no one was arrested by the patrol in Douma.",
            "Police confirmed that two men were arrested by the patrol in Douma.",
            "arbitrary_arrest",
        ),
        (
            "fr",
            "Les gardiens affirment que l'étudiant n'a pas été libéré de la prison d'Adra.",
            "Les gardiens affirment que l'étudiant a été libéré de la prison d'Adra.",
            "release",
        ),
        (
            "fr",
            "L'incendie de la prison n'a causé la mort d'aucune personne détenue.",
            "L'incendie de la prison a causé la mort de trois personnes détenues.",
            "torture_death",
        ),
        (
            "ar",
            "وأكدت العائلة أنه لم يفرج عنه من سجن حماة المركزي.",
            "وأكدت العائلة أنه أفرج عنه من سجن حماة المركزي.",
            "release",
        ),
    ],
)
def test_a_negated_event_does_not_label_and_the_stated_one_does(
    lang: str, negated: str, stated: str, label: str
) -> None:
    assert label not in lead_labels(negated, lang)
    assert label in lead_labels(stated, lang)


@pytest.mark.parametrize(
    ("lang", "sentence", "label"),
    [
        (
            "en",
            "Lawyers warn that if he is arrested by the security branch he could vanish.",
            "arbitrary_arrest",
        ),
        (
            "fr",
            "Sa mère craint qu'il soit arrêté par la police militaire à Homs.",
            "arbitrary_arrest",
        ),
    ],
)
def test_a_hypothetical_event_does_not_label(lang: str, sentence: str, label: str) -> None:
    assert label not in lead_labels(sentence, lang)


def test_restrictive_ne_que_is_not_a_negation() -> None:
    sentence = "Arrêté à Alep en 2014, le médecin n'est sorti de prison qu'en 2019."
    assert "release" in lead_labels(sentence, "fr")


def test_a_negation_across_a_clause_break_does_not_reach_the_event() -> None:
    sentence = "Some families were never told, and never saw them again after the raid."
    assert "enforced_disappearance" in lead_labels(sentence, "en")


@pytest.mark.parametrize(
    ("lang", "sentence", "label"),
    [
        ("en", "The network released a report on Tuesday about prison conditions.", "release"),
        (
            "en",
            "A court issued an arrest warrant for the former governor of the prison.",
            "arbitrary_arrest",
        ),
        (
            "fr",
            "Les combattants de l'Organisation de libération du Levant ont défilé à Idleb.",
            "release",
        ),
        ("fr", "Les sauveteurs ont travaillé sans relâche toute la nuit à Jablé.", "release"),
    ],
)
def test_false_friends_do_not_label(lang: str, sentence: str, label: str) -> None:
    assert label not in lead_labels(sentence, lang)


def test_a_commemorative_day_in_the_title_leaves_the_tally_beside_it() -> None:
    title = (
        "At least 312 detainees died under torture in 2025, our report says on the "
        "International Day in Support of Victims of Torture"
    )
    text = "The report lists the prisons and branches where the deaths were recorded."
    assert "torture_death" in classify(title, text, "en").labels


def test_a_ransom_paid_before_a_release_is_still_a_release() -> None:
    sentence = "The gunmen freed the two farmers from Afrin after their families paid a ransom."
    assert "release" in lead_labels(sentence, "en")


TEASERS = """Tuesday, March 3, 2026
HomeNewsArrestsMan released from prison in Hama, March...
Man released from prison in Hama, March 1, 2026
Related News
Two brothers abducted at a checkpoint in Daraa, February 27, 2026
On February 27, 2026, gunmen abducted two brothers at...
Woman forcibly disappeared after a raid in Homs, February 26, 2026
On February 26, 2026, security forces raided a house in...
A man held for three years in Hama central prison was released on March 1, 2026, his family said.
He returned to his home in the city the same evening."""


def test_teasers_header_and_repeated_title_are_dropped_before_the_lead() -> None:
    title = "Man released from prison in Hama, March 1, 2026"
    kept = drop_clutter(title, TEASERS).split("\n")
    assert kept == [
        "A man held for three years in Hama central prison was released on March 1, 2026, his "
        "family said.",
        "He returned to his home in the city the same evening.",
    ]
    labels = classify(title, TEASERS, "en").labels
    assert "release" in labels
    assert "arbitrary_arrest" not in labels
    assert "enforced_disappearance" not in labels


def test_clutter_lines_inside_the_body_are_kept_when_they_read_as_text() -> None:
    text = (
        "Security forces detained the lawyer at his office in Latakia on 4 May 2026.\n"
        "Date of the arrest: 4 May 2026\n"
        "His colleagues say he was taken to the Political Security branch..."
    )
    assert drop_clutter("Lawyer detained in Latakia", text) == text.rsplit("\n", 1)[0] + (
        "\nHis colleagues say he was taken to the Political Security branch..."
    )


@pytest.mark.parametrize(
    ("lang", "sentence", "label"),
    [
        ("en", "The field court sentenced the detainee to death in Saydnaya prison.",
         "torture_death"),
        ("fr", "Le détenu a été condamné à mort par le tribunal de la prison de Saydnaya.",
         "torture_death"),
        ("ar", "وأصدرت المحكمة حكم الإعدام بحق المعتقل في سجن صيدنايا.", "torture_death"),
        ("ar", "قوات الأمن تنفي اعتقال الشبان عند حاجز القطيفة.", "arbitrary_arrest"),
        ("en", "Enforced disappearance is defined as the arrest or detention of a person by "
         "agents of the state.", "arbitrary_arrest"),
        ("fr", "Lorsqu'une personne est arrêtée par des agents de l'État et détenue en secret, "
         "on parle de disparition forcée.", "arbitrary_arrest"),
        ("en", "The report also covers arbitrary detentions or abductions by security forces "
         "at checkpoints.", "arbitrary_arrest"),
    ],
)
def test_death_sentences_denials_definitions_and_generic_kinds_do_not_label(
    lang: str, sentence: str, label: str
) -> None:
    assert label not in lead_labels(sentence, lang)


def test_arabic_still_and_at_least_are_not_negations() -> None:
    sentence = "واعتقلت قوات الأمن ما لا يقل عن 12 شابا في مداهمة لبلدة الصنمين في درعا."
    assert "arbitrary_arrest" in lead_labels(sentence, "ar")


def test_a_feed_channel_line_with_a_web_address_is_clutter() -> None:
    text = (
        "Detainees and Missing Persons – Example Rights Network https://rights.example "
        "Mon, 02 Mar 2026 07:00:00 +0000\n"
        "Security forces arrested a pharmacist at his shop in Salamiyah on 1 March 2026."
    )
    assert drop_clutter("Pharmacist arrested in Salamiyah", text) == text.split("\n")[1]


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "The report sums up the arrests and the releases of detainees from detention "
         "centres in the first half of the year."),
        ("en", "The authorities kept adding new detainees rather than releasing them from "
         "Adra prison."),
        ("fr", "L'ONG a saisi l'ONU pour obtenir la libération de M. Haddad, détenu à Adra."),
    ],
)
def test_releases_named_as_a_topic_or_a_goal_are_no_release(lang: str, sentence: str) -> None:
    assert "release" not in lead_labels(sentence, lang)


def test_releases_of_counted_detainees_are_a_release() -> None:
    sentence = "The authorities released 14 detainees from Adra prison on Thursday."
    assert "release" in lead_labels(sentence, "en")


def test_the_figures_of_a_report_a_headline_denies_earn_no_label() -> None:
    text = (
        "The ministry spoke on state television on Monday. "
        "The report says 300 detainees died under torture in Tadmur prison in 2025."
    )
    denied = classify("Ministry says rights report on prison deaths devoid of truth", text, "en")
    assert "torture_death" not in denied.labels
    told = classify("Rights report on prison deaths in Tadmur", text, "en")
    assert "torture_death" in told.labels

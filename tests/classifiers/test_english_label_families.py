"""English label families from issue #11, each on sentences written for these tests: what
reads like a release, a death or a disappearance but is not one, and the event told in
wording the first rules did not know."""

from __future__ import annotations

import pytest
from support.articles import body_labels, lead_labels

from classifiers import classify

REL = "release"
TD = "torture_death"
ED = "enforced_disappearance"


@pytest.mark.parametrize(
    "sentence",
    [
        # a release said to be needed is a demand
        "The envoy said in Geneva that more releases were needed this year, as 300 detainees "
        "remain in Adra.",
        # "not even one" freed: no release happened
        "The group says the talks have yet to free a single detainee; most releases came "
        "through swaps.",
        # a report published, not people freed
        "The monitor's latest report, released today, counts 90 arrests in Hama in April.",
    ],
)
def test_release_look_alikes_in_the_lead_do_not_label(sentence: str) -> None:
    assert REL not in lead_labels(sentence, "en")


@pytest.mark.parametrize(
    "sentence",
    [
        # the same words as the look-alikes above, in a release that happened
        "Only a single detainee was released by the security branch in Homs on Monday, his "
        "brother said.",
        "Omar Khaled was released on Sunday from Sednaya prison in poor health; medical care is "
        "needed, his family said.",
        "Security forces released activist Omar Khaled on Sunday; he was discharged without "
        "charge.",
        "The monitor said the regime released 40 detainees from Adra prison today.",
    ],
)
def test_release_beside_the_look_alike_words_still_labels(sentence: str) -> None:
    assert REL in body_labels(sentence, "en")


def test_an_appeal_for_information_does_not_hide_a_release() -> None:
    sentence = (
        "In an appeal for information, the agency said gunmen stopped its convoy near Saraqib "
        "and seized five workers, three of whom were freed two days later."
    )
    assert REL in lead_labels(sentence, "en")


def test_people_pointed_at_as_those_detained_make_a_release_specific() -> None:
    sentence = (
        "Some of those detained had been held by the faction before and set free after questioning."
    )
    assert REL in body_labels(sentence, "en")


def test_un_bodies_are_not_corpses_of_detainees() -> None:
    sentence = (
        "The failure of UN bodies to help a single detainee has left the prisoners' families "
        "without hope."
    )
    assert TD not in lead_labels(sentence, "en")


def test_the_bodies_of_dead_detainees_still_count() -> None:
    sentence = "Families in Hama received the bodies of two detainees held by military security."
    assert TD in lead_labels(sentence, "en")


def test_the_same_wording_as_an_article_stays_labelled() -> None:
    result = classify(
        "Faction frees three aid workers in Idlib",
        "Gunmen seized the aid workers at a checkpoint near Saraqib on Monday. "
        "All three were freed on Wednesday, the agency said.",
        "en",
    )
    assert REL in result.labels


def test_bodies_handed_over_in_a_prisoner_swap_are_no_custody_deaths() -> None:
    sentence = (
        "Under the deal, the two sides will hand over 60 prisoners and the bodies of fighters "
        "killed near Manbij."
    )
    assert TD not in lead_labels(sentence, "en")


def test_a_conviction_for_killing_in_a_torture_case_is_a_torture_death() -> None:
    sentence = (
        "The court in Koblenz convicted the former guard of killing three detainees and "
        "torturing dozens more."
    )
    assert TD in body_labels(sentence, "en")


def test_a_conviction_for_killing_outside_custody_is_not() -> None:
    sentence = "A court convicted the driver of killing two pedestrians in a crash in Latakia."
    assert TD not in body_labels(sentence, "en")


@pytest.mark.parametrize(
    ("title", "sentence"),
    [
        ("Families search the prison but find no sign of their sons", "Markets opened late."),
        ("Young men disappearing from the streets of Idlib", "Markets opened late."),
        (
            "News of the week",
            "The faction's police have held dozens of men without telling their families where.",
        ),
        ("News of the week", "Hundreds more were subjected to enforced disappearance in Hama."),
    ],
)
def test_disappearance_in_new_wording_labels(title: str, sentence: str) -> None:
    assert ED in classify(title, f"The weather was mild. {sentence}", "en").labels


@pytest.mark.parametrize(
    "sentence",
    [
        "At least 9,000 people arrested in the uprising remain detained/disappeared.",
        "The report finds 4,000 people detained or disappeared by all parties.",
        "The search found no sign of damage to the dam near Tabqa.",
    ],
)
def test_combined_tallies_and_look_alikes_are_no_disappearance(sentence: str) -> None:
    assert ED not in body_labels(sentence, "en")


def test_arrests_and_disappearances_named_as_a_kind_of_violation_are_no_arrest() -> None:
    result = classify(
        "Monitor warns of a wave of disappearances",
        "The monitor says the harm done by arbitrary arrests and enforced disappearances "
        "outlives the war. Markets opened late.",
        "en",
    )
    assert "arbitrary_arrest" not in result.labels


def test_an_arrest_told_beside_the_kind_of_violation_still_labels() -> None:
    result = classify(
        "Arbitrary arrests and enforced disappearances go on",
        "Military security arrested two students at a checkpoint in Homs on 3 May. "
        "Markets opened late.",
        "en",
    )
    assert "arbitrary_arrest" in result.labels


def test_a_suspect_accused_of_executing_detainees_is_no_torture_death() -> None:
    result = classify(
        "Former warden arrested in Hama",
        "Police arrested a former warden accused of executing detainees at Tadmur prison. "
        "The ministry said he bore direct responsibility for executions of prisoners there.",
        "en",
    )
    assert TD not in result.labels
    assert "arbitrary_arrest" in result.labels


def test_deaths_in_custody_charged_at_trial_still_label() -> None:
    sentence = "The former guard is charged over the deaths of 14 detainees in Branch 227."
    assert TD in body_labels(sentence, "en")


@pytest.mark.parametrize(
    ("label", "sentence"),
    [
        (REL, "Their mothers are still waiting for the release of the 40 detainees held in Hama."),
        (REL, "Lawyers are hoping for the release of the 12 students before the holiday."),
        ("arbitrary_arrest", "Residents fear arrest campaigns will resume once the army enters."),
        ("arbitrary_arrest", "The students fear being detained at the checkpoints near Homs."),
    ],
)
def test_awaited_or_feared_events_do_not_label(label: str, sentence: str) -> None:
    assert label not in lead_labels(sentence, "en")


def test_people_unaccounted_for_are_disappeared() -> None:
    sentence = "Their relatives say the four men remain unaccounted for since the raid on Douma."
    assert ED in body_labels(sentence, "en")


def test_a_death_in_a_security_branch_is_a_death_in_custody() -> None:
    sentence = "Witnesses told the court that 27 people were killed in Branch 251 in one year."
    assert TD in lead_labels(sentence, "en")


@pytest.mark.parametrize(
    ("label", "sentence"),
    [
        (REL, "The Asayish handed over 30 detainees to their families in Raqqa on Sunday."),
        (ED, "His family lost all contact with him after the arrest."),
        (ED, "He has been missing since he was picked up at a checkpoint near Homs in 2012."),
        (ED, "The authorities refuse to disclose his whereabouts."),
        (TD, "The young man died in the custody of the Asayish in Qamishli."),
        (TD, "Khaled was beaten to death by guards at the central prison in Idlib."),
    ],
)
def test_events_told_in_other_words_label_in_the_body(label: str, sentence: str) -> None:
    assert label in body_labels(sentence, "en")


@pytest.mark.parametrize(
    ("label", "sentence"),
    [
        (REL, "The hospital handed over the bodies of 30 detainees to their families."),
        (TD, "A man was beaten to death by a mob in the market of Jableh."),
        (ED, "Police arrested two men in Homs on Sunday and their lawyer visited them in prison."),
    ],
)
def test_their_look_alikes_do_not(label: str, sentence: str) -> None:
    assert label not in body_labels(sentence, "en")


@pytest.mark.parametrize(
    ("expected", "sentence"),
    [
        (False, "Some who had been held in secret were freed after months; others still wait."),
        (False, "Many were released after paying bribes to the guards."),
        (True, "The detainees were freed on Monday after the court hearing in Homs."),
        (True, "The activist was freed on Monday."),
    ],
)
def test_a_release_told_in_the_passive_needs_its_people(expected: bool, sentence: str) -> None:
    assert (REL in body_labels(sentence, "en")) is expected


@pytest.mark.parametrize(
    ("label", "sentence"),
    [
        (TD, "The former detainee died of cancer in Gaziantep two years after his release."),
        (TD, "The commission asked for access to detention facilities to prevent deaths."),
        (ED, "The reporter went missing for a day after his phone died, then returned home."),
        ("arbitrary_arrest", "He recalled the day he was arrested, speaking at a conference."),
    ],
)
def test_look_alikes_in_the_lead_do_not_label(label: str, sentence: str) -> None:
    assert label not in lead_labels(sentence, "en")


def test_a_trend_in_the_number_of_disappeared_is_no_case() -> None:
    sentence = "The number of people classified as forcibly disappeared by the regime soared."
    assert ED not in body_labels(sentence, "en")


def test_a_tally_of_the_disappeared_in_the_headline_still_labels() -> None:
    result = classify(
        "The number of forcibly disappeared Syrians rises to 96,000",
        "The monitor said on Monday that 96,000 people remain forcibly disappeared in Syria.",
        "en",
    )
    assert ED in result.labels


@pytest.mark.parametrize(
    ("expected", "sentence"),
    [
        (
            False,
            "The faction has adopted the methods of the old security services, detaining "
            "critics without a warrant.",
        ),
        (False, "Military intelligence routinely detains students at the checkpoints."),
        (True, "Military intelligence detained three students at a checkpoint near Hama on 2 May."),
    ],
)
def test_a_practice_described_is_no_arrest_told(expected: bool, sentence: str) -> None:
    assert ("arbitrary_arrest" in body_labels(sentence, "en")) is expected


@pytest.mark.parametrize(
    ("label", "sentence"),
    [
        (TD, "A man from Homs lost his life in regime prisons after two years of detention."),
        (TD, "The detainee passed away in detention after being denied medical care."),
        (TD, "A detainee succumbed to his wounds in an intelligence branch in Damascus."),
        (TD, "Abu Ahmad, 45, died in an SDF prison in Hasakah, his family said."),
        (TD, "The family found his photo among Caesar pictures of detainees killed in custody."),
        (ED, "The fate of the three brothers, arrested in 2013, remains unknown."),
        (ED, "The authorities have denied any knowledge of his detention."),
        ("arbitrary_arrest", "A Turkish-backed faction abducted a woman in Afrin on Friday."),
    ],
)
def test_events_in_the_wording_of_monitors_label(label: str, sentence: str) -> None:
    assert label in lead_labels(sentence, "en")


@pytest.mark.parametrize(
    "sentence",
    [
        "He died in Idlib last year, long after his release from prison.",
        "Five inmates died in a fire at the central prison, the ministry said.",
    ],
)
def test_deaths_near_a_prison_but_not_in_custody_are_not_torture_deaths(sentence: str) -> None:
    assert TD not in lead_labels(sentence, "en")


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "UN: torture remains widespread in Syrian prisons",
            "The commission said ill-treatment remains common in detention facilities.",
        ),
        (
            "New body to look into the fate of detainees",
            "An independent body will review prison records in Damascus, the ministry said.",
        ),
    ],
)
def test_remains_and_body_as_ordinary_words_are_no_dead(title: str, text: str) -> None:
    assert TD not in classify(title, text, "en").labels


def test_the_remains_of_detainees_still_count() -> None:
    sentence = "Forensic teams identified the remains of 12 detainees held at the air force branch."
    assert TD in lead_labels(sentence, "en")


@pytest.mark.parametrize(
    ("label", "sentence"),
    [
        ("arbitrary_arrest", "Regime forces seized control of the town in March 2018."),
        ("arbitrary_arrest", "Police seized 3 tonnes of captagon pills at a checkpoint near Homs."),
        ("arbitrary_arrest", "Security forces seized weapons in a raid on a warehouse in Daraa."),
        ("arbitrary_arrest", "Government forces stopped the advance of ISIS fighters in 2017."),
        ("arbitrary_arrest", "The town was seized by regime forces in 2018 after a long siege."),
        (TD, "Detainees in SDF prisons include foreigners; an attack on one in 2022 killed 120."),
    ],
)
def test_things_seized_and_deaths_from_attacks_are_not_events(label: str, sentence: str) -> None:
    assert label not in lead_labels(sentence, "en")


@pytest.mark.parametrize(
    "sentence",
    [
        "Gunmen seized two young men from their car near Jasim on Sunday.",
        "Military security stopped him at the Qutayfah checkpoint in May 2019.",
        "Dozens of Syrians have been seized by state security forces this year.",
    ],
)
def test_people_seized_or_stopped_by_a_force_are_arrested(sentence: str) -> None:
    assert "arbitrary_arrest" in body_labels(sentence, "en")


@pytest.mark.parametrize(
    ("label", "sentence"),
    [
        (REL, "The liberation of Raqqa from ISIS in 2017 let them return to their homes."),
        (REL, "After the city was liberated, he returned to his shop in Homs."),
        (REL, "He was released from hospital after treatment for his wounds."),
        (REL, "He was freed from the rubble after 30 hours, rescuers said."),
        (TD, "The regime executed its plan to starve the prisoners' families out of Daraya."),
    ],
)
def test_freed_places_patients_and_plans_are_no_events(label: str, sentence: str) -> None:
    assert label not in lead_labels(sentence, "en")


def test_fear_told_before_an_arrest_that_happened_does_not_cancel_it() -> None:
    sentence = (
        "Two young men who fled in fear were arrested by military security at a checkpoint "
        "in Homs on Monday."
    )
    assert "arbitrary_arrest" in body_labels(sentence, "en")


@pytest.mark.parametrize(
    "sentence",
    [
        "Prosecutors charged him with 30 murders and 4,000 cases of torture at the Khatib branch.",
        "The court found that 27 detainees were killed at the branch while he served there.",
    ],
)
def test_deaths_in_custody_found_by_a_court_label_in_the_body(sentence: str) -> None:
    assert TD in body_labels(sentence, "en")


def test_a_procedural_trial_report_is_no_torture_death() -> None:
    sentence = "The trial will resume next month, when the court hears the defence's witnesses."
    assert TD not in lead_labels(sentence, "en")


def test_a_court_official_killed_outside_custody_is_no_torture_death() -> None:
    sentence = "A court clerk was killed when a car bomb went off near the prison in Azaz."
    assert TD not in lead_labels(sentence, "en")


@pytest.mark.parametrize(
    "sentence",
    [
        "Omar Khaled, a detainee, died in the Palestine Branch of Military Intelligence on 3 May, "
        "after guards attacked him during interrogation.",
        "The regime handed over the bodies of five detainees who died in its prisons as part of "
        "the deal.",
        "Omar Khaled, a detainee accused of joining protests, died in the Palestine Branch on 3 "
        "May.",
        "A detainee held responsible for the protests in Daraa died under torture in the Military "
        "Intelligence branch.",
    ],
)
def test_a_death_in_custody_beside_attack_deal_or_charge_words_still_labels(
    sentence: str,
) -> None:
    assert TD in lead_labels(sentence, "en")


@pytest.mark.parametrize(
    "sentence",
    [
        "Detainees in Raqqa were among 30 people killed in an attack on the town by drones.",
        "Five detainees died in the explosion at the depot near Homs central prison, the governor "
        "said.",
        "Police arrested a former jailer accused of killing detainees at Sednaya prison.",
        "Under the deal, the two sides handed over the bodies of 40 prisoners killed in the "
        "fighting.",
    ],
)
def test_deaths_from_an_attack_or_a_suspect_s_charge_are_no_custody_deaths(sentence: str) -> None:
    assert TD not in lead_labels(sentence, "en")


@pytest.mark.parametrize(
    ("label", "sentence"),
    [
        # each look-alike above has its words here in an event that happened
        (
            "arbitrary_arrest",
            "The students, who fear being detained again, were arrested by "
            "military security at a checkpoint near Homs on 3 May.",
        ),
        (
            REL,
            "After the liberation of Raqqa, the SDF freed 40 detainees held by ISIS in its "
            "prisons.",
        ),
        (
            TD,
            "The detainee died in custody in Sednaya two years after his arrest, his family "
            "learned.",
        ),
        (TD, "Five inmates died under torture at the central prison, the ministry said."),
        (
            ED,
            "Omar Khaled, detained by Air Force Intelligence in 2013, remains forcibly "
            "disappeared, like thousands of the detained or disappeared.",
        ),
    ],
)
def test_the_look_alike_words_beside_a_real_event_still_label(label: str, sentence: str) -> None:
    assert label in lead_labels(sentence, "en")

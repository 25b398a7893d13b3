"""Scope rules kept to the construction they mean: a discard, a negation, a tally cue or a
group's `not` word that also stands in real events must not cancel them. Each look-alike
test is paired with a real event using the same words."""

from __future__ import annotations

import pytest
from support.articles import body_labels, lead_labels

AA = "arbitrary_arrest"
ED = "enforced_disappearance"
RE = "release"
TD = "torture_death"


@pytest.mark.parametrize(
    ("label", "sentence"),
    [
        (RE, "Arrêté en 2012 à Homs, le militant Omar Khaled sera libéré deux ans plus tard."),
        (TD, "Le détenu Omar Khaled sera torturé à mort à Saydnaya en 2014."),
        (AA, "Le journaliste Omar Khaled sera enlevé par des hommes armés à Idleb."),
    ],
)
def test_french_historical_future_tells_a_real_event(label: str, sentence: str) -> None:
    assert label in body_labels(sentence, "fr")


@pytest.mark.parametrize(
    "sentence",
    [
        "Les 20 détenus seront libérés prochainement, selon le ministère.",
        "Le détenu Omar Khaled devrait être libéré la semaine prochaine.",
        "Le militant Omar Khaled doit être libéré dans les prochains jours.",
        "Les autorités s'apprêtent à libérer 30 détenus de la prison d'Adra.",
    ],
)
def test_french_release_announced_for_later_is_no_release(sentence: str) -> None:
    assert RE not in lead_labels(sentence, "fr")

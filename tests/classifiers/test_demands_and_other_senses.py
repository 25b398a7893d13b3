"""An event demanded has not happened; "relâcher" also means letting go of water or
pressure; a club without news of its player reports no disappearance. Sentences of the
project's own; each negative has a positive beside it, so the cue cannot simply silence the
label."""

from __future__ import annotations

import pytest

from classifiers import classify


@pytest.mark.parametrize(
    ("title", "text", "lang", "label", "expected"),
    [
        # demanded, not done
        ("Football", "Fans demanded the arrest of the referee after the match in Aleppo on "
         "Friday.", "en", "arbitrary_arrest", False),
        ("Protest", "Students called for the release of their teacher at a rally in Homs.",
         "en", "release", False),
        ("Match", "Les supporters ont réclamé l'arrestation de l'arbitre après le match à "
         "Alep vendredi.", "fr", "arbitrary_arrest", False),
        ("Familles", "Les familles exigent la libération des détenus de la prison d'Adra.",
         "fr", "release", False),
        # the event told beside the demand still counts, and a demand for something else
        # is no cue at all
        ("News from Daraa", "Police demanded the IDs and detained five young men in Daraa "
         "on Monday.", "en", "arbitrary_arrest", True),
        ("Homs", "Les soldats ont exigé la carte puis arrêté l'étudiant Samir Fadi Khoury à "
         "Homs lundi.", "fr", "arbitrary_arrest", True),
        ("Arrests", "Security forces arrested the lawyer Samir Fadi Khoury in Aleppo on "
         "Friday; his colleagues demanded the release of all detainees.", "en",
         "arbitrary_arrest", True),
        ("Arrests", "Security forces arrested the lawyer Samir Fadi Khoury in Aleppo on "
         "Friday; his colleagues demanded the release of all detainees.", "en", "release",
         False),
        ("Arrestation", "La police a arrêté lundi à Alep l'avocat Samir Fadi Khoury ; ses "
         "collègues ont réclamé la libération de tous les détenus.", "fr", "arbitrary_arrest",
         True),
        # relâcher: water and pressure are let go, people are freed
        ("Crue", "Le barrage de Tabqa a relâché de l'eau mardi, inondant des champs près de "
         "Raqqa, selon les habitants.", "fr", "release", False),
        ("Libéré", "Les autorités ont relâché mardi le militant Samir Fadi Khoury, arrêté en "
         "mars à Alep.", "fr", "release", True),
        # no news of a footballer is no disappearance; no news of a detainee is
        ("Club", "Le club n'a plus de nouvelles de son attaquant depuis son transfert, a "
         "indiqué son entraîneur.", "fr", "enforced_disappearance", False),
        ("Disparu", "Sa famille n'a plus de nouvelles de lui depuis son transfert vers la "
         "prison de Saydnaya en 2014.", "fr", "enforced_disappearance", True),
    ],
)
def test_demands_and_the_other_sense_of_relacher(title: str, text: str, lang: str, label: str,
                                                 expected: bool) -> None:
    found = classify(title, text, lang, "2025-05-01")
    assert (label in found.labels) is expected, (found.labels, found.scores)

"""English and Arabic label families of issue #11, tuning round 2, on sentences written for
these tests: what reads like a death, a release or a disappearance but is not one, and the
event told in wording the earlier rules did not know."""

from __future__ import annotations

import pytest
from support.articles import body_labels, lead_labels

from classifiers import classify

REL = "release"
TD = "torture_death"
ED = "enforced_disappearance"
AA = "arbitrary_arrest"


@pytest.mark.parametrize(
    "sentence",
    [
        # anonymous remains: a death neither identified nor counted
        "Rescuers digging near the airport found human remains wrapped in blankets, and "
        "officials said the dead had likely died under torture in nearby jails.",
        "Volunteers say the mass graves outside the town hold people who died from torture "
        "in the security branches.",
        # the generic "victims of torture" of a commemorative day, uncounted
        "The minister spoke of the hundreds of thousands of victims of torture around the "
        "world and the suffering of their families.",
    ],
)
def test_anonymous_or_uncounted_torture_deaths_do_not_label(sentence: str) -> None:
    assert TD not in lead_labels(sentence, "en")
    assert TD not in body_labels(sentence, "en")


@pytest.mark.parametrize(
    "sentence",
    [
        "Relatives said Karim Haddad, 41, died under torture in the custody of Military "
        "Intelligence in Homs last month.",
        "The monitor said two detainees died in detention at the air force branch in Mezzeh "
        "after weeks of beatings.",
    ],
)
def test_identified_or_counted_deaths_in_custody_still_label(sentence: str) -> None:
    assert TD in lead_labels(sentence, "en")


def test_a_release_put_forward_as_a_means_is_no_release() -> None:
    title = "Freeing prisoners could help build trust before the talks, mediator says"
    text = (
        "The mediator told journalists in Geneva that the release of detainees would help "
        "ease tension between the parties. The weather was mild in the region this week."
    )
    assert REL not in classify(title, text, "en").labels


def test_a_release_that_happened_beside_a_hope_still_labels() -> None:
    title = "Forty detainees freed from Adra prison"
    text = (
        "The authorities released 40 detainees from Adra prison on Sunday, their relatives "
        "said. Mediators hope further steps can help build trust."
    )
    assert REL in classify(title, text, "en").labels

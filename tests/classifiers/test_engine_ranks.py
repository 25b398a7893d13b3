"""Groups are tried by rank (heaviest first, ties in file order), each sentence only the
groups its terms can set off; the scores below are those of the scan over every group."""

from __future__ import annotations

import pytest

from classifiers import classify
from classifiers.engine import _triggers, ruleset

SCORED = [
    (
        "Security forces arrested two students in Homs",
        (
            "The two students were detained at a checkpoint by military intelligence on 3 May "
            "2024. Their families have had no news of them since. One of them was later released."
        ),
        "en",
        ("enforced_disappearance", "arbitrary_arrest", "release"),
        {
            "torture_death": 0.0,
            "enforced_disappearance": 0.625,
            "arbitrary_arrest": 1.0,
            "release": 0.5,
        },
    ),
    (
        "اعتقال شابين في حمص",
        (
            "اعتقلت قوات الأمن شابين عند حاجز في حمص يوم 3 أيار 2024، ولا تزال عائلتاهما تجهلان "
            "مصيرهما. وقد أفرج عن أحدهما لاحقا."
        ),
        "ar",
        ("arbitrary_arrest", "release"),
        {
            "torture_death": 0.0,
            "enforced_disappearance": 0.0,
            "arbitrary_arrest": 0.5,
            "release": 0.625,
        },
    ),
    (
        "Un détenu meurt sous la torture",
        (
            "Les forces de sécurité ont arrêté Ahmad à Alep le 3 mai 2024. Il est mort sous la "
            "torture dans la prison de Saydnaya. Sa famille n'a plus de nouvelles de son frère, "
            "porté disparu."
        ),
        "fr",
        ("torture_death", "enforced_disappearance", "arbitrary_arrest"),
        {
            "torture_death": 1.0,
            "enforced_disappearance": 0.5,
            "arbitrary_arrest": 0.625,
            "release": 0.0,
        },
    ),
    (
        "No title",
        "He was not arrested. If he is arrested, he may be tortured.",
        "en",
        (),
        {
            "torture_death": 0.0,
            "enforced_disappearance": 0.0,
            "arbitrary_arrest": 0.0,
            "release": 0.0,
        },
    ),
]


@pytest.mark.parametrize(("title", "text", "lang", "labels", "scores"), SCORED)
def test_scores_are_those_of_the_scan_over_every_group(
    title: str, text: str, lang: str, labels: tuple[str, ...], scores: dict[str, float]
) -> None:
    found = classify(title, text, lang)
    assert found.labels == labels
    assert found.scores == scores


@pytest.mark.parametrize("lang", ["en", "ar", "fr"])
def test_ranks_name_groups_heaviest_first_ties_in_file_order(lang: str) -> None:
    triggers = _triggers(lang)
    for label_index, rules in enumerate(ruleset().labels[lang]):
        in_file = list(rules.groups)
        expected = sorted(in_file, key=lambda g: (-g.weight, in_file.index(g)))
        assert list(triggers.ranked[label_index]) == expected
    for term_id, pairs in triggers.by_term.items():
        for label_index, rank in pairs:
            assert term_id in triggers.ranked[label_index][rank].sets[0]
    assert triggers.terms == frozenset(triggers.by_term)

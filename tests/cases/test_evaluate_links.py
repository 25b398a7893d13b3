"""The person-link figures, split by the items' origin, on items written for this test."""

from __future__ import annotations

from crawler.cases.evaluate import corpus_pair, link_figures, namesake_figures, sample_pair


def _item(victim: str, town: str, date: str) -> dict:
    return {"title": "", "text": f"{victim}, from the town of {town}, was arrested.",
            "lang": "en", "published": "2020-05-01", "labels": ["arbitrary_arrest"],
            "facts": {"victims": [victim], "arrest_date": date, "governorate": "Hama"}}


ITEMS = {
    "dev:x1": _item("Rami Fawzi Tarraf", "Kafrnabouda", "2020-03-02"),
    "dev2:x2": _item("Rami Tarraf", "Kafrnabouda", "2020-03-02"),
    "samples:x3": _item("Rami Fawzi Tarraf", "Kafrnabouda", "2020-03-02"),
    "dev:x4": _item("Rami Tarraf", "Suran", "2014-01-10"),
}
LINKS = {
    "same": [
        {"a": {"item": "dev:x1", "name": "Rami Fawzi Tarraf"},
         "b": {"item": "dev2:x2", "name": "Rami Tarraf"}},
        {"a": {"item": "dev:x1", "name": "Rami Fawzi Tarraf"},
         "b": {"item": "samples:x3", "name": "Rami Fawzi Tarraf"}},
        {"a": {"item": "dev2:x2", "name": "Rami Tarraf"},
         "b": {"item": "samples:x3", "name": "Rami Fawzi Tarraf"}},
    ],
    "different": [
        {"a": {"item": "dev:x1", "name": "Rami Fawzi Tarraf"},
         "b": {"item": "dev:x4", "name": "Rami Tarraf"}},
    ],
}


def test_origin_of_a_pair() -> None:
    assert corpus_pair("dev:a", "dev2:b")
    assert not corpus_pair("dev:a", "samples:b")
    assert sample_pair("samples:a", "dev2:b")


def test_figures_split_by_origin() -> None:
    everything = link_figures(ITEMS, LINKS)
    corpus = link_figures(ITEMS, LINKS, corpus_pair)
    samples = link_figures(ITEMS, LINKS, sample_pair)
    assert (everything.true_positive, everything.predicted, everything.labelled) == (3, 3, 3)
    assert (corpus.true_positive, corpus.predicted, corpus.labelled) == (1, 1, 1)
    assert (samples.true_positive, samples.predicted, samples.labelled) == (2, 2, 2)
    assert not everything.near_misses_linked


def test_namesakes_count_the_pairs_the_scorer_would_join() -> None:
    items = {**ITEMS, "dev2:x5": _item("Nour Haddad", "Kafrnabouda", "2020-03-02")}
    tried, linked = namesake_figures(items, LINKS)
    # Corpus items x1, x2, x4, x5, one victim each, ordered pairs; x1-x2 is labelled same.
    assert tried == 4 * 3 - 2
    # Joined: x1 and x2 each with x5's story renamed (same town and arrest day), and x5
    # with theirs renamed Nour Haddad; x4's story (another town, years before) never.
    assert len(linked) == 4
    assert all("town" in label for label in linked)
    assert not any("dev:x4" in label for label in linked)

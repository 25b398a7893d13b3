"""Every project sample article gets exactly its independently labelled label set."""

from __future__ import annotations

import re

import pytest

from classifiers import classify
from classifiers.normalise import fold
from crawler.samples import SampleArticle, load_samples

SAMPLES = load_samples()


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_sample_gets_its_expected_labels(sample: SampleArticle) -> None:
    result = classify(sample.title, sample.text, sample.lang, sample.published)
    assert set(result.labels) == set(sample.expected_labels), result.evidence


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_normalised_text_holds_the_words_of_the_folded_title_and_text(
        sample: SampleArticle) -> None:
    """The search index takes Classification.normalised in place of folding again: it must
    hold the same words, title on its first line."""
    result = classify(sample.title, sample.text, sample.lang, sample.published)
    title, _, text = result.normalised.partition("\n")
    assert re.findall(r"\w+", title) == re.findall(r"\w+", fold(sample.title))
    assert re.findall(r"\w+", text) == re.findall(r"\w+", fold(sample.text))

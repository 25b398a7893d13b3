"""Every project sample article gets exactly its independently labelled label set."""

from __future__ import annotations

import pytest

from classifiers import classify
from crawler.samples import SampleArticle, load_samples

SAMPLES = load_samples()


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_sample_gets_its_expected_labels(sample: SampleArticle) -> None:
    result = classify(sample.title, sample.text, sample.lang, sample.published)
    assert set(result.labels) == set(sample.expected_labels), result.evidence

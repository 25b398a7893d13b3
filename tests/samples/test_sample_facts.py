"""Every sample article's stored facts agree with its ``expected_facts``.

The facts are made the way ``raqib demo`` and a crawl make them: the article page is fetched
from its loopback mirror site, the project's extractor turns the page into title, text,
language and date, and the classifier runs on what it extracted. A disagreement shows the
fact as the sample expects it and as the pipeline stored it.
"""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from classifiers import classify
from classifiers.normalise import fold
from crawler.extract import extract
from crawler.mirror import Mirrors
from crawler.samples import load_samples

SAMPLES = load_samples()
FACT_KEYS = ("victims", "governorate", "perpetrator", "death_date", "arrest_date", "counts")


@pytest.fixture(scope="module")
def mirrors() -> Iterator[Mirrors]:
    with Mirrors() as running:
        yield running


def stored_facts(mirrors: Mirrors, stem: str) -> dict[str, Any]:
    """The facts the pipeline stores for one sample: mirror page, extraction, classification."""
    sample = mirrors.article(stem).sample
    url = mirrors.url_of(stem)
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback mirror)
        body = response.read()
    page = extract(body, url=url, default_lang=sample.lang)
    return classify(page.title, page.text, page.lang, page.published).facts


def comparable(key: str, value: Any) -> Any:
    """Lists compare as sets (names folded), single values as they are."""
    if key in ("victims", "counts"):
        return {fold(v) if isinstance(v, str) else v for v in value or []}
    return value


@pytest.mark.parametrize("stem", [s.stem for s in SAMPLES])
def test_stored_facts_match_the_sample(mirrors: Mirrors, stem: str) -> None:
    expected = mirrors.article(stem).sample.expected_facts
    got = stored_facts(mirrors, stem)
    wrong = {
        key: {"expected": expected.get(key), "stored": got.get(key)}
        for key in FACT_KEYS
        if comparable(key, expected.get(key)) != comparable(key, got.get(key))
    }
    assert wrong == {}

"""Opt-in: raqib's feed parser finds the same entry links as feedparser on feedparser's own
test corpus (not shipped here). Set RAQIB_FEEDPARSER_CORPUS to the ``tests`` folder of an
unpacked feedparser source distribution to run it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

CORPUS = os.environ.get("RAQIB_FEEDPARSER_CORPUS")

pytestmark = pytest.mark.skipif(not CORPUS, reason="RAQIB_FEEDPARSER_CORPUS is not set")


def test_same_entry_links_as_feedparser_on_at_least_95_percent() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from feed_corpus import compare

    results = compare(Path(str(CORPUS)))
    assert len(results) >= 50, "is RAQIB_FEEDPARSER_CORPUS feedparser's tests folder?"
    same = sum(r.same for r in results)
    assert same / len(results) >= 0.95, [r.path for r in results if not r.same]

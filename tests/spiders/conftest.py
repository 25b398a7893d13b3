"""Fixtures for the spider tests: the loopback mirrors and a child-process crawl runner."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from spiderkit import Crawler  # noqa: E402

from crawler.mirror import Mirrors  # noqa: E402


@pytest.fixture
def mirrors() -> Iterator[Mirrors]:
    with Mirrors() as running:
        yield running


@pytest.fixture
def crawler(mirrors: Mirrors, tmp_path: Path) -> Crawler:
    return Crawler(mirrors, tmp_path)

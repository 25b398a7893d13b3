"""Fixtures for the crawl engine tests: a loopback news site serving the sample articles."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.feedsite import ARTICLES, article_html
from support.httpsite import HTTPSite


@pytest.fixture
def site() -> Iterator[HTTPSite]:
    with HTTPSite() as running:
        running.route("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
        for article in ARTICLES:
            running.route(article.path, article_html(article))
        yield running

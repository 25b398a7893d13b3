"""Fixtures for the watchlist tests: a real store, a config with loopback channels, and
articles stored through the real ingest path."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from alerts.transport import is_valid_url
from crawler.archive.store import Store
from crawler.config import Config, build_config
from crawler.ingest import Ingestor
from crawler.models import Classification, FetchedPage, PageHints

SOURCES = [
    {"name": "snhr-en", "spider": "feed", "url": "https://news.example.org/feed", "lang": "en"},
    {"name": "sohr-ar", "spider": "feed", "url": "https://obs.example.net/feed", "lang": "ar"},
]
_numbers = itertools.count(1)


def make_config(store_path: Path, channels: list[dict[str, Any]]) -> Config:
    raw: dict[str, Any] = {"store": {"path": str(store_path)}, "sources": SOURCES,
                           "channels": channels}
    return build_config(raw, path=None, environ={}, url_validator=is_valid_url)


def page(url: str, title: str, paragraphs: list[str], lang: str, source: str) -> FetchedPage:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}'
            f"</title></head><body><main><article><h1>{title}</h1>{body}</article></main>"
            "</body></html>")
    return FetchedPage(source=source, url=url, final_url=url, status=200,
                       headers=(("Content-Type", "text/html; charset=utf-8"),),
                       body=html.encode(), fetched_at=datetime.now(UTC),
                       hints=PageHints(title=title, published="2025-06-01", lang=lang))


def filler(number: int) -> str:
    """A paragraph of its own per article, so dedupe never folds two test articles."""
    words = ("relatives witnesses lawyers records hearings visits letters courts officers "
             "families neighbours teachers").split()
    return " ".join(f"{words[(number * 7 + i) % len(words)]}{number}{i}" for i in range(50))


def ingest(store: Store, config: Config, *, title: str, sentence: str,
           labels: tuple[str, ...] = ("arbitrary_arrest",), lang: str = "en",
           source: str = "snhr-en", url: str | None = None,
           extra: str = "") -> Any:
    """Ingest one page through the real Ingestor; the classifier returns ``labels``."""
    number = next(_numbers)
    url = url or f"https://news.example.org/{source}/item-{number}/"

    def classify(*_: Any, **__: Any) -> Classification:
        return Classification(labels=labels, scores=dict.fromkeys(labels, 3.0),
                              evidence={label: [sentence] for label in labels}, facts={})

    paragraphs = [sentence, "The group said it documented the case through interviews with "
                  "relatives and people who knew the family.", filler(number), extra]
    return Ingestor(store, config, classify=classify).ingest(
        page(url, title, [p for p in paragraphs if p], lang, source))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "raqib.db")
    yield opened
    opened.close()


@pytest.fixture
def ingest_into() -> Callable[..., Any]:
    return ingest

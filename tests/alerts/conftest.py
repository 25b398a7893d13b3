"""Fixtures for the alert tests: a store, configs with loopback channels, stored articles."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from alerts.transport import is_valid_url
from crawler.archive.store import Store
from crawler.config import Config, build_config
from crawler.ingest import Ingestor
from crawler.models import Classification, FetchedPage, PageHints

SOURCES = [
    {"name": "snhr-en", "spider": "feed", "url": "https://news.example.org/feed", "lang": "en"},
    {"name": "snhr-ar", "spider": "feed", "url": "https://ar.example.org/feed", "lang": "ar"},
    {"name": "sohr-en", "spider": "feed", "url": "https://obs.example.net/feed", "lang": "en"},
]

_counter = itertools.count(1)


def make_config(channels: list[dict[str, Any]], **sections: dict[str, Any]) -> Config:
    raw: dict[str, Any] = {"sources": SOURCES, "channels": channels, **sections}
    return build_config(raw, path=None, environ={}, url_validator=is_valid_url)


def page_html(title: str, paragraphs: list[str], lang: str) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    direction = ' dir="rtl"' if lang == "ar" else ""
    return (f'<!DOCTYPE html><html lang="{lang}"{direction}><head><meta charset="utf-8">'
            f"<title>{title}</title></head><body><main><article><h1>{title}</h1>"
            f"{body}</article></main></body></html>")


FILLER = {
    "en": ["The monitoring group said it had documented the case through interviews with "
           "relatives and people who knew the family well over many years.",
           "It called on the authorities to disclose what happened and to hand over any "
           "records held about the people named in this report without further delay."],
    "ar": ["وقالت المجموعة إنها وثقت الحالة من خلال مقابلات مع أقارب الضحية وأشخاص يعرفون "
           "العائلة منذ سنوات طويلة في المدينة.",
           "وطالبت السلطات بالكشف عن مصير الأشخاص المذكورين وتسليم أي سجلات تخصهم دون أي "
           "تأخير إضافي أو مماطلة من الجهات المعنية."],
}


def ingest_article(store: Store, config: Config, *, title: str, sentence: str,
                   labels: tuple[str, ...], source: str = "snhr-en", lang: str = "en",
                   facts: dict[str, Any] | None = None, published: str = "2025-03-04",
                   url: str | None = None) -> int:
    """Store an article through the real ingest path (alerts queued in its transaction);
    the classifier is replaced by one returning the given labels."""
    number = next(_counter)
    url = url or f"https://{source}.example.org/news/item-{number}/"

    def classify(*_: Any, **__: Any) -> Classification:
        return Classification(labels=labels, scores=dict.fromkeys(labels, 3.0),
                              evidence={label: [sentence] for label in labels},
                              facts=facts or {})

    html = page_html(title, [sentence, FILLER[lang][0], _unique_paragraph(number, lang)], lang)
    page = FetchedPage(source=source, url=url, final_url=url, status=200,
                       headers=(("Content-Type", "text/html; charset=utf-8"),),
                       body=html.encode(), fetched_at=datetime.now(UTC),
                       hints=PageHints(title=title, published=published, lang=lang))
    result = Ingestor(store, config, classify=classify).ingest(page)
    assert result.article_id is not None, result
    return result.article_id


def _unique_paragraph(number: int, lang: str) -> str:
    """Different words for every article, so the dedupe stage never folds two test articles."""
    words = (FILLER["en"][0] + " " + FILLER["en"][1] + " " + FILLER[lang][1]).split()
    rng = random.Random(number)
    return " ".join(rng.choice(words) + str(rng.randint(10, 99)) for _ in range(60)) + "."


@pytest.fixture
def store(tmp_path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "raqib.db")
    yield opened
    opened.close()


@pytest.fixture
def add(store: Store) -> Callable[..., int]:
    def add_(config: Config, **kwargs: Any) -> int:
        return ingest_article(store, config, **kwargs)
    return add_


def states(store: Store) -> dict[str, int]:
    return store.alert_states()


@pytest.fixture(name="make_config")
def make_config_fixture() -> Callable[..., Config]:
    return make_config


@pytest.fixture
def add_to() -> Callable[..., int]:
    """Like ``add`` for a store the test opens itself."""
    return ingest_article

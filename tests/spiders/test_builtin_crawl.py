"""The built-in spiders crawl their mirrors in child processes into a real store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from spiderkit import Crawler, canonical, check_article

from crawler.mirror import Mirrors

BUILTIN = ["snhr-en", "snhr-ar", "snhr-reports-en", "snhr-reports-ar", "sohr-en", "sohr-ar",
           "alkarama-en", "alkarama-fr", "alkarama-ar", "horrya"]
HIDDEN = {"snhr-en-06", "sohr-ar-03"}
SOURCE_OF = {("snhr", "en"): "snhr-en", ("snhr", "ar"): "snhr-ar", ("sohr", "en"): "sohr-en",
             ("sohr", "ar"): "sohr-ar", ("alkarama", "en"): "alkarama-en",
             ("alkarama", "fr"): "alkarama-fr", ("alkarama", "ar"): "alkarama-ar"}


def source_of(mirrors: Mirrors, stem: str) -> str:
    sample = mirrors.article(stem).sample
    if sample.section == "reports":
        return f"snhr-reports-{sample.path_lang}"
    return SOURCE_OF.get((sample.site, sample.path_lang), sample.site)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Mirrors, object, dict]]:
    with Mirrors(hidden=HIDDEN) as mirrors:
        crawler = Crawler(mirrors, Path(tmp_path_factory.mktemp("builtin")))
        first = crawler.run_many(BUILTIN)
        yield mirrors, crawler, first


def test_first_crawl_stores_every_published_article(crawled: tuple) -> None:
    mirrors, crawler, first = crawled
    assert {name: (r.status, r.done["message"]) for name, r in first.items()} == dict.fromkeys(
        BUILTIN, ("ok", ""))
    with crawler.store() as store:
        for stem in sorted(mirrors.catalogue._articles):
            url = canonical(mirrors, stem)
            if stem in HIDDEN:
                assert store.article_by_url(url) is None
                continue
            original = mirrors.article(stem).sample.copy_of
            if original:
                # sources crawl in parallel: whichever of the two is stored first is the
                # article, and the other is linked to it
                pair = (url, canonical(mirrors, original))
                rows = [store.article_by_url(u) for u in pair]
                stored = [row for row in rows if row is not None]
                assert len(stored) == 1, f"{stem}: a copy and its original stored apart"
                linked = store.duplicate_by_url(pair[rows.index(None)])
                assert linked is not None, f"{stem}: the re-published copy was not linked"
                assert linked["article_id"] == stored[0]["id"]
                continue
            row = store.article_by_url(url)
            if row is None and store.duplicate_by_url(url) is not None and any(
                    mirrors.article(other).sample.copy_of == stem
                    for other in mirrors.catalogue._articles):
                continue  # its copy was stored first; checked with the copy
            check_article(mirrors, stem, row)
            assert row["source"] == source_of(mirrors, stem)


def test_second_run_costs_two_requests_per_unchanged_site_and_finds_new_articles(
        crawled: tuple) -> None:
    """One round of children: the sites without news cost robots.txt plus one 304; the two
    where an article appeared fetch that article page and nothing else already stored."""
    mirrors, crawler, _ = crawled
    for stem in sorted(HIDDEN):
        mirrors.publish(stem)
    changed = {source_of(mirrors, stem) for stem in HIDDEN}
    before = len(mirrors.requests)
    second = crawler.run_many(BUILTIN)
    fetched = [r.path for r in mirrors.requests[before:]]
    for name, result in second.items():
        assert result.status == "ok", (name, result.done)
        if name in changed:
            assert result.done["stats"]["new_articles"] == 1, (name, result.done)
            assert result.done["stats"]["requests"] <= 3, (name, result.done["stats"])
            continue
        assert result.done["stats"]["requests"] <= 2, (name, result.done["stats"])
        assert result.done["stats"]["new_articles"] == 0
    with crawler.store() as store:
        for stem in sorted(HIDDEN):
            check_article(mirrors, stem, store.article_by_url(canonical(mirrors, stem)))
    # only the new article pages, no already-stored article fetched again
    article_paths = [p for p in fetched if "/wp-json/" not in p and "feed" not in p
                     and p != "/robots.txt"]
    assert len(article_paths) == 2, fetched

"""End to end: a loopback RSS feed crawled by real child processes into a real store."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

from support.feedsite import ARTICLES, Article, article_html, rss, write_config
from support.httpsite import HTTPSite

from crawler.archive.store import Store, decompress
from crawler.crawl import run_source


def _canonical(site: HTTPSite, article: Article) -> str:
    """An http-only source keeps http in its keys; the trailing slash is dropped."""
    return f"http://127.0.0.1:{site.port}{article.path.rstrip('/')}"


def test_feed_crawl_stores_articles_then_costs_two_requests_then_rechecks(
        site: HTTPSite, tmp_path: Path) -> None:
    site.route("/feed.xml", rss(site, ARTICLES), content_type="application/rss+xml",
               etag='"feed-1"')
    for number, article in enumerate(ARTICLES):
        site.route(article.path, article_html(article), etag=f'"a{number}-1"')
    config = write_config(tmp_path, site.url("/feed.xml"), crawl='recheck_every = "1s"')

    first = run_source(config, "testfeed")

    assert (first.status, first.health) == ("ok", "ok"), first.message
    assert first.stats["new_articles"] == 3
    with Store.open(config.store.path) as store:
        for article in ARTICLES:
            stored = store.article_by_url(_canonical(site, article))
            assert stored is not None, article.path
            assert stored["title"] == article.title
            assert stored["published"] == article.published_iso  # the feed's date, not the page's
            assert stored["lang"] == article.lang
            capture = store.query("SELECT * FROM captures WHERE article_id = ?",
                                  [stored["id"]])[0]
            raw = decompress(capture["raw"])
            assert raw == article_html(article)
            assert capture["sha256"] == hashlib.sha256(raw).hexdigest()
            assert capture["status"] == 200
            assert capture["url"] == site.url(article.path)
            headers = dict(json.loads(capture["headers"]))
            assert headers["Content-Type"] == "text/html; charset=utf-8"
            assert any(k == "User-Agent" for k, _ in json.loads(capture["request_headers"]))
        run = store.run(first.run_id)
        assert run["status"] == "ok"
        assert run["new_articles"] == 3

    site.clear_log()
    second = run_source(config, "testfeed")

    assert second.status == "ok"
    assert second.stats["new_articles"] == 0
    hits = site.hits()
    assert [h.path for h in hits] == ["/robots.txt", "/feed.xml"]
    assert hits[1].header("If-None-Match") == '"feed-1"'
    assert len(hits) == 2

    # Edits and removals: article 0 changes, article 1 is gone, article 2 is unchanged.
    # The feed now links article 2 again with a tracking parameter.
    edited = Article(**{**ARTICLES[0].__dict__,
                        "paragraphs": (*ARTICLES[0].paragraphs,
                                       "Update: his family says he was moved to a prison "
                                       "in Damascus and has still not seen a lawyer.")})
    site.route(ARTICLES[0].path, article_html(edited), etag='"a0-2"')
    site.route(ARTICLES[1].path, "gone", status=404, content_type="text/plain")
    tracked = rss(site, ARTICLES[2:], link_suffix="?utm_source=feed&utm_medium=rss")
    site.route("/feed.xml", tracked, content_type="application/rss+xml", etag='"feed-2"')
    site.clear_log()
    time.sleep(1.1)  # recheck_every = "1s": the articles must be due, however fast runs are

    third = run_source(config, "testfeed", recheck=True)

    assert third.status == "ok", third.message
    assert third.stats["new_articles"] == 0
    assert third.stats["new_versions"] == 1
    assert not site.hits(ARTICLES[2].path + "?utm_source=feed&utm_medium=rss")
    rechecked = site.hits(ARTICLES[2].path)
    assert len(rechecked) == 1
    assert rechecked[0].header("If-None-Match") == '"a2-1"'
    with Store.open(config.store.path) as store:
        assert store.article_by_url(_canonical(site, ARTICLES[0]))["version"] == 2
        assert store.article_by_url(_canonical(site, ARTICLES[1]))["removed_at"] is not None
        unchanged = store.article_by_url(_canonical(site, ARTICLES[2]))
        assert unchanged["removed_at"] is None
        assert unchanged["last_checked"] > unchanged["first_seen"]
        assert store.scalar("SELECT count(*) FROM articles") == 3

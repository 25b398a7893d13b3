"""Issue 12: ``raqib crawl --recheck`` rechecks now, right after a crawl; ``recheck_every``
only spaces the daemon's scheduled rechecks; the summary says how many were rechecked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from support.feedsite import ARTICLES, Article, article_html, rss, write_config
from support.httpsite import HTTPSite
from support.pages import DEATH, page
from support.pages import article_html as page_html

from crawler.archive.store import Store
from crawler.crawl import run_source
from crawler.ingest import Ingestor
from crawler.run import recheck_bounds


def test_recheck_right_after_a_crawl_finds_the_edit_and_the_removal(
        site: HTTPSite, tmp_path: Path) -> None:
    site.route("/feed.xml", rss(site, ARTICLES), content_type="application/rss+xml",
               etag='"feed-1"')
    for number, article in enumerate(ARTICLES):
        site.route(article.path, article_html(article), etag=f'"a{number}-1"')
    config = write_config(tmp_path, site.url("/feed.xml"))  # recheck_every: the default 1d
    first = run_source(config, "testfeed")
    assert first.stats["new_articles"] == 3
    assert first.rechecked is None
    assert "rechecked" not in first.summary()

    edited = Article(**{**ARTICLES[0].__dict__,
                        "paragraphs": (*ARTICLES[0].paragraphs,
                                       "Update: his relatives say he was moved to another "
                                       "prison and has still not been allowed a visit.")})
    site.route(ARTICLES[0].path, article_html(edited), etag='"a0-2"')
    site.route(ARTICLES[1].path, "gone", status=404, content_type="text/plain")

    scheduled = run_source(config, "testfeed", recheck_due=True)  # nothing due after 1d
    assert scheduled.rechecked == 0
    site.clear_log()

    now = run_source(config, "testfeed", recheck=True)  # no waiting for recheck_every
    assert now.status == "ok", now.message
    assert now.rechecked == 3
    assert now.stats["new_versions"] == 1
    assert "3 rechecked (1 removed)" in now.summary()
    assert len(site.hits(ARTICLES[2].path)) == 1
    with Store.open(config.store.path) as store:
        assert store.article_by_url(f"http://127.0.0.1:{site.port}"
                                    f"{ARTICLES[1].path.rstrip('/')}")["removed_at"]


def test_an_article_stored_this_very_second_is_due_for_a_recheck_now(tmp_path: Path) -> None:
    """The store keeps whole seconds: `--recheck` right after a crawl must still reach the
    articles the crawl stored in the same second (it skipped some before)."""
    config = write_config(tmp_path, "http://127.0.0.1:9/feed.xml")
    stored_at = datetime(2026, 3, 1, 12, 0, 0, 300_000, tzinfo=UTC)
    url = "http://127.0.0.1:9/2026/03/01/arrest/"
    with Store.open(config.store.path) as store:
        Ingestor(store, config).ingest(page(url, page_html("Arrest", DEATH),
                                            source="testfeed", fetched_at=stored_at))
        same_second = stored_at + timedelta(milliseconds=500)
        since, before = recheck_bounds(same_second, config, now=True)
        assert store.recheck_fetch_urls("testfeed", seen_since=since, checked_before=before)
        since, before = recheck_bounds(same_second, config, now=False)  # the daemon's: 1 day
        assert not store.recheck_fetch_urls("testfeed", seen_since=since,
                                            checked_before=before)

"""In-process checks of the crawl engine's pure parts: feed parsing, Retry-After, address
checks, health states and settings."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from support.feedsite import write_config

from crawler.archive.store import RunStats, Store
from crawler.crawl import CrawlOutcome
from crawler.health import assess, update_health
from crawler.middlewares import private_address, retry_after_seconds
from crawler.models import PageHints
from crawler.progress import Board
from crawler.settings import build_settings
from crawler.urls import canonical_url
from crawler.verdict import judge
from spiders.feed import FeedSpider
from spiders.feedparse import FeedFormatError, parse_feed

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<atom:link xmlns:atom="http://www.w3.org/2005/Atom" rel="next" href="/feed/?paged=2"/>
<item><title> Release in Idlib </title><link>/a/1</link><guid isPermaLink="false">g1</guid>
<pubDate>Sat, 01 Jun 2024 23:30:00 +0300</pubDate><category>news</category></item>
<item><title>no link but a permalink guid</title><guid>https://example.org/a/2</guid></item>
<item><title>nothing to follow</title></item></channel></rss>"""

ATOM = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>Arrests in Deir ez-Zor</title><link rel="edit" href="/edit/9"/>
<link href="https://example.org/b/9"/><id>urn:9</id><updated>2024-06-02T08:00:00Z</updated>
<category term="arrest"/></entry></feed>"""


def test_rss_items_become_links_with_utc_hints() -> None:
    feed = parse_feed(RSS, base_url="https://example.org/feed/", lang="en")
    assert [e.link for e in feed.entries] == ["https://example.org/a/1",
                                              "https://example.org/a/2"]
    first = feed.entries[0].hints
    assert first.title == "Release in Idlib"
    assert first.published == "2024-06-01T20:30:00+00:00"
    assert first.guid == "g1"
    assert first.categories == ("news",)
    assert first.lang == "en"
    assert feed.next_url == "https://example.org/feed/?paged=2"


def test_atom_entries_use_the_alternate_link() -> None:
    feed = parse_feed(ATOM, base_url="https://example.org/atom")
    assert [e.link for e in feed.entries] == ["https://example.org/b/9"]
    assert feed.entries[0].hints.published == "2024-06-02T08:00:00+00:00"
    assert feed.entries[0].hints.categories == ("arrest",)
    assert feed.next_url is None


@pytest.mark.parametrize(("body", "message"), [
    (b"<html><body>Welcome", "not XML"),
    (b"<?xml version='1.0'?><urlset><url/></urlset>", "root element is <urlset>"),
    (b"  ", "empty"),
])
def test_anything_else_is_a_clear_feed_error(body: bytes, message: str) -> None:
    with pytest.raises(FeedFormatError, match=message):
        parse_feed(body, base_url="https://example.org/")


def test_retry_after_accepts_seconds_and_http_dates() -> None:
    now = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
    assert retry_after_seconds(b"120") == 120.0
    assert retry_after_seconds("Sat, 01 Jun 2024 12:00:30 GMT", now=now) == 30.0
    assert retry_after_seconds("Sat, 01 Jun 2024 11:00:00 GMT", now=now) == 0.0
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


@pytest.mark.parametrize("host", ["10.0.0.8", "192.168.1.1", "169.254.169.254", "127.0.0.1",
                                  "[::1]", "fe80::1", "0.0.0.0", "localhost"])
def test_private_and_local_addresses_are_recognised(host: str) -> None:
    assert private_address(host) is not None


def test_public_addresses_pass() -> None:
    assert private_address("93.184.215.14") is None
    assert private_address("2606:4700::6810:84e5") is None


def test_settings_follow_the_config(tmp_path: Path) -> None:
    config = write_config(tmp_path, "https://news.example.org/feed/",
                          crawl="max_page_mb = 2.5\nmax_pages = 40\nobey_robots = false",
                          source='aliases = ["example.net"]')
    settings = build_settings(config, config.sources[0])
    assert settings["DOWNLOAD_MAXSIZE"] == int(2.5 * 1024 * 1024)
    assert settings["ROBOTSTXT_OBEY"] is False
    assert settings["DOWNLOAD_TIMEOUT"] == 5
    assert settings["CLOSESPIDER_TIMEOUT"] == 60
    assert settings["AUTOTHROTTLE_ENABLED"] is False  # no delay configured
    assert settings["TELNETCONSOLE_ENABLED"] is False
    assert settings["REMOTE_CONTROL_ENABLED"] is False
    assert settings["RAQIB_SOURCE_HOSTS"] == ["example.net", "news.example.org"]
    assert "crawler.pipelines.StorePipeline" in settings["ITEM_PIPELINES"]
    assert all(settings["DOWNLOAD_HANDLERS"][scheme] is None
               for scheme in ("file", "data", "s3", "ftp"))
    assert settings["MEMUSAGE_ENABLED"] is False  # the kernel limit is the one (memlimit)


def _run(store: Store, status: str, message: str = "") -> None:
    run_id = store.start_run("testfeed")
    store.finish_run(run_id, status, RunStats(), message)


def test_health_states_and_alerts(tmp_path: Path) -> None:
    config = write_config(tmp_path, "https://news.example.org/feed/",
                          source='expect_every = "2d"')
    source = config.sources[0]
    with Store.open(config.store.path) as store:
        _run(store, "ok")
        assert update_health(store, config, source).state == "ok"
        _run(store, "failed", "could not fetch the feed")
        first = update_health(store, config, source)
        assert (first.state, first.changed) == ("degraded", True)
        _run(store, "failed", "could not fetch the feed")
        second = update_health(store, config, source)
        assert (second.state, second.previous) == ("failing", "degraded")
        assert "could not fetch the feed" in second.detail
        _run(store, "ok")
        assert update_health(store, config, source).state == "ok"
        states = [row["key"].split(":")[1] for row in
                  store.query("SELECT key FROM alerts WHERE kind = 'health' ORDER BY id")]
        assert states == ["degraded", "failing", "ok"]
        later = datetime.now(UTC) + timedelta(days=3)
        state, detail = assess(store, source, now=later)
        assert state == "silent"
        assert "since the first run" in detail


def _spider(tmp_path: Path, known: set[str], **kwargs: object) -> FeedSpider:
    config = write_config(tmp_path, "https://news.example.org/feed/", crawl="max_pages = 2")
    return FeedSpider(source=config.sources[0], crawl=config.crawl,
                      known=lambda urls: set(urls) & known,
                      canonical=lambda url: canonical_url(url, config.sources[0]), **kwargs)


def test_article_requests_skip_known_and_repeated_urls_and_stop_at_max_pages(
        tmp_path: Path) -> None:
    spider = _spider(tmp_path, {"https://news.example.org/old"})
    hints = PageHints(title="t")
    assert spider.article_request("http://news.example.org/old/?utm_source=x", hints) is None
    first = spider.article_request("https://news.example.org/a1", hints)
    assert first is not None
    assert first.meta["raqib_hints"] == hints
    assert spider.article_request("https://news.example.org/a1/", hints) is None
    assert spider.article_request("https://news.example.org/a2") is not None
    assert spider.article_request("https://news.example.org/a3") is None  # max_pages = 2


def test_paging_stops_at_a_page_of_known_items_unless_backfilling(tmp_path: Path) -> None:
    known = {"https://news.example.org/k1", "https://news.example.org/k2"}
    spider = _spider(tmp_path, known)
    assert not spider.keep_paging(["https://news.example.org/k1", "https://news.example.org/k2"])
    assert spider.keep_paging(["https://news.example.org/k1", "https://news.example.org/n1"])
    backfill = _spider(tmp_path, known, since=date(2024, 5, 1), until=date(2024, 5, 31))
    assert backfill.keep_paging(["https://news.example.org/k1"])
    assert backfill.in_window("2024-05-14T06:30:00+00:00")
    assert not backfill.in_window("2024-06-01T00:00:00+00:00")
    assert backfill.before_window("2024-04-30")
    assert not backfill.before_window("2024-05-02")


def test_conditional_requests_carry_the_stored_validators(tmp_path: Path) -> None:
    spider = _spider(tmp_path, set(), validators=lambda url: ('"v7"', "Sat, 01 Jun 2024"))
    request = spider.conditional_request("https://news.example.org/feed/", spider.parse_feed,
                                         entry=True)
    assert request.headers["If-None-Match"] == b'"v7"'
    assert request.headers["If-Modified-Since"] == b"Sat, 01 Jun 2024"
    assert request.meta["raqib_entry"] is True
    assert 304 in request.meta["handle_httpstatus_list"]


def test_health_ignores_interrupted_runs(tmp_path: Path) -> None:
    config = write_config(tmp_path, "https://news.example.org/feed/")
    source = config.sources[0]
    with Store.open(config.store.path) as store:
        _run(store, "ok")
        assert update_health(store, config, source).state == "ok"
        for _ in range(6):
            _run(store, "interrupted", "interrupted (SIGTERM) before the run finished")
            health = update_health(store, config, source)
            assert (health.state, health.changed) == ("ok", False)
        _run(store, "failed", "could not fetch the feed")
        _run(store, "interrupted")
        assert update_health(store, config, source).state == "degraded"
        _run(store, "failed", "could not fetch the feed")
        assert update_health(store, config, source).state == "failing"
        assert store.scalar("SELECT count(*) FROM alerts WHERE kind = 'health'") == 2


class _Terminal:
    def __init__(self, tty: bool) -> None:
        self.tty = tty
        self.text = ""

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


BACKFILL_EVENTS = [
    {"event": "resume", "pages_done": 4},
    {"event": "page", "url": "https://x.org/date/2025/01/", "kind": "listing"},
    {"event": "cursor", "pages_done": 5, "articles": 1},
    {"event": "page", "url": "https://x.org/a/1", "kind": "article"},
    {"event": "item", "outcome": "new"},
    {"event": "page", "url": "https://x.org/date/2024/12/", "kind": "listing"},
    {"event": "error", "message": "https://x.org/a/2: HTTP 500"},
]


@pytest.mark.parametrize("tty", [True, False])
def test_backfill_progress_counts_index_pages_and_is_silent_off_a_terminal(tty: bool) -> None:
    terminal = _Terminal(tty)
    with Board(["sohr-en", "snhr-ar"], stream=terminal) as board:  # type: ignore[arg-type]
        for event in BACKFILL_EVENTS:
            board.update("sohr-en", event)
        board.finish("sohr-en", CrawlOutcome(source="sohr-en", status="ok"))
    if not tty:
        assert terminal.text == ""
        return
    # the block is redrawn in place: cursor up over its two lines, each line rewritten
    assert "\x1b[2A" in terminal.text
    last = terminal.text.rsplit("\x1b[2A", 1)[-1]
    sohr, snhr = [line.strip("\r").removesuffix("\x1b[K") for line in last.split("\n")
                  if line]
    assert sohr.startswith("sohr-en  ok       (resumed after 4 index pages) 3 pages, 1 new, "
                           "1 errors, ")
    assert snhr == "snhr-ar  waiting"


def test_a_spider_that_never_started_makes_a_failed_run() -> None:
    verdict = judge(None, context=None, scrapy_stats={}, robots=None)
    assert verdict.status == "failed"
    assert "did not start" in verdict.message


def test_a_spider_exception_is_named_in_the_run_message_not_left_to_the_log(
        tmp_path: Path) -> None:
    from crawler.pipelines import RunContext

    spider = _spider(tmp_path, set())
    context = RunContext(store=None, config=None, source=spider.source)  # type: ignore[arg-type]
    context.spider_errors.append("https://news.example.org/feed/: OverflowError: date value "
                                 "out of range")
    verdict = judge(spider, context, scrapy_stats={}, robots=None)
    assert verdict.status == "degraded"
    assert "OverflowError: date value out of range" in verdict.message
    assert "see the log" not in verdict.message
    assert verdict.details["problems"] == context.spider_errors


def test_a_listing_with_bad_links_yields_every_good_one_and_counts_the_rest(
        tmp_path: Path) -> None:
    from spiders.sitemap import SitemapSpider

    config = write_config(tmp_path, "https://news.example.org/", spider="sitemap")
    spider = SitemapSpider(source=config.sources[0], crawl=config.crawl,
                           known=lambda urls: set(),
                           canonical=lambda url: canonical_url(url, config.sources[0]))
    links = ["https://news.example.org/a", "file:///etc/passwd", "https://news.example.org:99999/b",
             "javascript:alert(1)", 42, "https://news.example.org/c"]
    requests = list(spider.discovered([(link, PageHints()) for link in links]))  # type: ignore[misc]
    assert [r.url for r in requests] == ["https://news.example.org/a",
                                         "https://news.example.org/c"]
    assert spider.skipped == {"not an http(s) link": 2, "invalid port": 1, "not a link": 1}
    assert not spider.stop_paging


def test_crawl_children_run_numeric_libraries_on_one_thread() -> None:
    from crawler.memlimit import child_environment

    assert child_environment({})["OPENBLAS_NUM_THREADS"] == "1"
    assert child_environment({"OPENBLAS_NUM_THREADS": "4"})["OPENBLAS_NUM_THREADS"] == "4"


def test_crawls_run_at_once_share_the_cores_for_their_ingest_workers(monkeypatch) -> None:
    from crawler.memlimit import WORKERS_ENV, allowed_workers, child_environment, workers_share

    monkeypatch.setattr("crawler.memlimit.cores", lambda: 8)
    assert workers_share(4) == 2
    assert workers_share(1) == 8
    env = child_environment({}, workers=workers_share(4))
    assert env[WORKERS_ENV] == "2"
    assert WORKERS_ENV not in child_environment({})  # one crawl alone: every core
    monkeypatch.setenv(WORKERS_ENV, env[WORKERS_ENV])
    assert allowed_workers() == 2
    monkeypatch.delenv(WORKERS_ENV)
    assert allowed_workers() == 8


def test_a_progress_line_that_cannot_be_written_does_not_stop_the_run() -> None:
    """stdout failing (EIO, ENOSPC, a broken pipe) costs the progress line, not the page."""
    import io

    from crawler.run import Events

    class Failing(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(28, "No space left on device")

    Events(Failing())({"event": "item", "url": "https://example.org/a"})  # no exception

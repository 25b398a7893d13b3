"""Backfill cursors of the paginating spiders, in process against the mirrors: what each
index page saves, and where a spider given a saved cursor starts again."""

from __future__ import annotations

import urllib.error
import urllib.request
from datetime import date
from pathlib import Path
from typing import Any

from scrapy.http import HtmlResponse, Request, Response
from spiderkit import Crawler

from crawler.config import load_config
from crawler.mirror import Mirrors
from crawler.urls import canonical_url
from spiders.alkarama import AlkaramaSpider
from spiders.base import CursorItem, RaqibSpider
from spiders.sitemap import SitemapSpider
from spiders.snhr import SnhrSpider
from spiders.sohr import SohrSpider

SINCE = date(2024, 1, 1)


def make(spider: type[RaqibSpider], crawler: Crawler, name: str, *,
         cursor: dict[str, Any] | None = None, known: set[str] = frozenset(),
         since: date | None = SINCE, until: date | None = None) -> RaqibSpider:
    config = load_config(crawler.config)
    source = config.source(name)
    return spider(source=source, crawl=config.crawl, known=lambda urls: set(urls) & known,
                  canonical=lambda url: canonical_url(url, source), since=since, until=until,
                  cursor=cursor)


def fetch(request: Request) -> Response:
    try:
        with urllib.request.urlopen(request.url, timeout=5) as answer:
            status, headers, body = answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as exc:
        status, headers, body = exc.code, dict(exc.headers), exc.read()
    return HtmlResponse(request.url, status=status, headers=headers, body=body,
                        request=request)


def crawl_page(request: Request) -> tuple[list[Request], list[CursorItem]]:
    """Fetch one index page and run its callback: the requests and cursors it yields."""
    out = list(request.callback(fetch(request)) or ())
    return ([r for r in out if isinstance(r, Request)],
            [c for c in out if isinstance(c, CursorItem)])


def entry(spider: RaqibSpider) -> list[Request]:
    return list(spider.entry_requests())


async def _collect(spider: RaqibSpider) -> list[Request]:
    return [request async for request in spider.start()]


def started(spider: RaqibSpider) -> list[Request]:
    import asyncio

    return asyncio.run(_collect(spider))


def articles(requests: list[Request]) -> list[str]:
    return [r.url for r in requests if r.meta.get("raqib_kind") == "article"]


def test_wordpress_api_cursor_keeps_pending_articles_and_resumes_past_the_index(
        crawler: Crawler, mirrors: Mirrors) -> None:
    spider = make(SnhrSpider, crawler, "snhr-en")
    [first] = entry(spider)
    assert "page=1" in first.url
    requests, [item] = crawl_page(first)
    found = articles(requests)
    assert len(found) == 6  # every English SNHR news article is from 2024 or later
    assert item.cursor["lanes"] == {"api": None}  # one API page: the lane is done
    assert [url for url, _ in item.cursor["pending"]] == found
    assert item.pages_done == 1
    assert item.articles == len(found)

    stored = {canonical_url(found[0], spider.source)}
    resumed = make(SnhrSpider, crawler, "snhr-en", cursor=item.cursor, known=stored)
    again = started(resumed)
    assert [r.url for r in again] == found[1:]  # pending articles only: no index page
    hints = again[0].meta["raqib_hints"]
    assert hints.published
    assert hints.title

    paged = make(SnhrSpider, crawler, "snhr-en", cursor={"lanes": {"api": 3}})
    assert [("page=3" in r.url, r.meta["page"]) for r in entry(paged)] == [(True, 3)]
    fed = make(SnhrSpider, crawler, "snhr-en", cursor={"lanes": {"feed": 2}})
    assert [r.url for r in entry(fed)] == [spider.feed_url(2)]


def test_alkarama_listing_cursor_is_the_next_page(crawler: Crawler, mirrors: Mirrors) -> None:
    spider = make(AlkaramaSpider, crawler, "alkarama-fr")
    [menu] = entry(spider)  # the Syria term is read from the country menu
    [first], _ = crawl_page(menu)
    assert "/fr/taxonomy/term/28/articles" in first.url
    requests, [item] = crawl_page(first)
    [following] = [r for r in requests if r.meta.get("raqib_kind") == "listing"]
    assert item.cursor["lanes"] == {"term": 28, "listing": 1}
    resumed = make(AlkaramaSpider, crawler, "alkarama-fr", cursor=item.cursor)
    assert [r.url for r in entry(resumed)] == [following.url]
    requests, [last] = crawl_page(entry(resumed)[0])
    assert last.pages_done == 2
    done = make(AlkaramaSpider, crawler, "alkarama-fr", cursor={"lanes": {"listing": None}})
    assert entry(done) == []


def test_sitemap_cursor_lists_the_child_sitemaps_left(crawler: Crawler, mirrors: Mirrors,
                                                      tmp_path: Path) -> None:
    (tmp_path / "sm").mkdir()
    sm = Crawler(mirrors, tmp_path / "sm", [
        {"name": "sm-snhr", "spider": "sitemap", "lang": "en",
         "url": mirrors.base_url("snhr") + "/wp-sitemap.xml"}])
    spider = make(SitemapSpider, sm, "sm-snhr")
    [index] = entry(spider)
    [child], [item] = crawl_page(index)
    assert item.cursor["lanes"] == {index.url: None, child.url: "todo"}
    resumed = make(SitemapSpider, sm, "sm-snhr", cursor=item.cursor)
    assert [r.url for r in entry(resumed)] == [child.url]
    pages, [after] = crawl_page(entry(resumed)[0])
    assert after.cursor["lanes"][child.url] is None
    assert articles(pages)


def test_sohr_months_resume_where_each_stopped(crawler: Crawler, mirrors: Mirrors) -> None:
    root = mirrors.base_url("sohr") + "/en/"
    window = {"since": date(2025, 9, 1), "until": date(2025, 12, 31)}
    fresh = make(SohrSpider, crawler, "sohr-en", **window)
    assert [r.url for r in entry(fresh)] == [root + f"date/2025/{m}/" for m in
                                             ("12", "11", "10", "09")]
    requests, [item] = crawl_page(entry(fresh)[0])
    assert item.cursor["lanes"] == {"2025-12": None}  # a month without posts answers 404
    cursor = {"lanes": {"2025-12": None, "2025-10": root + "date/2025/10/page/2/"}}
    resumed = make(SohrSpider, crawler, "sohr-en", cursor=cursor, **window)
    assert [r.url for r in entry(resumed)] == [
        root + "date/2025/11/", root + "date/2025/10/page/2/", root + "date/2025/09/"]

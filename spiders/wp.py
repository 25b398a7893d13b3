"""WordPress discovery shared by the snhr, horrya and wordpress spiders.

Most robust first: the REST API (``wp-json/wp/v2/posts``: link, date_gmt, modified_gmt,
title) with ``X-WP-TotalPages`` paging and ``after``/``before`` for backfills; when the API
is closed or missing, the RSS feed (``feed/``, ``?paged=N`` for older items). Incremental
runs stop at the first known item; the first page is a conditional request, so an
unchanged site costs robots.txt plus one 304. Backfill cursor lanes: ``api`` (next API page)
or ``feed`` (next ``paged``), None when walked to the end.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from html import unescape
from typing import Any
from urllib.parse import urlencode, urljoin

from scrapy.http import Request, Response

from crawler.models import PageHints
from spiders.base import ValidatorsItem
from spiders.discovery import DiscoverySpider
from spiders.feedparse import FeedFormatError, parse_feed
from spiders.pages import iso_utc

API_PAGE = 10  # incremental: newest posts per API page
BACKFILL_PAGE = 50
BLOCKED = (401, 403, 429, 503)
API_CLOSED = '"raqib:api-closed"'  # stored in place of an ETag for a closed REST API


class WordPressSpider(DiscoverySpider):
    """Discovery over a WordPress root (``source.url``); ``use_api = False`` for sites whose
    API is closed."""

    use_api = True

    def entry_requests(self) -> Iterator[Request]:
        if self.resumed and ("api" in self.lanes or "feed" in self.lanes):
            yield from self.resume_requests()
            return
        if self.use_api and (self.backfill or not self.api_known_closed()):
            yield self.conditional_request(self.api_url(1), self.parse_api, page=1,
                                           handle_httpstatus_all=True)
        else:
            yield from self.feed_requests()

    def resume_requests(self) -> Iterator[Request]:
        """Carry on an interrupted backfill from its saved lane."""
        if "feed" in self.lanes:
            paged = self.lanes["feed"]
            if paged is not None:
                yield self.feed_page_request(int(paged))
            return
        page = self.lanes.get("api")
        if page is not None:
            yield self.conditional_request(self.api_url(int(page)), self.parse_api,
                                           page=int(page), handle_httpstatus_all=True)

    def api_known_closed(self) -> bool:
        """Whether an earlier successful run found the API closed (so an unchanged site
        still costs only robots.txt and the feed's 304). Backfills probe it again."""
        return self.validators(self.api_url(1))[0] == API_CLOSED

    # -- REST API -----------------------------------------------------------------------

    def api_url(self, page: int) -> str:
        params: dict[str, Any] = {"per_page": BACKFILL_PAGE if self.backfill else API_PAGE,
                                  "page": page, "orderby": "date", "order": "desc"}
        if self.since:
            params["after"] = f"{self.since.isoformat()}T00:00:00Z"
        if self.until:
            params["before"] = f"{(self.until + timedelta(days=1)).isoformat()}T00:00:00Z"
        return urljoin(self.root, "wp-json/wp/v2/posts") + "?" + urlencode(params)

    def parse_api(self, response: Response) -> Iterator[Any]:
        page = int(response.meta.get("page", 1))
        if response.status != 200:
            if page == 1:
                self.logger.info("%s: REST API answered %s; using the feed", response.url,
                                 response.status)
                if response.status in (401, 403, 404):
                    asked = response.request.url if response.request else response.url
                    yield ValidatorsItem(url=asked, etag=API_CLOSED,
                                         last_modified=None, status=response.status)
                yield from self.feed_requests()
            else:
                self.errors.append(f"{response.url}: HTTP {response.status}")
            return
        posts = _json_list(response.body)
        if posts is None:
            self.shape_error(f"{response.url}: the REST API did not answer a JSON list; "
                             "falling back to the feed")
            if page == 1:
                yield from self.feed_requests()
            return
        found: list[tuple[str, PageHints]] = []
        for post in posts:
            entry = self._post_entry(post, response.url)
            if entry is None:
                if page == 1 and not found:
                    yield from self.feed_requests()
                return
            found.append(entry)
        yield from self.discovered(found)
        pages = _int_header(response, "X-WP-TotalPages")
        links = [link for link, _ in found]
        following = None
        if pages is not None and page < pages and self.keep_paging_strict(links):
            following = page + 1
            yield self.conditional_request(self.api_url(following), self.parse_api,
                                           page=following, handle_httpstatus_all=True)
        yield from self.index_page_done("api", following)

    def _post_entry(self, post: Any, url: str) -> tuple[str, PageHints] | None:
        try:
            link = post["link"]
            if not isinstance(link, str):
                raise TypeError(link)
            published = iso_utc(post["date_gmt"])
            title = unescape(re.sub(r"<[^>]+>", "", post["title"]["rendered"])).strip()
        except (KeyError, TypeError):
            self.shape_error(f"{url}: a post lacks link, date_gmt or title.rendered (the "
                             "REST API changed shape); falling back to the feed")
            return None
        hints = PageHints(title=title or None, published=published,
                          modified=iso_utc(post.get("modified_gmt")), lang=self.hint_lang(link),
                          guid=str(post.get("id", "")) or None)
        return link, hints

    # -- feed ---------------------------------------------------------------------------

    def feed_url(self, paged: int = 1) -> str:
        url = urljoin(self.root, "feed/")
        return url if paged == 1 else f"{url}?paged={paged}"

    def feed_requests(self) -> Iterator[Request]:
        yield self.conditional_request(self.feed_url(), self.parse_wp_feed, entry=True, paged=1)

    def feed_page_request(self, paged: int) -> Request:
        return Request(self.feed_url(paged), callback=self.parse_wp_feed,
                       meta={"paged": paged, "handle_httpstatus_list": [404],
                             "raqib_kind": "listing"})

    def parse_wp_feed(self, response: Response) -> Iterator[Any]:
        paged = int(response.meta.get("paged", 1))
        try:
            feed = parse_feed(response.body, base_url=response.url, lang=self.source.lang)
        except FeedFormatError as exc:
            if paged == 1:
                self.shape_error(f"{response.url}: {exc}")
            else:  # past the last page
                yield from self.index_page_done("feed", None)
            return
        self.tally(feed.skipped, feed.notes)
        entries = [(e.link, e.hints) for e in feed.entries]
        if not entries and paged == 1:
            self.shape_error(f"{response.url}: the feed lists no items")
            return
        entries = [(link, replace(h, lang=self.hint_lang(link))) for link, h in entries]
        yield from self.discovered([(link, h) for link, h in entries
                                    if self.in_window(h.published)])
        older = any(self.before_window(h.published) for _, h in entries)
        following = None
        if self.backfill and entries and not older:
            following = paged + 1
            yield self.feed_page_request(following)
        yield from self.index_page_done("feed", following)

def _json_list(body: bytes) -> list[Any] | None:
    try:
        data = json.loads(body)
    except ValueError:
        return None
    return data if isinstance(data, list) else None


def _int_header(response: Response, name: str) -> int | None:
    value = response.headers.get(name)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def months_back(until: date, since: date) -> Iterator[date]:
    """First days of the months from ``until``'s back to ``since``'s, newest first."""
    current = until.replace(day=1)
    while current >= since.replace(day=1):
        yield current
        current = (current - timedelta(days=1)).replace(day=1)

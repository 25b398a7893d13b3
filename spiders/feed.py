"""The generic ``feed`` spider: an RSS or Atom feed, each new item's link fetched.

Feeds are parsed by feedparser (``spiders.feedparse``). Paging follows an RFC 5005
``<link rel="next">`` while the page still lists new items.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scrapy.http import Request, Response

from spiders.base import RaqibSpider
from spiders.feedparse import FeedFormatError, parse_feed


class FeedSpider(RaqibSpider):
    name = "feed"

    def entry_requests(self) -> Iterator[Request]:
        yield self.conditional_request(self.source.url, self.parse_feed, entry=True)

    def parse_feed(self, response: Response) -> Iterator[Any]:
        try:
            feed = parse_feed(response.body, base_url=response.url, lang=self.source.lang)
        except FeedFormatError as exc:
            if response.meta.get("raqib_entry"):
                self.fatal(f"{response.url}: {exc}; check the source's url points at its feed")
            self.shape_error(f"{response.url}: {exc}")
            return
        self.tally(feed.skipped, feed.notes)
        if not feed.entries:
            self.shape_error(f"{response.url}: the feed lists no items")
            return
        entries = [e for e in feed.entries if self.in_window(e.hints.published)]
        for entry in entries:
            request = self.article_request(entry.link, entry.hints)
            if request is not None:
                yield request
        older = any(self.before_window(e.hints.published) for e in feed.entries)
        links = [e.link for e in feed.entries]
        if (feed.next_url and not older and self.keep_paging(links)
                and self.followable(feed.next_url)):
            yield self.conditional_request(feed.next_url, self.parse_feed)

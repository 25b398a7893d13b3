"""Alkarama (www.alkarama.org, alias alkarama.org): Drupal, one language per source URL
(/en/, /fr/, /ar/). New items come from the Syria country term's feed
(``taxonomy/term/N/feed``); backfills walk the term's listing (``?page=N``, zero-based)
back to ``since`` (backfill cursor lane ``listing``: the next page number, None at the end).
Article aliases are /{en,fr,ar}/articles/<slug>; /node/N redirects
there. The URL's language can differ from the text's (a French item under /en/), so the
language is left to the extractor. Titles start "Syria:" / "Syrie :" / "سوريا:".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

from scrapy.http import Request, Response

from crawler.models import PageHints
from spiders.discovery import DiscoverySpider
from spiders.feedparse import FeedFormatError, parse_feed
from spiders.pages import iso_utc

PERMALINK = re.compile(r"^/(?:en|fr|ar)/(?:articles|node)/[^/]+/?$")
SYRIA_TERM = 12  # the Syria country term's id (Drupal taxonomy); check on the live site
TITLE_PREFIX = re.compile(r"^\s*(Syria|Syrie|سوريا|سورية)\s*:")


class AlkaramaSpider(DiscoverySpider):
    name = "alkarama"
    permalink = PERMALINK

    def entry_requests(self) -> Iterator[Request]:
        if self.backfill:
            page = self.lanes.get("listing", 0)
            if page is not None:
                yield self.listing_request(int(page))
        else:
            yield self.conditional_request(self.term_url("/feed"), self.parse_term_feed,
                                           entry=True)

    def term_url(self, suffix: str = "") -> str:
        return urljoin(self.root, f"taxonomy/term/{SYRIA_TERM}{suffix}")

    def hint_lang(self, link: str) -> str | None:
        return None

    def parse_term_feed(self, response: Response) -> Iterator[Any]:
        try:
            feed = parse_feed(response.body, base_url=response.url)
        except FeedFormatError as exc:
            self.shape_error(f"{response.url}: {exc}")
            return
        self.tally(feed.skipped, feed.notes)
        if not feed.entries:
            self.shape_error(f"{response.url}: the Syria term feed lists no items")
            return
        self._check_titles([e.hints.title for e in feed.entries], response.url)
        yield from self.discovered([(e.link, e.hints) for e in feed.entries])

    def listing_request(self, page: int) -> Request:
        url = self.term_url() + (f"?page={page}" if page else "")
        return Request(url, callback=self.parse_listing, meta={"page": page,
                                                               "raqib_kind": "listing"})

    def parse_listing(self, response: Response) -> Iterator[Any]:
        page = int(response.meta["page"])
        entries: list[tuple[str, PageHints]] = []
        for row in response.css("div.view-content article"):
            link = row.css("h2 a::attr(href)").get()
            absolute = self.absolute(response, link) if link else None
            if not absolute:
                continue
            entries.append((absolute, PageHints(
                title=" ".join(row.css("h2 a ::text").getall()).strip() or None,
                published=iso_utc(row.css("time::attr(datetime)").get()))))
        if not entries:
            if page == 0 or response.css("div.view-content *"):
                self.shape_error(f"{response.url}: the term listing shows no article links "
                                 "(the listing layout changed?)")
            else:
                yield from self.index_page_done("listing", None)
            return
        self._check_titles([h.title for _, h in entries], response.url)
        yield from self.discovered([(u, h) for u, h in entries if self.in_window(h.published)])
        following = None
        if not any(self.before_window(h.published) for _, h in entries):
            following = page + 1
            yield self.listing_request(following)
        yield from self.index_page_done("listing", following)

    def _check_titles(self, titles: list[str | None], url: str) -> None:
        if titles and not any(t and TITLE_PREFIX.match(t) for t in titles):
            self.shape_error(f"{url}: no title starts with 'Syria:' / 'Syrie :' / 'سوريا:'; "
                             "is the Syria term id still right?")

"""The generic ``sitemap`` spider: a sitemap or sitemap index URL.

Child sitemaps of an index are followed (skipping those whose ``lastmod`` is older than a
backfill's ``since``); page URLs are kept when they match one of the source's ``keep``
regular expressions (all, when none is given) and, in a backfill, when their ``lastmod``
is not older than ``since``. Sitemaps are fetched conditionally, so an unchanged site
costs robots.txt plus one 304. Backfill cursor: one lane per sitemap URL ("todo", None when
read), so a resumed backfill reads only the child sitemaps it had not finished.

Parsed with Scrapy's own sitemap utilities: ``Sitemap`` (lxml, entities not resolved) and,
for a raw ``.xml.gz`` body, ``gunzip`` inflating in chunks and stopping at
``crawl.max_page_mb``, so a gzip bomb costs no more memory than the largest page allowed.
Each ``<url>`` is read on its own: an unreadable ``lastmod`` leaves that URL undated, a bad
``loc`` skips that URL only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lxml import etree
from scrapy.http import Request, Response
from scrapy.utils._compression import _DecompressionMaxSizeExceeded
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap

from crawler.models import PageHints
from spiders.discovery import DiscoverySpider
from spiders.pages import iso_utc

GZIP_MAGIC = b"\x1f\x8b"
UNREADABLE_LASTMOD = "unreadable lastmod (kept, undated)"


class SitemapTooLarge(ValueError):
    """A compressed sitemap inflates past the page size cap."""


class SitemapSpider(DiscoverySpider):
    name = "sitemap"

    def entry_requests(self) -> Iterator[Request]:
        self.keep = [re.compile(pattern) for pattern in self.source.keep]
        if self.resumed and self.lanes:
            for url, position in self.lanes.items():
                if position is not None:
                    yield self.conditional_request(url, self.parse_sitemap)
            return
        yield self.conditional_request(self.source.url, self.parse_sitemap, entry=True)

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        entry = bool(response.meta.get("raqib_entry"))
        try:
            sitemap = Sitemap(self._body(response))
        except SitemapTooLarge as exc:
            yield from self._refuse(response, str(exc), entry, hint=False)
            return
        except (etree.XMLSyntaxError, StopIteration, OSError, EOFError) as exc:
            yield from self._refuse(
                response, f"not a sitemap: the document is not XML ({_first_line(exc)})", entry)
            return
        lane = response.request.url if response.request is not None else response.url
        if sitemap.type == "sitemapindex":
            for loc, lastmod in self._locations(response, sitemap):
                if (self.backfill and self.before_window(lastmod)) or not self.followable(loc):
                    continue
                if self.backfill:
                    if loc in self.lanes and self.lanes[loc] is None:
                        continue  # read by the run this one resumes
                    self.lanes[loc] = "todo"
                yield self.conditional_request(loc, self.parse_sitemap)
            yield from self.index_page_done(lane, None)
        elif sitemap.type == "urlset":
            entries = sorted(self._locations(response, sitemap), key=lambda e: e[1] or "",
                             reverse=True)
            for link, lastmod in entries:
                if not self._kept(link) or (self.backfill and self.before_window(lastmod)):
                    continue
                request = self.article_request(link, PageHints(modified=lastmod,
                                                               lang=self.source.lang))
                if request is not None:
                    yield request
            yield from self.index_page_done(lane, None)
        else:
            yield from self._refuse(response, f"not a sitemap: the root element is "
                                    f"<{sitemap.type}>, not <urlset> or <sitemapindex>", entry)

    def _body(self, response: Response) -> bytes:
        body = bytes(response.body)
        if body[:2] != GZIP_MAGIC:
            return body
        cap_mb = self.crawl_config.max_page_mb
        try:
            return gunzip(body, max_size=int(cap_mb * 1024 * 1024))
        except _DecompressionMaxSizeExceeded:
            raise SitemapTooLarge(
                f"the compressed sitemap inflates to more than crawl.max_page_mb "
                f"({cap_mb:g} MB); not read") from None

    def _refuse(self, response: Response, problem: str, entry: bool, *,
                hint: bool = True) -> Iterator[Any]:
        message = f"{response.url}: {problem}"
        if entry:
            self.fatal(message + ("; check the source's url points at its sitemap" if hint
                                  else ""))
        self.shape_error(message)
        yield from ()

    def _locations(self, response: Response, sitemap: Sitemap
                   ) -> Iterator[tuple[str, str | None]]:
        for node in sitemap:
            loc = self.absolute(response, node["loc"]) if node.get("loc") else None
            if not loc:
                continue
            raw_lastmod = node.get("lastmod")
            lastmod = iso_utc(raw_lastmod)
            if raw_lastmod and lastmod is None:
                self.notes[UNREADABLE_LASTMOD] += 1
            yield loc, lastmod

    def keeps(self, url: str) -> bool:
        return super().keeps(url) and self._kept(url)

    def _kept(self, url: str) -> bool:
        return not self.keep or any(pattern.search(url) for pattern in self.keep)


def _first_line(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:200]

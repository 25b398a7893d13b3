"""The generic ``sitemap`` spider: a sitemap or sitemap index URL.

Child sitemaps of an index are followed (skipping those whose ``lastmod`` is older than a
backfill's ``since``); page URLs are kept when they match one of the source's ``keep``
regular expressions (all, when none is given) and, in a backfill, when their ``lastmod``
is not older than ``since``. Sitemaps are fetched conditionally, so an unchanged site
costs robots.txt plus one 304. Backfill cursor: one lane per sitemap URL ("todo", None when
read), so a resumed backfill reads only the child sitemaps it had not finished.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from typing import Any

from lxml import etree
from scrapy.http import Request, Response

from crawler.models import PageHints
from spiders.discovery import DiscoverySpider
from spiders.pages import iso_utc

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


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
        body = bytes(response.body)
        if body[:2] == b"\x1f\x8b":
            body = gzip.decompress(body)
        try:
            root = etree.fromstring(body, parser=_PARSER)
        except etree.XMLSyntaxError as exc:
            message = f"{response.url}: not a sitemap: the document is not XML ({exc})"
            if response.meta.get("raqib_entry"):
                self.fatal(message + "; check the source's url points at its sitemap")
            self.shape_error(message)
            return
        kind = etree.QName(root).localname
        lane = response.request.url if response.request is not None else response.url
        if kind == "sitemapindex":
            for loc, lastmod in _locations(root, "sitemap"):
                if self.backfill and self.before_window(lastmod):
                    continue
                child = response.urljoin(loc)
                if self.backfill:
                    if child in self.lanes and self.lanes[child] is None:
                        continue  # read by the run this one resumes
                    self.lanes[child] = "todo"
                yield self.conditional_request(child, self.parse_sitemap)
            yield from self.index_page_done(lane, None)
        elif kind == "urlset":
            entries = sorted(_locations(root, "url"), key=lambda e: e[1] or "", reverse=True)
            chosen = [(response.urljoin(loc), PageHints(modified=lastmod, lang=self.source.lang))
                      for loc, lastmod in entries
                      if self._kept(loc) and not (self.backfill and self.before_window(lastmod))]
            for link, hints in chosen:
                request = self.article_request(link, hints)
                if request is not None:
                    yield request
            yield from self.index_page_done(lane, None)
        else:
            self.shape_error(f"{response.url}: the root element is <{kind}>, not <urlset> or "
                             "<sitemapindex>")

    def _kept(self, url: str) -> bool:
        return not self.keep or any(pattern.search(url) for pattern in self.keep)


def _locations(root: etree._Element, tag: str) -> list[tuple[str, str | None]]:
    found = []
    for node in root.iter(f"{{{SITEMAP_NS}}}{tag}", tag):
        loc = node.findtext(f"{{{SITEMAP_NS}}}loc") or node.findtext("loc")
        lastmod = node.findtext(f"{{{SITEMAP_NS}}}lastmod") or node.findtext("lastmod")
        if loc and loc.strip():
            found.append((loc.strip(), iso_utc(lastmod.strip()) if lastmod else None))
    return found

"""The discovery side shared by raqib's own spiders: link checks, the incremental stop at
the first known item, and a shape check of each article page before it is stored."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from scrapy.http import Request, Response

from crawler.models import PageHints
from spiders.base import RaqibSpider
from spiders.pages import (
    iso_utc,
    merge_hints,
    page_meta,
    path_matches,
    same_site,
    strip_tracking,
)

# Links in these parts of a page are chrome (menus, "most read" widgets), not the listing.
_CONTENT_LINKS = ("//a[@href][not(ancestor::header or ancestor::nav or ancestor::footer "
                  "or ancestor::aside)]")


class DiscoverySpider(RaqibSpider):
    """Subclasses set ``permalink`` (a regex over the decoded path of an article URL) to
    check discovered links and canonical links, and ``require_published`` where the page
    text cannot be trusted for the date."""

    permalink: re.Pattern[str] | None = None
    require_published = False
    stop_paging = False  # set when an incremental run reaches a known item

    @property
    def root(self) -> str:
        url = self.source.url
        return url if url.endswith("/") else url + "/"

    # -- shared -------------------------------------------------------------------------

    def hint_lang(self, link: str) -> str | None:
        return self.source.lang

    def discovered(self, entries: list[tuple[str, PageHints]]) -> Iterator[Request]:
        """Article requests for newest-first entries; an incremental run stops at the first
        known one (everything older was seen by an earlier run)."""
        for link, hints in entries:
            if self.checked_canonical(link) is None:
                continue
            link = strip_tracking(link)
            if not self.accept_link(link):
                continue
            if not self.backfill and not self.new_urls([link]):
                self.stop_paging = True
                return
            request = self.article_request(link, hints)
            if request is not None:
                yield request

    def permalink_entries(self, response: Response,
                          lang: str | None = None) -> list[tuple[str, PageHints]]:
        """The article links of a listing page, found by the site's permalink shape (not by
        class names, which change with the theme), in page order, once each. The title is
        the link's text; the date, a ``<time datetime>`` close to the link."""
        found: dict[str, PageHints] = {}
        for anchor in response.xpath(_CONTENT_LINKS):
            href = anchor.attrib.get("href", "").strip()
            link = self.absolute(response, href) if href else None
            if (not link or not link.startswith(("http://", "https://"))
                    or not same_site(link, self.root) or self.permalink is None
                    or not path_matches(link, self.permalink)):
                continue
            title = " ".join(" ".join(anchor.xpath(".//text()").getall()).split()) or None
            if link in found:
                if title and not found[link].title:
                    found[link] = PageHints(title=title, published=found[link].published,
                                            lang=lang)
                continue
            stamp = anchor.xpath("ancestor::*[position() <= 3][.//time[@datetime]][1]"
                                 "//time/@datetime").get()
            found[link] = PageHints(title=title, published=iso_utc(stamp), lang=lang)
        return list(found.items())

    def keep_paging_strict(self, links: list[str]) -> bool:
        return not self.stop_paging and self.keep_paging(links)

    def keeps(self, url: str) -> bool:
        return same_site(url, self.root) and (
            self.permalink is None or path_matches(url, self.permalink))

    def accept_link(self, link: str) -> bool:
        if not same_site(link, self.root):
            self.shape_error(f"{link}: an item links outside the site; skipped")
            return False
        if self.permalink is not None and not path_matches(link, self.permalink):
            self.shape_error(f"{link}: not an article permalink of the expected shape; skipped")
            return False
        return True

    def parse_article(self, response: Response) -> Iterator[Any]:
        """Check the article page's shape before it is stored; fill hints from its meta."""
        if response.meta.get("raqib_recheck") or response.status != 200:
            yield from super().parse_article(response)
            return
        meta = page_meta(response.body, response.url)
        hints: PageHints = response.meta.get("raqib_hints") or PageHints()
        problem = None
        if meta.canonical is None:
            problem = "no <link rel=canonical>"
        elif self.permalink is not None and not path_matches(meta.canonical, self.permalink):
            problem = f"canonical link {meta.canonical} is not an article permalink"
        elif self.require_published and not (hints.published or meta.published):
            problem = "no publication date in the feed, API or page metadata"
        if problem:
            self.shape_error(f"{response.url}: {problem} (the page layout changed?); "
                             "not stored")
            self.refuse(response)
            return
        response.meta["raqib_hints"] = merge_hints(hints, meta)
        yield from super().parse_article(response)



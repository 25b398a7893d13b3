"""Alkarama (www.alkarama.org, alias alkarama.org): Drupal, one language per source URL
(/en/, /fr/, /ar/). Article aliases are /{en,fr,ar}/articles/<slug> (Latin slugs, Arabic
too); /node/N redirects there. The URL's language can differ from the text's (a French
item under /en/), so the language is left to the extractor.

Which taxonomy term is Syria's is read from the site, never assumed: the country menu's
link named Syria / Syrie / سوريا gives the term id (remembered in the store, so an
unchanged source still costs robots.txt plus one 304). A source whose ``url`` names a term
(``…/taxonomy/term/N/articles``) uses that term. Stored copies of the real site say
term 28; the id raqib once hard-coded (12) is another country.

New items come from the term feed (``taxonomy/term/N/feed``) when the site has one —
whether it does is unknown — else from the first page of the term listing
(``taxonomy/term/N/articles?page=N``, zero-based; a missing feed is remembered). Backfills
walk the listing back to ``since`` (cursor lane ``listing``; ``term`` keeps the term).
Listing links are found by the permalink shape, not by class names.

Another country's articles are refused: a feed or listing page on which no title starts
"Syria:" / "Syrie :" / "سوريا:" is not Syria's (the term is looked up again once, then the
run is degraded and nothing is stored), and single items whose title starts with another
country's name are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

from scrapy.http import Request, Response

from crawler.models import PageHints
from spiders import permalinks
from spiders.base import ValidatorsItem
from spiders.discovery import DiscoverySpider
from spiders.feedparse import FeedFormatError, parse_feed

PERMALINK = permalinks.ALKARAMA
TITLE_PREFIX = permalinks.SYRIA_TITLE
COUNTRY_PREFIX = re.compile(r"^\s*([^:]{2,30}?)\s*:")
configured_term = permalinks.configured_term
syria_term = permalinks.syria_term
# Countries Alkarama covers besides Syria, as its menu names them (en, fr, ar): an item
# titled with one of them belongs to that country's listing.
OTHER_COUNTRIES = frozenset({
    "algeria", "algérie", "الجزائر", "bahrain", "bahreïn", "البحرين", "egypt", "égypte", "مصر",
    "iraq", "irak", "العراق", "jordan", "jordanie", "الأردن", "kuwait", "koweït", "الكويت",
    "lebanon", "liban", "لبنان", "libya", "libye", "ليبيا", "mauritania", "mauritanie",
    "موريتانيا", "morocco", "maroc", "المغرب", "oman", "عمان", "palestine", "فلسطين",
    "qatar", "قطر", "saudi arabia", "arabie saoudite", "السعودية", "sudan", "soudan",
    "السودان", "tunisia", "tunisie", "تونس", "uae", "emirats arabes unis", "الإمارات",
    "yemen", "yémen", "اليمن",
})  # fmt: skip
TERM_CACHE = "#raqib:syria-term"  # http_cache key suffix holding the term id (as its etag)
NO_TERM_FEED = '"raqib:no-term-feed"'  # stored in place of the term feed's ETag


class AlkaramaSpider(DiscoverySpider):
    name = "alkarama"
    permalink = PERMALINK

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.term: int | None = None
        self.looked_up = False  # the country menu was read in this run

    # -- which term --------------------------------------------------------------------

    def entry_requests(self) -> Iterator[Request]:
        if self.backfill and "listing" in self.lanes and self.lanes["listing"] is None:
            return  # a resumed backfill that had walked the whole listing
        term = (configured_term(self.source.url) or self.lanes.get("term")
                or self.cached_term())
        if term is None:
            yield self.menu_request()
            return
        self.term = term
        yield from self.term_requests()

    @property
    def root(self) -> str:
        """The language root (``…/en/``), also when ``url`` names a term listing."""
        match = re.match(r"^(.*?/(?:en|fr|ar)/)", self.source.url)
        return match[1] if match else super().root

    def cached_term(self) -> int | None:
        value = self.validators(self.root + TERM_CACHE)[0]
        return int(value) if value and value.isdigit() else None

    def menu_request(self) -> Request:
        return Request(self.root, callback=self.parse_menu, errback=self._conditional_failed,
                       dont_filter=True, meta={"raqib_entry": True, "raqib_kind": "listing"})

    def parse_menu(self, response: Response) -> Iterator[Any]:
        self.looked_up = True
        term = syria_term(response)
        if term is None:
            self.fatal(f"{response.url}: no country menu link named Syria / Syrie / سوريا; set "
                       f"this source's url to its Syria listing ({self.root}taxonomy/term/N/"
                       "articles, N from the site's Syria page)")
        self.term = term
        self.lanes["term"] = term  # a resumed backfill goes on with the same term
        yield ValidatorsItem(url=self.root + TERM_CACHE, etag=str(term), last_modified=None,
                             status=200)
        yield from self.term_requests()

    def term_url(self, suffix: str = "") -> str:
        return urljoin(self.root, f"taxonomy/term/{self.term}{suffix}")

    def term_requests(self) -> Iterator[Request]:
        if self.backfill:
            page = self.lanes.get("listing", 0)
            if page is not None:
                yield self.listing_request(int(page))
        elif self.validators(self.term_url("/feed"))[0] == NO_TERM_FEED:
            yield self.listing_request(0, conditional=True)
        else:
            yield self.conditional_request(self.term_url("/feed"), self.parse_term_feed,
                                           entry=True, handle_httpstatus_all=True)

    def hint_lang(self, link: str) -> str | None:
        return None

    # -- feed and listing ----------------------------------------------------------------

    def parse_term_feed(self, response: Response) -> Iterator[Any]:
        if response.status in (404, 410):  # no term feed on this site: use the listing
            self.logger.info("%s: no term feed; reading the term listing", response.url)
            yield ValidatorsItem(url=self.term_url("/feed"), etag=NO_TERM_FEED,
                                 last_modified=None, status=response.status)
            yield self.listing_request(0, conditional=True)
            return
        if response.status != 200:
            self.entry_failed = self.entry_failed or f"{response.url}: HTTP {response.status}"
            return
        try:
            feed = parse_feed(response.body, base_url=response.url)
        except FeedFormatError as exc:
            self.shape_error(f"{response.url}: {exc}")
            return
        self.tally(feed.skipped, feed.notes)
        if not feed.entries:
            self.shape_error(f"{response.url}: the Syria term feed lists no items")
            return
        entries = [(e.link, e.hints) for e in feed.entries]
        if self.wrong_term(entries, response.url):
            yield from self.look_up_again()
            return
        yield from self.discovered(self.syrian(entries))

    def listing_request(self, page: int, *, conditional: bool = False) -> Request:
        url = self.term_url("/articles") + (f"?page={page}" if page else "")
        if conditional:
            return self.conditional_request(url, self.parse_listing, entry=True, page=page)
        return Request(url, callback=self.parse_listing, meta={"page": page,
                                                               "raqib_kind": "listing"})

    def parse_listing(self, response: Response) -> Iterator[Any]:
        page = int(response.meta["page"])
        entries = self.permalink_entries(response)
        if not entries:
            if page == 0:
                self.shape_error(f"{response.url}: the term listing has no link of the "
                                 "permalink shape /<lang>/articles/<slug> (links now built by "
                                 "script, or the URL shape changed?)")
            else:
                yield from self.index_page_done("listing", None)
            return
        if self.wrong_term(entries, response.url):
            yield from self.look_up_again()
            return
        entries = self.syrian(entries)
        yield from self.discovered([(u, h) for u, h in entries if self.in_window(h.published)])
        following = None
        links = [link for link, _ in entries]
        more = self.backfill or self.keep_paging_strict(links)
        if more and not any(self.before_window(h.published) for _, h in entries):
            following = page + 1
            yield self.listing_request(following)
        yield from self.index_page_done("listing", following)

    # -- another country's articles ------------------------------------------------------

    def wrong_term(self, entries: list[tuple[str, PageHints]], url: str) -> bool:
        """Whether a page lists another country: no title starts with Syria's name. Then
        nothing of it is stored."""
        titles = [h.title for _, h in entries if h.title]
        if not titles or any(TITLE_PREFIX.match(t) for t in titles):
            return False
        if self.looked_up or configured_term(self.source.url):
            self.shape_error(
                f"{url}: term {self.term} is not Syria's listing (titles start "
                f"{titles[0][:40]!r}); nothing stored — set this source's url to the Syria "
                "listing shown by the site's country menu")
        return True

    def look_up_again(self) -> Iterator[Request]:
        """The remembered term no longer lists Syria: read the country menu once more."""
        if not self.looked_up and not configured_term(self.source.url):
            self.logger.info("term %s does not list Syria any more; reading the menu", self.term)
            yield self.menu_request()

    def syrian(self, entries: list[tuple[str, PageHints]]) -> list[tuple[str, PageHints]]:
        """The entries without the items titled with another country's name."""
        kept = []
        for link, hints in entries:
            match = COUNTRY_PREFIX.match(hints.title or "")
            if match and match[1].strip().lower() in OTHER_COUNTRIES:
                self.skip("another country's article", link)
                continue
            kept.append((link, hints))
        return kept


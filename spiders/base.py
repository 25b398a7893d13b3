"""The base of every raqib spider: discovery helpers, page items, run health.

A spider only *discovers* article URLs (from a feed, an API or a listing) and fetches
them; it never parses article text. ``crawler.run`` builds it with these keyword
arguments (all required except the last six)::

    source      SourceConfig            the source being crawled
    crawl       CrawlConfig             limits (max_pages, ...)
    known       (urls) -> set[str]      which canonical URLs the store already has
    canonical   (url) -> str            the canonical form of a URL for this source
    since/until date | None             backfill window (None: incremental crawl)
    recheck     list[str]               known article URLs to re-fetch conditionally
    validators  (url) -> (etag, last_modified)   stored HTTP validators of a URL
    cursor      dict | None             the saved cursor of this backfill window when an
                                        earlier run of it was cut short (None: start afresh)
    retry       [(url, PageHints)]      article pages earlier runs did not store
                                        (``crawler.retry``), requested after the new work

A subclass sets ``name`` and implements ``entry_requests()``, yielding its first
requests (use ``conditional_request`` for feeds, listings and API pages). Its callbacks
yield ``self.article_request(url, hints)`` for each discovered article (``None`` when
the article is already known: skip it), ``self.keep_paging(urls)`` decides whether to
follow the next listing page, and ``self.shape_error(msg)`` reports that a page no
longer has the expected structure (the run ends 'degraded'). ``self.fatal(msg)``
ends the run 'failed' with that message (e.g. a feed that is not XML).

Items are discovered one by one, in isolation: a link that is not an http(s) URL, has an
invalid port or cannot be parsed is skipped and counted per reason (``self.skipped``,
see ``skip``); the items after it are still requested. ``self.notes`` counts items kept
with a part dropped (an unreadable date), ``self.capped`` the new items left for the next
run by ``crawl.max_pages``.

Backfills are resumable. The cursor has two parts: ``lanes`` (spider-defined index
positions: one entry per independent chain of index pages, e.g. ``{"api": 3}`` or one
per month archive, JSON values) and the articles discovered but not stored yet. After
each index page, a backfilling spider sets its lane and yields
``self.index_page_done(lane, position)`` (a ``CursorItem``, saved by the pipeline).
On resume, ``self.lanes`` holds the saved positions (``entry_requests`` starts from
them) and the pending articles are requested first, so no index page is fetched twice.

Items a spider yields (the pipeline stores them): ``PageItem`` (an article response,
built by the base callback ``parse_article``), ``ValidatorsItem`` (new ETag /
Last-Modified of a conditional URL), ``CheckedItem`` (a recheck answered 304),
``CursorItem`` (where a backfill stands).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from typing import Any

import scrapy
from scrapy.http import Request, Response
from twisted.python.failure import Failure

from crawler.config import CrawlConfig, SourceConfig
from crawler.models import FetchedPage, PageHints
from crawler.urls import InvalidURLError

KnownFn = Callable[[Iterable[str]], set[str]]
CanonicalFn = Callable[[str], str]
ValidatorsFn = Callable[[str], tuple[str | None, str | None]]

REMOVED_STATUSES = (404, 410)


def retry_budget(max_pages: int) -> int:
    """Kept pages one run requests, besides and after its ``max_pages`` new ones: a
    quarter as many (at least one), so a batch of failures never holds back new articles
    and a long kept list is worked through a few pages a run."""
    return max(1, max_pages // 4)


@dataclass(frozen=True)
class PageItem:
    """An article page exactly as received."""

    page: FetchedPage
    recheck: bool = False


@dataclass(frozen=True)
class ValidatorsItem:
    """HTTP validators of a feed, listing or API URL, saved when the run succeeds."""

    url: str
    etag: str | None
    last_modified: str | None
    status: int


@dataclass(frozen=True)
class CheckedItem:
    """A rechecked article answered 304 Not Modified: it is still there, unchanged."""

    url: str


@dataclass(frozen=True)
class CursorItem:
    """Where a backfill stands after a finished index page (JSON-able ``cursor``), with
    running totals over every run of this window."""

    cursor: dict[str, Any]
    pages_done: int
    articles: int


class RaqibSpider(scrapy.Spider):
    """Base class of raqib's spiders (see the module docstring for the contract)."""

    name = "raqib"

    def __init__(
        self,
        *,
        source: SourceConfig,
        crawl: CrawlConfig,
        known: KnownFn,
        canonical: CanonicalFn,
        since: date | None = None,
        until: date | None = None,
        recheck: Iterable[str] = (),
        validators: ValidatorsFn | None = None,
        cursor: dict[str, Any] | None = None,
        retry: Iterable[tuple[str, PageHints]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.source = source
        self.crawl_config = crawl
        self.known = known
        self.canonical = canonical
        self.since = since
        self.until = until
        self.recheck = list(recheck)
        self.validators = validators or (lambda url: (None, None))
        self.shape_errors: list[str] = []
        self.errors: list[str] = []
        self.fatal_error: str | None = None
        self.articles_requested = 0
        self.skipped: Counter[str] = Counter()
        self.notes: Counter[str] = Counter()
        self.capped = 0
        self._refused: set[str] = set()
        self.entry_failed: str | None = None
        self._seen: set[str] = set()
        saved = cursor or {}
        self.resumed = bool(saved)
        self.lanes: dict[str, Any] = dict(saved.get("lanes", {}))
        self.pages_done = int(saved.get("pages_done", 0))
        self.articles_total = int(saved.get("articles", 0))
        self._resume_articles: list[tuple[str, PageHints]] = [
            (url, hints_from(fields)) for url, fields in saved.get("pending", [])]
        # a backfill's articles requested and not yet stored, as its cursor saves them
        self._pending: dict[str, list[Any]] = {}
        self.retry = list(retry)
        self.retry_budget = retry_budget(crawl.max_pages)
        # every article request of the run by canonical URL: what it did not store is
        # kept for the next run (crawler.retry)
        self.requested: dict[str, tuple[str, PageHints]] = {}
        self.retried: set[str] = set()  # kept pages requested by this run
        self.answered: set[str] = set()  # article requests that got an answer or a
        # network error (a page never fetched, as under a robots.txt outage, is not one)
        self.refused: set[str] = set()  # pages refused by design: not stored, not kept
        self.gone: set[str] = set()  # article pages answering 404/410: given up at once
        self.dropped: set[str] = set()  # kept pages the source's rules no longer accept

    # -- what subclasses implement -----------------------------------------------------

    def entry_requests(self) -> Iterator[Request]:
        """The spider's first requests (feed, API, first listing page)."""
        raise NotImplementedError(f"{type(self).__name__} must implement entry_requests()")

    @property
    def backfill(self) -> bool:
        return self.since is not None or self.until is not None

    async def start(self) -> AsyncIterator[Any]:
        for url in self.recheck:
            yield self._recheck_request(url)
        for url, hints in self._resume_articles:
            request = self.article_request(url, hints)
            if request is not None:
                yield request
        for request in self.entry_requests():
            yield request
        for url, hints in self.retry:  # after the new work, and outside max_pages
            request = self._kept_request(url, hints)
            if request is not None:
                yield request

    def keeps(self, url: str) -> bool:
        """Whether a kept page still passes the source's current link rules (its host,
        permalink shape, sitemap ``keep`` patterns); one that does not is forgotten."""
        return True

    # -- discovery helpers -------------------------------------------------------------

    def article_request(self, url: str, hints: PageHints | None = None) -> Request | None:
        """A request for an article page, or None when it is known, seen, over the cap or
        not a followable link (then skipped and counted with its reason)."""
        hints = hints or PageHints()
        canonical = self.checked_canonical(url)
        if canonical is None or canonical in self._seen:
            return None
        self._seen.add(canonical)
        if self.known([canonical]):
            return None
        if self.articles_requested >= self.crawl_config.max_pages:
            self.capped += 1
            return None
        try:
            request = Request(url, callback=self.parse_article, errback=self.article_failed,
                              meta={"raqib_hints": hints, "raqib_kind": "article"})
        except (ValueError, TypeError):
            self.skip("unrequestable link", url)
            return None
        self.articles_requested += 1
        self.requested[canonical] = (url, hints)
        if self.backfill:
            self._pending[canonical] = [url, hint_fields(hints)]
            self.articles_total += 1
        return request

    def checked_canonical(self, url: object) -> str | None:
        """The canonical form of a discovered link; None, the link skipped and counted once
        with its reason, when it cannot name an article (file://, invalid port, ...)."""
        if not isinstance(url, str):
            self.skip("not a link", repr(url))
            return None
        try:
            return self.canonical(url)
        except InvalidURLError as exc:
            if url not in self._refused:
                self._refused.add(url)
                self.skip(exc.reason, url)
            return None

    def followable(self, url: str) -> bool:
        """Whether a discovered feed, listing or sitemap URL may be requested: an http(s)
        URL with a valid host and port. Anything else is skipped and counted."""
        return self.checked_canonical(url) is not None

    def absolute(self, response: Response, link: str) -> str | None:
        """``link`` resolved against the page; None, skipped and counted, when it is not a
        URL at all (``http://[x``)."""
        try:
            return response.urljoin(link)
        except ValueError:
            self.skip("unparseable link", link)
            return None

    def skip(self, reason: str, what: str = "") -> None:
        """Leave one discovered item out, counted under ``reason`` (a short phrase)."""
        self.logger.warning("skipped %s: %s", what[:200] or "an item", reason)
        self.skipped[reason] += 1

    def tally(self, skipped: Counter[str], notes: Counter[str] | None = None) -> None:
        """Add the items a parser left out (``skipped``) or kept degraded (``notes``)."""
        self.skipped.update(skipped)
        self.notes.update(notes or {})

    def new_urls(self, urls: Iterable[str]) -> list[str]:
        """The URLs (as given) whose canonical form is not in the store yet; links that
        cannot name an article are left out."""
        pairs = [(url, c) for url in urls if (c := self._quiet_canonical(url)) is not None]
        known = self.known([c for _, c in pairs])
        return [url for url, c in pairs if c not in known]

    def _quiet_canonical(self, url: str) -> str | None:
        try:
            return self.canonical(url)
        except (InvalidURLError, AttributeError):
            return None

    def keep_paging(self, urls: Iterable[str]) -> bool:
        """Whether to follow the next listing/feed page after one that listed ``urls``.

        Incremental crawls stop at the first page whose items are all known; backfills
        page on (the spider stops them with ``in_window``/``before_window``).
        """
        urls = list(urls)
        if not urls:
            return False
        if self.backfill:
            return True
        if self.articles_requested >= self.crawl_config.max_pages:
            return False
        return bool(self.new_urls(urls))

    def in_window(self, published: str | None) -> bool:
        """Whether a publication date (ISO) falls inside the backfill window (or no window)."""
        day = _day(published)
        if day is None:
            return True
        if self.since and day < self.since:
            return False
        return not (self.until and day > self.until)

    def before_window(self, published: str | None) -> bool:
        """Whether a date is older than ``since`` (a newest-first listing can stop here)."""
        day = _day(published)
        return bool(self.since and day and day < self.since)

    def index_page_done(self, lane: str, position: Any) -> Iterator[CursorItem]:
        """Record that an index page of ``lane`` is finished and where the lane goes on
        (``position``: any JSON value, e.g. the next page number, or None when the lane is
        exhausted). Yields the backfill's cursor for the pipeline to save; nothing outside
        a backfill. Call it after yielding the page's article requests."""
        if not self.backfill:
            return
        self.lanes[lane] = position
        self.pages_done += 1
        if self._pending:
            stored = self.known(list(self._pending))
            for canonical in stored:
                del self._pending[canonical]
        pending = list(self._pending.values())
        yield CursorItem(cursor={"lanes": dict(self.lanes), "pending": pending,
                                 "pages_done": self.pages_done,
                                 "articles": self.articles_total},
                         pages_done=self.pages_done, articles=self.articles_total)

    def conditional_request(self, url: str, callback: Callable[..., Any], *,
                            entry: bool = False, **meta: Any) -> Request:
        """A request for a feed, listing or API page carrying If-None-Match /
        If-Modified-Since from the stored validators. A 304 answer yields nothing; any
        other answer reaches ``callback`` and its new validators are saved (after a
        successful run). ``entry=True``: a failure of this request fails the run."""
        etag, modified = self.validators(url)
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        return Request(url, headers=headers, callback=self._conditional_response,
                       errback=self._conditional_failed, dont_filter=entry,
                       meta={**meta, "raqib_callback": callback, "raqib_entry": entry,
                             "raqib_kind": "listing", "handle_httpstatus_list": [304]})

    # -- health hooks --------------------------------------------------------------------

    def shape_error(self, message: str) -> None:
        """The page no longer looks as the spider expects: the run ends 'degraded'."""
        self.logger.warning("shape: %s", message)
        self.shape_errors.append(message)

    def fatal(self, message: str) -> None:
        """Something makes this run useless: it ends 'failed' with ``message``.

        Raises CloseSpider: call it from a callback (``raise``-like, nothing after it runs).
        """
        self.logger.error("fatal: %s", message)
        if self.fatal_error is None:
            self.fatal_error = message
        raise scrapy.exceptions.CloseSpider(message)

    # -- page items ----------------------------------------------------------------------

    def page_item(self, response: Response, hints: PageHints | None = None, *,
                  recheck: bool = False) -> PageItem:
        """Wrap a response as received: raw bytes, headers, redirect chain, request headers."""
        redirects = tuple(response.meta.get("redirect_urls", ()))
        original = redirects[0] if redirects else response.url
        page = FetchedPage(
            source=self.source.name,
            url=original,
            final_url=response.url,
            status=response.status,
            headers=_header_pairs(response.headers),
            body=bytes(response.body),
            fetched_at=datetime.now(UTC),
            redirects=redirects,
            request_headers=_header_pairs(response.request.headers) if response.request else (),
            hints=hints or PageHints(),
        )
        return PageItem(page=page, recheck=recheck)

    def parse_article(self, response: Response) -> Iterator[Any]:
        self._answer(self.answered, response.request)
        hints = response.meta.get("raqib_hints") or PageHints()
        recheck = bool(response.meta.get("raqib_recheck"))
        if recheck and response.status == 304:
            yield CheckedItem(url=response.url)
            return
        yield self.page_item(response, hints, recheck=recheck)

    def article_failed(self, failure: Failure) -> None:
        from scrapy.exceptions import IgnoreRequest
        from scrapy.spidermiddlewares.httperror import HttpError

        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        value = failure.value
        if isinstance(value, HttpError) or not isinstance(value, IgnoreRequest):
            self._answer(self.answered, request)  # not a request refused before sending
        if isinstance(value, HttpError) and value.response.status in REMOVED_STATUSES:
            key = self._answer(self.gone, request)
            if key in self.retried:  # a kept page the site removed since: a note, no error
                self.logger.info("%s: HTTP %s, given up", url, value.response.status)
                return
        self.errors.append(f"{url}: {_describe(failure)}")

    def refuse(self, response: Response) -> None:
        """The page was fetched and is refused by design (its shape): never kept."""
        self._answer(self.refused, response.request)

    # -- internals -----------------------------------------------------------------------

    def _kept_request(self, url: str, hints: PageHints) -> Request | None:
        """A kept page's request, at a lower priority than new work (as Scrapy's retries
        are) and within its own budget; None when known, seen, no longer accepted or over
        the budget (then it waits, untried, for a later run)."""
        canonical = self.checked_canonical(url)
        if canonical is None or canonical in self._seen:
            return None
        if not self.keeps(url):
            self.dropped.add(canonical)
            return None
        if len(self.retried) >= self.retry_budget:
            return None
        self._seen.add(canonical)
        if self.known([canonical]):
            return None
        try:
            request = Request(url, callback=self.parse_article, errback=self.article_failed,
                              priority=-1, meta={"raqib_hints": hints, "raqib_kind": "article"})
        except (ValueError, TypeError):
            self.dropped.add(canonical)
            return None
        self.retried.add(canonical)
        self.requested[canonical] = (url, hints)
        return request

    def _answer(self, into: set[str], request: Request | None) -> str | None:
        """Add the canonical URL the article ``request`` was first made for to ``into``."""
        if request is None:
            return None
        redirects = request.meta.get("redirect_urls")
        try:
            key = self.canonical(redirects[0] if redirects else request.url)
        except InvalidURLError:
            return None
        into.add(key)
        return key

    def _recheck_request(self, url: str) -> Request:
        etag, modified = self.validators(url)
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        self._seen.add(self.canonical(url))
        return Request(url, headers=headers, callback=self.parse_article,
                       errback=self.article_failed, dont_filter=True,
                       meta={"raqib_recheck": True, "raqib_kind": "article",
                             "handle_httpstatus_list": [304, *REMOVED_STATUSES]})

    def _conditional_response(self, response: Response) -> Iterator[Any]:
        if response.status == 304:
            self.logger.info("%s: not modified", response.url)
            return
        etag = response.headers.get("ETag")
        modified = response.headers.get("Last-Modified")
        if etag or modified:
            yield ValidatorsItem(url=response.request.url if response.request else response.url,
                                 etag=etag.decode("latin-1") if etag else None,
                                 last_modified=modified.decode("latin-1") if modified else None,
                                 status=response.status)
        callback = response.meta["raqib_callback"]
        result = callback(response)
        if result is not None:
            yield from result

    def _conditional_failed(self, failure: Failure) -> None:
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        message = f"{url}: {_describe(failure)}"
        if request is not None and request.meta.get("raqib_entry"):
            self.entry_failed = self.entry_failed or message
        else:
            self.errors.append(message)


def _header_pairs(headers: Any) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for key, values in headers.items():
        name = key.decode("latin-1") if isinstance(key, bytes) else str(key)
        for value in values:
            pairs.append((name, value.decode("latin-1") if isinstance(value, bytes) else value))
    return tuple(pairs)


def hint_fields(hints: PageHints) -> dict[str, Any]:
    """The hints' set fields, JSON-able (PageHints holds only strings, numbers and a tuple
    of strings, so no deep copy is needed)."""
    return {name: value for name in _HINT_NAMES
            if (value := getattr(hints, name)) is not None and value != ()}


_HINT_NAMES = tuple(f.name for f in fields(PageHints))


def hints_from(fields: dict[str, Any]) -> PageHints:
    known = {key: value for key, value in fields.items()
             if key in PageHints.__dataclass_fields__}
    if "categories" in known:
        known["categories"] = tuple(known["categories"])
    return PageHints(**known)


def _day(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _describe(failure: Failure) -> str:
    """A one-line reason for a failed request."""
    from scrapy.spidermiddlewares.httperror import HttpError

    value = failure.value
    if isinstance(value, HttpError):
        request = value.response.request
        reason = request.meta.get("raqib_reason") if request is not None else None
        return reason or f"HTTP {value.response.status}"
    reasons = getattr(value, "reasons", None)  # ResponseNeverReceived, ResponseFailed
    if reasons:
        inner = reasons[0].value if hasattr(reasons[0], "value") else reasons[0]
        return f"no response: {type(inner).__name__} ({str(inner).splitlines()[0][:120]})"
    text = str(value) or type(value).__name__
    if "larger than download max size" in text:
        return "the page is larger than crawl.max_page_mb; not downloaded"
    return text.splitlines()[0][:200]

"""Article pages a run requested and did not store, kept for the source's next run.

A page whose fetch failed (HTTP 500, a reset, a refused redirect), whose preparation or
write failed (a page the store refused), or which was still waiting when the run ended
is not lost with the run: it is kept (``Store.kept_pages``) and the source's next run of
any kind — the daemon's scheduled crawl, ``raqib crawl``, a backfill — requests it again.
As Scrapy's retries go below new requests, kept pages never hold back new work: a run
requests them after its feed or listing, at a lower priority, and outside
``crawl.max_pages`` — at most ``retry_budget`` (a quarter of it, at least one) a run,
fewest tries first; the rest wait, untried, for a later run. The store decides what is
done: a kept page already stored (by this run or another) is forgotten, so none is stored
twice.

A page is given up, and the run that gives it up says so, only:
- when it answers 404 or 410 (the site removed it): at once;
- after ``RETRY_RUNS`` runs that ended ok or degraded, fetched it (an answer or a network
  error) and did not store it. A run that never fetched it — a robots.txt outage, a failed
  feed, a time or memory limit, a stop, a page over the budget — does not count.
A page refused by design (no canonical link, no publication date, not a permalink) is not
kept, nor is a kept page the source's current link rules (host, permalink, sitemap
``keep``) no longer accept.

An incremental crawl would find most of its failed pages again in the feed, but not one
that left the feed meanwhile, and a backfill never walks its window again on its own; so
both keep theirs here. A backfill that ends ok or degraded clears its window's cursor in
the same transaction that keeps its unstored pages. The kept list is re-read and rewritten
in one write transaction, so overlapping runs of one source keep each other's pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from crawler.archive.store import Store
from crawler.models import PageHints
from spiders.base import hint_fields, hints_from

RETRY_RUNS = 3  # runs (ok or degraded) that fetched a page and did not store it, before
# it is given up
MAX_LISTED = 3

Requested = dict[str, tuple[str, PageHints]]  # canonical URL -> (URL as requested, hints)


@dataclass(frozen=True)
class Settled:
    """What the end of a run did with the kept pages (for its message and details)."""

    retried: int = 0  # kept pages this run started with and fetched
    retried_stored: int = 0  # of them, stored now (by this run or another)
    waiting: int = 0  # kept pages this run started with and did not fetch (its budget,
    # a robots.txt outage, a limit reached before them)
    kept: list[str] = field(default_factory=list)  # URLs this run requested, did not
    # store, and keeps for the next run
    given_up: list[str] = field(default_factory=list)  # URLs no longer retried: tried
    # RETRY_RUNS times
    removed: list[str] = field(default_factory=list)  # URLs given up at once: 404/410
    dropped: int = 0  # kept pages the source's rules no longer accept: forgotten

    def message(self) -> str:
        """The run message's part about them ('' when there is nothing to say)."""
        parts = []
        if self.retried:
            parts.append(f"retried {self.retried} page(s) an earlier run did not store: "
                         f"{self.retried_stored} stored")
        if self.waiting:
            parts.append(f"{self.waiting} kept page(s) still waiting for a later run")
        if self.kept:
            parts.append(f"{len(self.kept)} page(s) not stored, kept for the next run")
        if self.removed:
            parts.append(f"gave up on {len(self.removed)} page(s) the site removed "
                         f"(HTTP 404/410: {_listed(self.removed)})")
        if self.given_up:
            parts.append(f"gave up on {len(self.given_up)} page(s) not stored after "
                         f"{RETRY_RUNS} runs ({_listed(self.given_up)})")
        if self.dropped:
            parts.append(f"forgot {self.dropped} kept page(s) the source's link rules no "
                         "longer accept")
        return "; ".join(parts)

    def details(self) -> dict[str, Any]:
        return {"retried": self.retried, "retried_stored": self.retried_stored,
                "waiting": self.waiting, "kept": self.kept, "given_up": self.given_up,
                "removed": self.removed, "dropped": self.dropped}


@dataclass(frozen=True)
class Outcome:
    """What the spider saw of its article requests, by canonical URL."""

    requested: Requested
    written: frozenset[str] = frozenset()  # whose write committed (an extraction
    # failure included: its capture is stored, and it would fail again)
    answered: frozenset[str] = frozenset()  # got an answer or a network error
    refused: frozenset[str] = frozenset()  # refused by design (shape): never kept
    gone: frozenset[str] = frozenset()  # answered 404/410: given up at once
    dropped: frozenset[str] = frozenset()  # kept pages the source's rules now refuse

    @classmethod
    def of(cls, spider: Any, written: Iterable[str]) -> Outcome:
        """The outcome of a run's spider (None or half-built when it failed to start)."""
        def seen(name: str) -> frozenset[str]:
            return frozenset(getattr(spider, name, ()))

        return cls(requested=dict(getattr(spider, "requested", {})), written=frozenset(written),
                   answered=seen("answered"), refused=seen("refused"), gone=seen("gone"),
                   dropped=seen("dropped"))


class KeptPages:
    """The kept pages of one source across one run: loaded before it, settled after it."""

    def __init__(self, store: Store, source: str, canonical: Callable[[str], str]) -> None:
        self.store = store
        self.source = source
        self.canonical = canonical
        self.pages = self._by_key(store.kept_pages(source))

    def requests(self) -> list[tuple[str, PageHints]]:
        """(URL, hints) of every kept page, fewest tries first, for the spider to request
        after its new work (``RaqibSpider.retry_budget`` of them a run)."""
        ordered = sorted(self.pages.values(), key=lambda page: int(page.get("tries", 0)))
        return [(page["url"], hints_from(page.get("hints", {}))) for page in ordered]

    def settle(self, outcome: Outcome, *, counts: bool,
               finished: tuple[date | None, date | None] | None = None) -> Settled:
        """Keep what this run requested and did not store, forget what is stored.

        A try is counted only for a page that got an answer or a network error, and only
        when ``counts`` (the run ended ok or degraded: a failed run's fault is site-wide,
        a stopped one did not finish). The kept list is read again and rewritten in one
        write transaction, so a run of the same source settling meanwhile loses nothing:
        pages this run did not request stay as that run left them. ``finished``: the
        backfill window whose cursor is cleared in the same transaction."""
        requested = outcome.requested
        result: dict[str, Any] = {}

        def change(current: list[dict[str, Any]]) -> list[dict[str, Any]]:
            now = self._by_key(current)
            mine = {key: page for key, page in self.pages.items() if key in requested}
            candidates = {**{key: {"url": url, "hints": hint_fields(hints), "tries": 0}
                             for key, (url, hints) in requested.items()}, **mine, **now}
            forget = outcome.written | outcome.refused | outcome.dropped
            unstored = set(candidates) - forget
            stored = self.store.known_urls(unstored) if unstored else set()
            kept: list[dict[str, Any]] = []
            kept_urls, given_up, removed = [], [], []
            for key, page in candidates.items():
                if key in forget or key in stored:
                    continue
                if key in outcome.gone:
                    removed.append(page["url"])
                    continue
                tried = counts and key in requested and key in outcome.answered
                tries = int(page.get("tries", 0)) + (1 if tried else 0)
                if tries >= RETRY_RUNS:
                    given_up.append(page["url"])
                    continue
                kept.append({"url": page["url"], "hints": page.get("hints", {}),
                             "tries": tries})
                if key in requested:
                    kept_urls.append(page["url"])
            fetched = outcome.answered | outcome.written | outcome.refused | outcome.gone
            retried = [key for key in self.pages if key in requested and key in fetched]
            result.update(
                retried=len(retried),
                retried_stored=sum(1 for key in retried
                                   if key in outcome.written or key in stored),
                waiting=sum(1 for key in self.pages
                            if key not in retried and key not in outcome.dropped
                            and key not in stored),
                kept=kept_urls, given_up=given_up, removed=removed,
                dropped=len(outcome.dropped & self.pages.keys()))
            return kept

        self.store.update_kept_pages(self.source, change, finished=finished)
        return Settled(**result)

    def _by_key(self, pages: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for page in pages:
            key = self._key(page.get("url"))
            if key is not None:
                out.setdefault(key, page)
        return out

    def _key(self, url: object) -> str | None:
        if not isinstance(url, str):
            return None
        try:
            return self.canonical(url)
        except ValueError:
            return None


def _listed(urls: list[str]) -> str:
    more = len(urls) - MAX_LISTED
    return ", ".join(urls[:MAX_LISTED]) + (f" and {more} more" if more > 0 else "")

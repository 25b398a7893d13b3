"""Article pages a run requested and did not store, kept for the source's next run.

A page whose fetch failed (HTTP 500, a reset, a refused redirect), whose preparation or
write failed (a page the store refused), or which was still waiting when the run ended
is not lost with the run: it is kept (``Store.kept_pages``) and the source's next run of
any kind — the daemon's scheduled crawl, ``raqib crawl``, a backfill — requests it first,
as Scrapy's and changedetection.io's crawlers retry a failed item on their next run. The
store decides what is done: a kept page already stored (by this run or another) is
forgotten, so none is stored twice. A page still failing after ``RETRY_RUNS`` runs that
tried it is given up, and the run that gives it up says so.

An incremental crawl would find most of its failed pages again in the feed, but not one
that left the feed meanwhile, and a backfill never walks its window again on its own; so
both keep theirs here. A backfill that ends ok or degraded clears its window's cursor in
the same transaction that keeps its unstored pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from crawler.models import PageHints
from crawler.store import Store
from spiders.base import hint_fields, hints_from

RETRY_RUNS = 3  # runs that requested a page and did not store it before it is given up
MAX_LISTED = 3

Requested = dict[str, tuple[str, PageHints]]  # canonical URL -> (URL as requested, hints)


@dataclass(frozen=True)
class Settled:
    """What the end of a run did with the kept pages (for its message and details)."""

    retried: int = 0  # kept pages this run started with
    retried_stored: int = 0  # of them, stored now (by this run or another)
    kept: list[str] = field(default_factory=list)  # URLs kept for the next run (each one
    # is among the run's errors already)
    given_up: list[str] = field(default_factory=list)  # URLs no longer retried

    def message(self) -> str:
        """The run message's part about them ('' when there is nothing to say)."""
        parts = []
        if self.retried:
            parts.append(f"retried {self.retried} page(s) an earlier run did not store: "
                         f"{self.retried_stored} stored")
        if self.kept:
            parts.append(f"{len(self.kept)} page(s) not stored, kept for the next run")
        if self.given_up:
            parts.append(f"gave up on {len(self.given_up)} page(s) not stored after "
                         f"{RETRY_RUNS} runs ({_listed(self.given_up)})")
        return "; ".join(parts)

    def details(self) -> dict[str, Any]:
        return {"retried": self.retried, "retried_stored": self.retried_stored,
                "kept": self.kept, "given_up": self.given_up}


class KeptPages:
    """The kept pages of one source across one run: loaded before it, settled after it."""

    def __init__(self, store: Store, source: str, canonical: Callable[[str], str]) -> None:
        self.store = store
        self.source = source
        self.canonical = canonical
        self.pages: dict[str, dict[str, Any]] = {}
        for page in store.kept_pages(source):
            key = self._key(page.get("url"))
            if key is not None:
                self.pages.setdefault(key, page)

    def requests(self) -> list[tuple[str, PageHints]]:
        """(URL, hints) of every kept page, for the spider to request first."""
        return [(page["url"], hints_from(page.get("hints", {})))
                for page in self.pages.values()]

    def settle(self, requested: Requested, written: Iterable[str], *, tried: bool,
               finished: tuple[date | None, date | None] | None = None) -> Settled:
        """Keep what this run requested and did not store, forget what is stored.

        ``requested``: the run's article requests by canonical URL; ``written``: the
        canonical URLs whose write committed (an extraction failure included: its capture
        is stored, and it would fail again); ``tried``: the run ran to its end (not
        stopped), so its unstored pages count a try; ``finished``: the backfill window
        whose cursor is cleared in the same transaction."""
        written = set(written)
        candidates = {**{key: {"url": url, "hints": hint_fields(hints), "tries": 0}
                         for key, (url, hints) in requested.items()}, **self.pages}
        unstored = set(candidates) - written
        stored = self.store.known_urls(unstored) if unstored else set()
        kept: list[dict[str, Any]] = []
        kept_urls: list[str] = []
        given_up: list[str] = []
        for key, page in candidates.items():
            if key in written or key in stored:
                continue
            tries = int(page.get("tries", 0)) + (1 if tried and key in requested else 0)
            if tries >= RETRY_RUNS:
                given_up.append(page["url"])
                continue
            kept.append({"url": page["url"], "hints": page.get("hints", {}), "tries": tries})
            kept_urls.append(page["url"])
        self.store.save_kept_pages(self.source, kept, finished=finished)
        retried_stored = sum(1 for key in self.pages if key in written or key in stored)
        return Settled(retried=len(self.pages), retried_stored=retried_stored,
                       kept=kept_urls, given_up=given_up)

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

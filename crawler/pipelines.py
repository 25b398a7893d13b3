"""The Scrapy item pipeline: spider items → ``Ingestor`` → the store, counted per outcome.

One crawl per process (``crawler.run``), so the run's context (store, ingestor, counters,
progress output) is bound once with ``bind()`` before the crawl starts, rather than
squeezed through Scrapy settings (which are deep-copied).

Pages are prepared (extraction, classification, fingerprint) in a pool of worker
processes (``crawler.ingest_pool``) once a run has brought ``POOL_AFTER_PAGES`` pages: the
pipeline awaits the result, so the reactor goes on downloading meanwhile, then writes the
page on the reactor thread, the store's only writer. Smaller runs (an incremental crawl's
handful of new articles) prepare pages in this process, which costs less than starting
the workers; so do pages that arrive while the workers start.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from crawler.config import Config, SourceConfig
from crawler.errors import RaqibError
from crawler.models import FetchedPage, Outcome
from crawler.store import RunStats, Store, utcnow
from crawler.urls import canonical_url
from spiders.base import CheckedItem, CursorItem, PageItem, ValidatorsItem

if TYPE_CHECKING:
    from crawler.ingest import Ingestor, Prepared
    from crawler.ingest_pool import LazyPool

log = logging.getLogger(__name__)

Emit = Callable[[dict[str, Any]], None]


@dataclass
class RunContext:
    """What one run's pipeline writes to and counts."""

    store: Store
    config: Config
    source: SourceConfig
    emit: Emit = lambda event: None  # noqa: E731
    since: date | None = None  # the backfill window, keying its saved cursor
    until: date | None = None
    outcomes: Counter[str] = field(default_factory=Counter)
    ingest_errors: list[str] = field(default_factory=list)
    spider_errors: list[str] = field(default_factory=list)  # exceptions in spider callbacks
    out_of_memory: bool = False
    pending_validators: list[ValidatorsItem] = field(default_factory=list)
    writing: set[asyncio.Future[None]] = field(default_factory=set)  # pages being written

    _ingestor: Ingestor | None = None
    _pool: LazyPool | None = None
    pooled: int = 0  # pages the workers prepared

    @property
    def ingestor(self) -> Ingestor:
        """Built on first use: importing the extractor and loading the classifier rules
        takes seconds, wasted on runs that fail before any article arrives."""
        if self._ingestor is None:
            from crawler.ingest import Ingestor

            self._ingestor = Ingestor(self.store, self.config)
        return self._ingestor

    def canonical(self, url: str) -> str:
        return canonical_url(url, self.source)

    @property
    def pool(self) -> LazyPool:
        """The worker pool of this run: started at its POOL_AFTER_PAGES-th page, when the
        run may use more than one core (``memlimit.allowed_workers``: the parent shares the
        cores among the crawls it runs at once)."""
        if self._pool is None:
            from crawler.ingest_pool import LazyPool
            from crawler.memlimit import allowed_workers

            workers = allowed_workers()
            self._pool = LazyPool(workers if workers > 1 else 0)
        return self._pool

    def close_pool(self) -> None:
        """Stop the workers; report how many pages they prepared, if they started."""
        if self._pool is not None and self._pool.workers:
            started = self._pool.pool is not None
            self._pool.close(cancel=True)
            if started:
                self.emit({"event": "pool", "workers": self._pool.workers,
                           "pages": self.pooled})

    def stats(self, *, requests: int, errors: int, skipped: int = 0) -> RunStats:
        return RunStats(
            requests=requests,
            new_articles=self.outcomes[Outcome.NEW.value],
            new_versions=self.outcomes[Outcome.NEW_VERSION.value],
            duplicates=self.outcomes[Outcome.DUPLICATE.value],
            errors=errors + len(self.ingest_errors),
            extraction_failures=self.outcomes[Outcome.EXTRACTION_FAILED.value],
            unchanged=self.outcomes[Outcome.UNCHANGED.value] + self.outcomes["not_modified"],
            skipped=skipped,
        )

    def save_validators(self) -> None:
        """Write the feed/listing validators: called only after a run without errors, so a
        page that failed this time is not hidden behind a 304 next time."""
        for item in self.pending_validators:
            self.store.save_validators(item.url, item.etag, item.last_modified, item.status)
        self.pending_validators.clear()


_context: RunContext | None = None


def bind(context: RunContext | None) -> None:
    global _context
    _context = context


class StorePipeline:
    def __init__(self) -> None:
        if _context is None:
            raise RuntimeError("crawler.pipelines.bind() must be called before the crawl")
        self.context = _context

    async def process_item(self, item: Any) -> Any:
        if isinstance(item, PageItem):
            writing = asyncio.ensure_future(self._ingest(item.page))
            self.context.writing.add(writing)
            try:
                await writing
            finally:
                self.context.writing.discard(writing)
        elif isinstance(item, ValidatorsItem):
            self.context.pending_validators.append(item)
        elif isinstance(item, CheckedItem):
            self._checked(item.url)
        elif isinstance(item, CursorItem):
            await self._save_cursor(item)
        return item

    async def _save_cursor(self, item: CursorItem) -> None:
        """Save where a backfill stands once the pages before it are written: a page still
        with a worker when the cursor moves past it (a Telegram post is an item, not a
        pending request) would otherwise be lost to a kill before its write."""
        context = self.context
        if context.writing:
            await asyncio.wait(list(context.writing))
        context.store.save_backfill_cursor(context.source.name, context.since, context.until,
                                           cursor=item.cursor, pages_done=item.pages_done,
                                           articles=item.articles)
        context.emit({"event": "cursor", "pages_done": item.pages_done,
                      "articles": item.articles})

    async def _prepared(self, page: FetchedPage) -> Prepared:
        """The page prepared in the pool (awaited: the reactor goes on meanwhile), or here."""
        from crawler.ingest import prepare
        from crawler.ingest_pool import prepared_or_local

        context = self.context
        ingestor = context.ingestor
        source = ingestor.source(page.source)
        pool = context.pool.ready()
        if pool is None:
            return prepare(page, source)
        # A post carried by its listing (hints.text) is prepared from its own text: the
        # listing's bytes, archived by the writer, need not travel to a worker per post.
        future = pool.submit(page if page.hints.text is None else replace(page, body=b""),
                             source)
        context.pooled += 1
        await asyncio.wait([asyncio.wrap_future(future)])  # the result is read below
        return prepared_or_local(future, pool, page, source, ingestor)

    async def _ingest(self, page: FetchedPage) -> None:
        context = self.context
        try:
            prepared = await self._prepared(page)
            result = context.ingestor.write(page, prepared)
        except MemoryError:
            context.out_of_memory = True
            raise
        except RaqibError as exc:
            context.ingest_errors.append(f"{page.url}: {exc}")
            context.emit({"event": "error", "url": page.url, "message": str(exc)})
            return
        except Exception as exc:  # one bad page must not end the run
            log.exception("ingesting %s failed", page.url)
            context.ingest_errors.append(f"{page.url}: {type(exc).__name__}: {exc}")
            context.emit({"event": "error", "url": page.url,
                          "message": f"{type(exc).__name__}: {exc}"})
            return
        context.outcomes[result.outcome.value] += 1
        etag, modified = page.header("ETag"), page.header("Last-Modified")
        if result.canonical_url and page.status == 200 and (etag or modified) \
                and page.hints.text is None:  # a post's validators are its listing's
            context.store.save_validators(page.url, etag, modified, page.status)
        context.emit({"event": "item", "url": page.url, "canonical_url": result.canonical_url,
                      "outcome": result.outcome.value, "labels": list(result.labels),
                      "message": result.message})

    def _checked(self, url: str) -> None:
        store = self.context.store
        canonical = self.context.canonical(url)
        article = store.article_by_url(canonical)
        if article is not None:
            with store.transaction():
                store.mark_checked(article["id"], utcnow())
        self.context.outcomes["not_modified"] += 1
        self.context.emit({"event": "item", "url": url, "outcome": "not_modified"})

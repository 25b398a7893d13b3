"""The Scrapy item pipeline: spider items → ``Ingestor`` → the store, counted per outcome.

One crawl per process (``crawler.run``), so the run's context (store, ingestor, counters,
progress output) is bound once with ``bind()`` before the crawl starts, rather than
squeezed through Scrapy settings (which are deep-copied).

Pages are prepared (extraction, classification, fingerprint) in a pool of worker
processes (``crawler.ingest_pool``) once a run has brought ``POOL_AFTER_PAGES`` pages: the
pipeline awaits the result, so the reactor goes on downloading meanwhile, then writes the
page on the reactor thread, the store's only writer. Writes are committed a batch at a
time (``crawler.write_batch``): each page still in one transaction with its alert rows (a
failed batch is written again page by page), a backfill cursor after the pages before it,
and a page's progress event sent once it is committed, so a killed crawl loses only writes
it never announced. Smaller runs (an
incremental crawl's handful of new articles) prepare pages in this process, which costs
less than starting the workers; so do pages that arrive while the workers start.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from crawler.archive.store import RunStats, Store, utcnow
from crawler.config import Config, SourceConfig
from crawler.errors import RaqibError
from crawler.models import FetchedPage, Outcome
from crawler.urls import InvalidURLError, canonical_url
from spiders.base import CheckedItem, CursorItem, PageItem, ValidatorsItem

if TYPE_CHECKING:
    from crawler.ingest import Ingestor, Prepared
    from crawler.ingest_pool import LazyPool
    from crawler.models import IngestResult
    from crawler.write_batch import WriteBatch

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
    writing: set[asyncio.Future[None]] = field(default_factory=set)  # pages being prepared
    written: set[str] = field(default_factory=set)  # canonical URLs of the pages committed

    _ingestor: Ingestor | None = None
    _batch: WriteBatch | None = None
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

    @property
    def batch(self) -> WriteBatch:
        """The run's writes, committed a batch at a time on the reactor."""
        if self._batch is None:
            from twisted.internet import reactor

            from crawler.write_batch import WriteBatch

            self._batch = WriteBatch(self.store, reactor.callLater)  # type: ignore[attr-defined]
        return self._batch

    def flush(self) -> None:
        """Commit the writes waiting for their batch (the end of a run, an abort)."""
        if self._batch is not None:
            self._batch.flush()

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

    def close_spider(self, spider: Any = None) -> None:
        self.context.flush()

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
        """Save where a backfill stands after the pages before it: once they are prepared,
        the cursor joins the write batch behind them and the batch is committed. A page
        still with a worker when the cursor moves past it (a Telegram post is an item, not
        a pending request) would otherwise be lost to a kill before its write."""
        context = self.context
        if context.writing:
            await asyncio.wait(list(context.writing))

        def write() -> None:
            context.store.save_backfill_cursor(
                context.source.name, context.since, context.until, cursor=item.cursor,
                pages_done=item.pages_done, articles=item.articles)

        def done(_: None) -> None:
            context.emit({"event": "cursor", "pages_done": item.pages_done,
                          "articles": item.articles})

        def failed(exc: Exception) -> None:
            # an error of the run like a page's: counted, in its message, and announced
            message = f"saving the backfill cursor failed: {type(exc).__name__}: {exc}"
            log.error("%s", message)
            context.ingest_errors.append(message)
            context.emit({"event": "error", "message": message})

        context.batch.add(write, done, failed)
        context.batch.flush()  # at once: the position reached is kept as soon as it can be

    async def _prepared(self, page: FetchedPage) -> Prepared:
        """The page prepared in the pool (awaited: the reactor goes on meanwhile), or here."""
        from crawler.ingest import prepare
        from crawler.ingest_pool import prepared_or_local

        context = self.context
        ingestor = context.ingestor
        source = ingestor.source(page.source)
        pool = context.pool.ready()
        if pool is None:  # classified here too, so the batch's transaction does only writes
            return prepare(page, source, classify=ingestor.classify)
        # A post carried by its listing (hints.text) is prepared from its own text: the
        # listing's bytes, archived by the writer, need not travel to a worker per post.
        future = pool.submit(page if page.hints.text is None else replace(page, body=b""),
                             source)
        context.pooled += 1
        await asyncio.wait([asyncio.wrap_future(future)])  # the result is read below
        return prepared_or_local(future, pool, page, source, ingestor)

    async def _ingest(self, page: FetchedPage) -> None:
        """Prepare the page, then queue its write in the run's batch."""
        try:
            prepared = await self._prepared(page)
        except MemoryError:
            self.context.out_of_memory = True
            raise
        except Exception as exc:  # one bad page must not end the run
            self._failed(page, exc)
            return
        self.context.batch.add(lambda: self._write(page, prepared),
                               lambda result: self._written(page, result),
                               lambda exc: self._failed(page, exc))

    def _write(self, page: FetchedPage, prepared: Prepared) -> IngestResult:
        """The page's rows, in the batch's transaction; its validators with them, so a
        later 304 never stands for a page that was not stored."""
        context = self.context
        result = context.ingestor.write(page, prepared)
        etag, modified = page.header("ETag"), page.header("Last-Modified")
        if result.canonical_url and page.status == 200 and (etag or modified) \
                and page.hints.text is None:  # a post's validators are its listing's
            context.store.save_validators(page.url, etag, modified, page.status)
        return result

    def _written(self, page: FetchedPage, result: IngestResult) -> None:
        context = self.context
        context.outcomes[result.outcome.value] += 1
        try:
            context.written.add(context.canonical(page.url))
        except InvalidURLError:
            pass  # not a page the spider requested by this URL, so none it must keep
        context.emit({"event": "item", "url": page.url, "canonical_url": result.canonical_url,
                      "outcome": result.outcome.value, "labels": list(result.labels),
                      "message": result.message})

    def _failed(self, page: FetchedPage, exc: Exception) -> None:
        context = self.context
        if isinstance(exc, MemoryError):
            context.out_of_memory = True
        if isinstance(exc, RaqibError):
            message = str(exc)
        else:
            log.error("ingesting %s failed", page.url, exc_info=exc)
            message = f"{type(exc).__name__}: {exc}"
        context.ingest_errors.append(f"{page.url}: {message}")
        context.emit({"event": "error", "url": page.url, "message": message})

    def _checked(self, url: str) -> None:
        store = self.context.store
        canonical = self.context.canonical(url)
        article = store.article_by_url(canonical)
        if article is not None:
            with store.transaction():
                store.mark_checked(article["id"], utcnow())
        self.context.outcomes["not_modified"] += 1
        self.context.emit({"event": "item", "url": url, "outcome": "not_modified"})

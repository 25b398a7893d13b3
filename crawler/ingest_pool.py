"""Ingest on every core: ``crawler.ingest.prepare`` in worker processes, one writer.

Extraction, language detection, fingerprinting and classification need no store, so a
pool of worker processes (one per core) runs them. The store is written by one process
only, the caller's: ``Ingestor.write`` writes an article and its alert rows (the outbox) in
one transaction, or joins the caller's when it batches pages (``OrderedIngest`` commits a
batch at a time), so alert rows commit with their article either way.

Two ways in:

* ``PreparePool.submit(page, source)``: a ``Future`` of the page's ``Prepared``. The crawl
  child awaits it on the reactor (``crawler.pipelines``), so downloads go on meanwhile.
* ``OrderedIngest``: for a stream of pages (``raqib import``, benchmarks). Keeps a bounded
  window of pages in the pool and writes their results in the order the pages came, so
  the store ends the same as a one-process ingest of the same pages; commits a batch of
  pages at a time.

Workers are forked where the platform allows: they start in milliseconds with what the
parent has loaded (trafilatura, the classifier's rules), which matters because the pool is
started in the middle of a run (see ``LazyPool``). A worker resets the signal handlers it
inherits and dies with its parent. It inherits the parent's objects (an open store
connection, the reactor) but never uses them: it only runs ``prepare``, which reads no
store. Elsewhere they are spawned.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from typing import Generic, TypeVar

from crawler.config import SourceConfig
from crawler.ingest import Ingestor, Prepared, prepare
from crawler.memlimit import cores
from crawler.models import FetchedPage, IngestResult
from crawler.shorttext import guard_short_texts
from crawler.write_batch import commit_each

log = logging.getLogger(__name__)

Tag = TypeVar("Tag")

# A run starts its workers at this page (see LazyPool).
POOL_AFTER_PAGES = 16
# Pages in the pool per worker: enough that a worker never waits for the writer.
WINDOW_PER_WORKER = 8
# Pages per commit of an OrderedIngest, and the longest a batch stays open.
BATCH_PAGES = 50
BATCH_SECONDS = 1.0


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _start_worker() -> None:
    """Leave Ctrl-C to the parent, which shuts the pool down, and SIGTERM to its default
    (the parent's handlers drive its reactor); die with the parent; load what every page
    needs (trafilatura, the classifier's rules, the language model) unless inherited."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    from crawler.lifeline import die_with_parent

    die_with_parent()
    from classifiers.engine import ruleset
    from crawler.extract import detect_language

    ruleset()
    detect_language("the workers load the language model once", fallback=None)


def _prepare_in_worker(page: FetchedPage, source: SourceConfig) -> Prepared:
    from classifiers import classify

    return prepare(page, source, classify=guard_short_texts(classify))


class PreparePool:
    """Worker processes running ``prepare`` with the default classifier."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or cores()
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.workers, initializer=_start_worker,
                                   mp_context=_context())

    def warm(self) -> list[Future[int]]:
        """Start every worker now rather than at the first page; done when they run."""
        return [self._executor.submit(os.getpid) for _ in range(self.workers)]

    def submit(self, page: FetchedPage, source: SourceConfig) -> Future[Prepared]:
        try:
            return self._executor.submit(_prepare_in_worker, page, source)
        except BrokenProcessPool:
            self.restart()
            return self._executor.submit(_prepare_in_worker, page, source)

    def restart(self) -> None:
        """A new set of workers after one died (killed, out of memory); once, however many
        pages the death failed."""
        try:
            self._executor.submit(os.getpid)
            return  # already restarted
        except BrokenProcessPool:
            pass
        log.warning("an ingest worker died; starting new workers")
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = self._start()

    def close(self, *, cancel: bool = False) -> None:
        self._executor.shutdown(wait=True, cancel_futures=cancel)

    def __enter__(self) -> PreparePool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(cancel=exc[0] is not None)


class LazyPool:
    """A ``PreparePool`` started at the ``after``-th page and used once its workers run.

    Starting workers costs time (where they are spawned, about a second of CPU each); a
    run of a few pages (an incremental crawl, a small archive) is done sooner without
    them. Pages that come while the workers start are prepared in the caller's process.
    ``after=0``: start now, and wait for the workers rather than prepare any page here."""

    def __init__(self, workers: int, *, after: int = POOL_AFTER_PAGES) -> None:
        self.workers = workers
        self.after = after
        self.pool: PreparePool | None = None
        self._seen = 0
        self._starting: list[Future[int]] = []
        if after == 0 and workers > 0:
            self.pool = PreparePool(workers)
            for future in self.pool.warm():
                future.result()

    def ready(self) -> PreparePool | None:
        """Count one page; the pool if it is running."""
        self._seen += 1
        if self.pool is None and self.workers > 0 and self._seen >= self.after:
            self.pool = PreparePool(self.workers)
            self._starting = self.pool.warm()
        if self.pool is None:
            return None
        if self._starting:
            if not all(future.done() for future in self._starting):
                return None
            self._starting = []
        return self.pool

    def close(self, *, cancel: bool = False) -> None:
        if self.pool is not None:
            self.pool.close(cancel=cancel)
            self.pool = None


def prepared_or_local(future: Future[Prepared], pool: PreparePool | None, page: FetchedPage,
                      source: SourceConfig, ingestor: Ingestor) -> Prepared:
    """The future's result; when its worker died, the page is prepared here instead, so a
    dead worker costs no page."""
    try:
        return future.result()
    except BrokenProcessPool:
        if pool is not None:
            pool.restart()
        return prepare(page, source, classify=ingestor.classify)


@dataclass
class Written(Generic[Tag]):
    """One page's end: its result, or the exception its write raised."""

    page: FetchedPage
    tag: Tag
    result: IngestResult | None
    error: Exception | None = None


class OrderedIngest(Generic[Tag]):
    """Pages in, through the pool, written in arrival order; ``on_written`` hears each.

    ``put`` blocks while the window is full, writing what is ready. ``finish`` writes the
    rest. Written pages are committed ``BATCH_PAGES`` at a time (or after
    ``BATCH_SECONDS``, or whenever the writer would otherwise wait for the pool, so
    nothing ready sits uncommitted). A write that fails rolls its batch back and the
    batch is written again one page per transaction, so only that page fails; once the
    store itself cannot be written (``write_batch.commit_each``), the pages after it fail
    untried."""

    def __init__(self, ingestor: Ingestor, on_written: Callable[[Written[Tag]], None], *,
                 workers: int | None = None, pool_after: int = POOL_AFTER_PAGES,
                 batch: int = BATCH_PAGES) -> None:
        """``workers``: processes of the pool (default: one per core; 0: none, every page
        is prepared here)."""
        self.ingestor = ingestor
        self.pool = LazyPool(cores() if workers is None else workers,
                             after=pool_after)
        self.on_written = on_written
        self.window = max(self.pool.workers, 1) * WINDOW_PER_WORKER
        self.batch = batch
        self._inflight: deque[tuple[FetchedPage, Tag, SourceConfig, Future[Prepared]]] = deque()
        self._ready: list[tuple[FetchedPage, Tag, Prepared | Exception]] = []
        self._opened = 0.0
        self.pooled = 0  # pages prepared by the workers

    def put(self, page: FetchedPage, tag: Tag) -> None:
        source = self.ingestor.source(page.source)
        pool = self.pool.ready()
        future: Future[Prepared]
        if pool is not None:
            future = pool.submit(page, source)
            self.pooled += 1
        else:
            future = Future()
            try:
                future.set_result(prepare(page, source, classify=self.ingestor.classify))
            except Exception as exc:
                future.set_exception(exc)
        self._inflight.append((page, tag, source, future))
        while len(self._inflight) >= self.window:
            self._take()

    def put_all(self, pages: Iterable[tuple[FetchedPage, Tag]]) -> None:
        for page, tag in pages:
            self.put(page, tag)
        self.finish()

    def finish(self) -> None:
        """Write every page put, then stop the workers."""
        try:
            while self._inflight:
                self._take()
            self._flush()
        finally:
            self.close()

    def close(self) -> None:
        self.pool.close(cancel=bool(self._inflight))

    def _take(self) -> None:
        page, tag, source, future = self._inflight[0]
        if self._ready and not future.done():
            self._flush()  # commit what is ready rather than hold it while waiting
        prepared: Prepared | Exception
        try:
            prepared = prepared_or_local(future, self.pool.pool, page, source, self.ingestor)
        except Exception as exc:  # a bug met in a worker costs that page only
            log.error("preparing %s failed: %s: %s", page.url, type(exc).__name__, exc)
            prepared = exc
        self._inflight.popleft()
        if not self._ready:
            self._opened = time.monotonic()
        self._ready.append((page, tag, prepared))
        if (len(self._ready) >= self.batch
                or time.monotonic() - self._opened >= BATCH_SECONDS):
            self._flush()

    def _flush(self) -> None:
        ready, self._ready = self._ready, []
        if not ready:
            return
        # one transaction; when a page fails, the batch is undone and written page by page
        # (``commit_each``, as the crawl's batches are)
        ended = commit_each(self.ingestor.store,
                            [partial(self._write, page, tag, prepared)
                             for page, tag, prepared in ready])
        for (page, tag, _), (written, error) in zip(ready, ended, strict=True):
            if written is None:
                log.error("ingesting %s failed", page.url, exc_info=error)
                written = Written(page, tag, None, error)
            self.on_written(written)

    def _write(self, page: FetchedPage, tag: Tag,
               prepared: Prepared | Exception) -> Written[Tag]:
        if isinstance(prepared, Exception):
            return Written(page, tag, None, prepared)
        return Written(page, tag, self.ingestor.write(page, prepared))

"""The crawl's batched commits (crawler.write_batch): alert rows still commit with their
article, a failed page is undone alone, and nothing is announced before it is committed."""

from __future__ import annotations

import logging
import random
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from crawler.archive.store import Store
from crawler.config import Config
from crawler.ingest import Ingestor, prepare
from crawler.models import Classification, FetchedPage, IngestResult, PageHints
from crawler.write_batch import WriteBatch


class Timers:
    """A stand-in for the reactor's callLater: the test fires the timers itself."""

    def __init__(self) -> None:
        self.waiting: list[tuple[float, Callable[[], None], Timers.Call]] = []

    class Call:
        def __init__(self) -> None:
            self.cancelled = False

        def cancel(self) -> None:
            self.cancelled = True

    def __call__(self, seconds: float, function: Callable[[], None]) -> Timers.Call:
        call = Timers.Call()
        self.waiting.append((seconds, function, call))
        return call

    def fire(self) -> None:
        waiting, self.waiting = self.waiting, []
        for _, function, call in waiting:
            if not call.cancelled:
                function()


def _classify(*_: Any, **__: Any) -> Classification:
    return Classification(labels=("arrest",), scores={"arrest": 3.0},
                          evidence={"arrest": ["was detained at a checkpoint"]})


def _page(number: int) -> FetchedPage:
    rng = random.Random(number)
    words = ("relatives documented the detention of a teacher at a checkpoint near the city "
             "and asked the authorities to disclose where he is held").split()
    paragraphs = [f"A teacher was detained at a checkpoint, report {number} says.",
                  " ".join(rng.choice(words) + str(rng.randint(10, 99)) for _ in range(80))]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    title = f"Teacher detained at a checkpoint ({number})"
    html = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}'
            f"</title></head><body><main><article><h1>{title}</h1>{body}</article></main>"
            "</body></html>")
    url = f"https://news.example.org/news/item-{number}/"
    return FetchedPage(source="snhr-en", url=url, final_url=url, status=200,
                       headers=(("Content-Type", "text/html; charset=utf-8"),),
                       body=html.encode(), fetched_at=datetime.now(UTC),
                       hints=PageHints(title=title, published="2025-03-04", lang="en"))


def _reader(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path)


def _articles_and_alerts(path: Path) -> tuple[set[str], set[str]]:
    """Stored article URLs, and the URLs of the articles with a queued alert, as another
    process sees them."""
    with _reader(path) as conn:
        articles = {row[0] for row in conn.execute("SELECT url FROM articles")}
        alerted = {row[0] for row in conn.execute(
            "SELECT a.url FROM alerts l JOIN articles a ON a.id = l.article_id "
            "WHERE l.kind = 'article'")}
    return articles, alerted


@pytest.fixture
def ingestor(store: Store, make_config: Callable[..., Config]) -> Ingestor:
    return Ingestor(store, make_config([{"name": "console", "url": "console://"}]),
                    classify=_classify)


def test_a_failed_page_is_undone_alone_and_alerts_commit_with_their_article(
        store: Store, ingestor: Ingestor, monkeypatch: pytest.MonkeyPatch) -> None:
    timers = Timers()
    batch = WriteBatch(store, timers, writes=10)
    pages = [_page(n) for n in range(1, 4)]
    prepared = [prepare(p, ingestor.source(p.source), classify=_classify) for p in pages]
    failing = pages[1].url
    stored = {prepared[0].url, prepared[2].url}
    real_enqueue = store.enqueue_alert

    def enqueue(**kwargs: Any) -> bool:
        # the second page fails after its article, capture and labels are written
        if store.article(kwargs["article_id"])["url"].endswith("item-2"):
            raise sqlite3.OperationalError("disk I/O error")
        return real_enqueue(**kwargs)

    monkeypatch.setattr(store, "enqueue_alert", enqueue)
    done: list[IngestResult] = []
    failed: list[Exception] = []
    seen_when_done: list[tuple[set[str], set[str]]] = []

    def on_done(result: IngestResult) -> None:
        done.append(result)
        seen_when_done.append(_articles_and_alerts(store.path))

    for page, ready in zip(pages, prepared, strict=True):
        batch.add(lambda page=page, ready=ready: ingestor.write(page, ready), on_done,
                  failed.append)
    assert _articles_and_alerts(store.path) == (set(), set())  # nothing written yet
    assert not done

    timers.fire()  # the batch's time is up

    assert len(done) == 2
    assert len(failed) == 1
    assert isinstance(failed[0], sqlite3.OperationalError)
    assert _articles_and_alerts(store.path) == (stored, stored)
    # every page was announced only once committed, with its alert row
    assert all(seen == (stored, stored) for seen in seen_when_done)
    assert store.scalar("SELECT count(*) FROM captures WHERE url = ?", [failing]) == 0
    assert store.scalar("SELECT count(*) FROM labels") == 2
    assert len(batch) == 0
    assert not store.db.conn.in_transaction


def test_a_batch_commits_when_full_in_order_and_a_flush_commits_the_rest(
        store: Store, ingestor: Ingestor) -> None:
    timers = Timers()
    batch = WriteBatch(store, timers, writes=3)
    order: list[str] = []
    for n in range(1, 5):
        page = _page(n)
        ready = prepare(page, ingestor.source(page.source), classify=_classify)
        batch.add(lambda page=page, ready=ready: ingestor.write(page, ready),
                  lambda result: order.append(result.canonical_url), pytest.fail)
        if n == 3:
            committed, _ = _articles_and_alerts(store.path)
            assert len(committed) == 3
            assert len(order) == 3

    def cursor() -> None:
        store.save_backfill_cursor("snhr-en", None, None, cursor={"page": 5}, pages_done=5,
                                   articles=5)

    batch.add(cursor, lambda _: order.append("cursor"), pytest.fail)
    assert len(order) == 3
    assert len(batch) == 2
    assert [t[0] for t in timers.waiting][-1] == batch.seconds  # a timer waits for the rest
    batch.flush()
    assert [url.rsplit("-", 1)[1] for url in order[:4]] == ["1", "2", "3", "4"]
    assert order[4] == "cursor"
    assert store.backfill_cursor("snhr-en", None, None)["pages_done"] == 5
    timers.fire()  # the cancelled timer writes nothing more
    assert len(order) == 5


def test_a_lock_held_past_the_timeout_fails_the_batch_after_one_retry_alone(
        store: Store, tmp_path: Path) -> None:
    """The batch is tried again page by page; once the lock is still not had, the rest
    fail with that error untried rather than wait the busy timeout each."""
    timers = Timers()
    batch = WriteBatch(store, timers, writes=10)
    failed: list[Exception] = []
    for n in range(3):
        batch.add(lambda n=n: store.save_validators(f"https://example.org/{n}", "e", None, 200),
                  pytest.fail, failed.append)
    blocker = sqlite3.connect(tmp_path / "raqib.db", timeout=0)
    blocker.execute("BEGIN IMMEDIATE")  # another writer holds the lock past the timeout
    store.db.execute("PRAGMA busy_timeout = 50")
    begun: list[str] = []
    store.db.conn.set_trace_callback(
        lambda sql: begun.append(sql) if sql.startswith("BEGIN") else None)
    try:
        batch.flush()
    finally:
        store.db.conn.set_trace_callback(None)
        blocker.rollback()
        blocker.close()
    assert len(failed) == 3
    assert all("locked" in str(exc) for exc in failed)
    assert begun == ["BEGIN IMMEDIATE"] * 2  # the batch, then the first page alone
    assert store.scalar("SELECT count(*) FROM http_cache") == 0
    assert not store.db.conn.in_transaction


class _Release(logging.Handler):
    """Lets the other writer go once the batch has failed, before it is tried page by page."""

    def __init__(self, blocker: sqlite3.Connection) -> None:
        super().__init__()
        self.blocker = blocker

    def emit(self, record: logging.LogRecord) -> None:
        if "one at a time" in record.getMessage() and self.blocker.in_transaction:
            self.blocker.rollback()


def test_a_batch_that_timed_out_on_the_lock_is_written_page_by_page_with_its_alerts(
        store: Store, ingestor: Ingestor, tmp_path: Path) -> None:
    timers = Timers()
    batch = WriteBatch(store, timers, writes=10)
    pages = [_page(n) for n in range(1, 5)]
    done: list[IngestResult] = []
    for page in pages:
        ready = prepare(page, ingestor.source(page.source), classify=_classify)
        batch.add(lambda page=page, ready=ready: ingestor.write(page, ready), done.append,
                  pytest.fail)
    batch.add(lambda: store.save_backfill_cursor("snhr-en", None, None, cursor={"page": 2},
                                                 pages_done=2, articles=4),
              done.append, pytest.fail)
    blocker = sqlite3.connect(tmp_path / "raqib.db", timeout=0)
    blocker.execute("BEGIN IMMEDIATE")
    store.db.execute("PRAGMA busy_timeout = 50")
    release = _Release(blocker)
    logging.getLogger("crawler.write_batch").addHandler(release)
    try:
        batch.flush()
    finally:
        logging.getLogger("crawler.write_batch").removeHandler(release)
        blocker.close()
    assert len(done) == 5
    urls = {result.canonical_url for result in done[:4]}
    assert _articles_and_alerts(store.path) == (urls, urls)
    assert store.backfill_cursor("snhr-en", None, None)["pages_done"] == 2


def _filling(store: Store, n: int) -> Callable[[], int]:
    def write() -> int:
        store.db.execute("INSERT INTO filler VALUES (?)", [random.randbytes(60_000)])
        return n
    return write


def test_a_full_disk_undoes_the_batch_and_each_write_is_told_its_own_end(
        store: Store) -> None:
    """SQLITE_FULL undoes the whole transaction: no write may go on outside it, none is
    said to have failed that is stored, and the error is SQLite's, not a savepoint's."""
    store.db.execute("CREATE TABLE filler (x BLOB)")
    pages = store.scalar("PRAGMA page_count")
    store.db.execute(f"PRAGMA max_page_count = {pages + 40}")  # room for two writes
    batch = WriteBatch(store, Timers(), writes=10)
    ended: list[tuple[str, int | str]] = []
    for n in range(6):
        batch.add(_filling(store, n), lambda n: ended.append(("done", n)),
                  lambda exc: ended.append(("failed", str(exc))))
    batch.flush()
    assert ended == [("done", 0), ("done", 1)] + [("failed", "database or disk is full")] * 4
    assert store.scalar("SELECT count(*) FROM filler") == 2
    assert not store.db.conn.in_transaction


def test_a_page_whose_transaction_sqlite_undid_fails_alone_and_nothing_is_written_outside(
        store: Store, ingestor: Ingestor, monkeypatch: pytest.MonkeyPatch) -> None:
    """An error that ends the transaction in the cases' savepoint (as SQLITE_FULL or IOERR
    may) fails that page: the article write does not go on in autocommit."""
    import crawler.cases.linker as linker

    real_save = linker.save_mentions

    def save_mentions(cases: Any, article: dict[str, Any]) -> list[int]:
        if article["url"].endswith("item-2"):
            store.db.conn.execute("ROLLBACK")  # what SQLite does on SQLITE_FULL
            raise sqlite3.OperationalError("database or disk is full")
        return real_save(cases, article)

    monkeypatch.setattr(linker, "save_mentions", save_mentions)
    batch = WriteBatch(store, Timers(), writes=10)
    pages = [_page(n) for n in range(1, 5)]
    done: list[IngestResult] = []
    failed: list[Exception] = []
    for page in pages:
        ready = prepare(page, ingestor.source(page.source), classify=_classify)
        batch.add(lambda page=page, ready=ready: ingestor.write(page, ready), done.append,
                  failed.append)
    batch.flush()
    assert [str(exc) for exc in failed] == ["database or disk is full"]
    stored = {result.canonical_url for result in done}
    assert len(stored) == 3
    assert not any(url.endswith("item-2") for url in stored)
    assert _articles_and_alerts(store.path) == (stored, stored)
    assert store.scalar("SELECT count(*) FROM captures WHERE url LIKE '%item-2%'") == 0
    assert store.scalar("SELECT count(*) FROM alerts WHERE article_id NOT IN "
                        "(SELECT id FROM articles)") == 0
    assert not store.db.conn.in_transaction


def test_an_exception_in_one_writes_callback_does_not_keep_the_others_untold(
        store: Store, caplog: pytest.LogCaptureFixture) -> None:
    batch = WriteBatch(store, Timers(), writes=10)
    told: list[str] = []

    def done(n: int) -> None:
        if n == 1:
            raise OSError(5, "Input/output error")  # writing its progress event failed
        told.append(f"done {n}")

    def failed(exc: Exception) -> None:
        told.append("failed")
        raise RuntimeError("a bug in the failure handler")

    def broken() -> None:
        raise ValueError("a broken page")

    for n in range(3):
        batch.add(lambda n=n: (store.save_validators(f"https://example.org/{n}", "e", None,
                                                     200), n)[1], done, pytest.fail)
    batch.add(broken, pytest.fail, failed)
    batch.add(lambda: 3, done, pytest.fail)
    with caplog.at_level(logging.ERROR, logger="crawler.write_batch"):
        batch.flush()
    assert told == ["done 0", "done 2", "failed", "done 3"]
    assert store.scalar("SELECT count(*) FROM http_cache") == 3
    assert len([r for r in caplog.records if "how it ended" in r.getMessage()]) == 2


def test_a_page_prepared_in_the_crawl_process_is_classified_outside_the_batch(
        store: Store, make_config: Callable[..., Config]) -> None:
    """Before the pool runs, pages are prepared on the reactor: the classification is made
    there, not inside the batch's transaction (which holds the store's write lock)."""
    import asyncio

    from crawler import pipelines
    from crawler.ingest_pool import LazyPool

    config = make_config([{"name": "console", "url": "console://"}])
    in_transaction: list[bool] = []

    def classify(*args: Any, **kwargs: Any) -> Classification:
        in_transaction.append(store.db.conn.in_transaction)
        return _classify(*args, **kwargs)

    context = pipelines.RunContext(store=store, config=config, source=config.source("snhr-en"))
    context._ingestor = Ingestor(store, config, classify=classify)
    context._batch = WriteBatch(store, Timers(), writes=10)
    context._pool = LazyPool(0)  # no workers: every page is prepared in this process
    pipelines.bind(context)
    try:
        pipeline = pipelines.StorePipeline()
        for n in (1, 2, 3):
            asyncio.run(pipeline._ingest(_page(n)))
        context.flush()
    finally:
        pipelines.bind(None)
    assert context.outcomes["new"] == 3
    assert in_transaction == [False] * 3
    assert store.scalar("SELECT count(*) FROM alerts WHERE kind = 'article'") == 3


def test_a_backfill_cursor_that_could_not_be_saved_is_an_error_of_the_run(
        store: Store, make_config: Callable[..., Config],
        monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio
    from datetime import date

    from crawler import pipelines
    from spiders.base import CursorItem

    def save_backfill_cursor(*args: Any, **kwargs: Any) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store, "save_backfill_cursor", save_backfill_cursor)
    config = make_config([{"name": "console", "url": "console://"}])
    events: list[dict[str, Any]] = []
    context = pipelines.RunContext(store=store, config=config, source=config.source("snhr-en"),
                                   emit=events.append, since=date(2025, 1, 1))
    context._batch = WriteBatch(store, Timers(), writes=10)
    pipelines.bind(context)
    try:
        asyncio.run(pipelines.StorePipeline()._save_cursor(
            CursorItem(cursor={"page": 3}, pages_done=3, articles=20)))
    finally:
        pipelines.bind(None)
    assert context.stats(requests=5, errors=0).errors == 1
    assert context.ingest_errors == [
        "saving the backfill cursor failed: OperationalError: disk I/O error"]
    assert [e["event"] for e in events] == ["error"]

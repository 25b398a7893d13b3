"""Batched commits for the crawl's writer: writes held briefly, committed a batch at a time.

The crawl child writes every page on the reactor thread. Committing each page on its own
pays SQLite's per-commit work (the WAL frames of every index page the page touched) per
page; a batch of pages in one transaction pays it once. Writes wait in memory until their
batch is written, so the store's write lock is held only while a batch is being written,
never while the crawl downloads: another process writing the same store waits one batch's
writing at most.

What holds, batch or not:

* each write (a page: its capture, article, links, labels and alert rows; a backfill
  cursor) runs whole in one transaction: alert rows commit with their article;
* a write that fails costs only itself: the batch's transaction is undone and its writes
  are made again one transaction each (``commit_each``, as ``raqib import`` does), so a
  broken page fails alone and a batch that could not be committed (the write lock not had
  within the busy timeout, a full disk) is tried again page by page before any page is
  said to have failed. When the store itself cannot be written (locked, full, read-only,
  an I/O error) the writes after the one that met it fail at once with its error, without
  another wait each;
* writes are made in the order they were added: a backfill cursor added after the pages
  before it commits with them or after them, never before, and never after a page that
  failed because the store could not be written;
* a write's ``done`` (its progress event, its count) is called only once it is committed,
  so a killed crawl has announced only what is stored. The writes it held are lost, and
  the next run fetches those pages again: they are not in the store. An exception in one
  write's ``done`` or ``failed`` is logged and the writes after it are still told.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from crawler.archive.store import Store

log = logging.getLogger(__name__)

T = TypeVar("T")

# Writes per commit, and the longest a write waits for its batch.
BATCH_WRITES = 50
BATCH_SECONDS = 1.0


class Timer(Protocol):
    def cancel(self) -> None: ...


# Calls a function once after so many seconds (the reactor's callLater).
Later = Callable[[float, Callable[[], None]], Timer]


@dataclass
class _Write:
    write: Callable[[], Any]
    done: Callable[[Any], None]
    failed: Callable[[Exception], None]


class WriteBatch:
    """Writes to one store, committed ``writes`` at a time or ``seconds`` after the first
    of a batch was added, whichever comes first; ``flush`` commits what waits now."""

    def __init__(self, store: Store, later: Later, *, writes: int = BATCH_WRITES,
                 seconds: float = BATCH_SECONDS) -> None:
        self.store = store
        self.later = later
        self.writes = writes
        self.seconds = seconds
        self._waiting: list[_Write] = []
        self._timer: Timer | None = None
        self._opened = 0.0

    def __len__(self) -> int:
        return len(self._waiting)

    def add(self, write: Callable[[], Any], done: Callable[[Any], None],
            failed: Callable[[Exception], None]) -> None:
        """Queue ``write`` (called in the batch's transaction); ``done(its result)`` once
        committed, or ``failed(the exception)`` when it raised or the commit failed."""
        if not self._waiting:
            self._opened = time.monotonic()
        self._waiting.append(_Write(write, done, failed))
        if (len(self._waiting) >= self.writes
                or time.monotonic() - self._opened >= self.seconds):
            self.flush()
        elif self._timer is None:
            self._timer = self.later(self.seconds, self._on_timer)

    def _on_timer(self) -> None:
        self._timer = None
        self.flush()

    def flush(self) -> None:
        """Write and commit every waiting write, then tell each how it ended."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        waiting, self._waiting = self._waiting, []
        if not waiting:
            return
        ended = commit_each(self.store, [item.write for item in waiting])
        for item, (result, error) in zip(waiting, ended, strict=True):
            try:
                if error is None:
                    item.done(result)
                else:
                    item.failed(error)
            except Exception:  # the others are still told: their pages are committed
                log.exception("telling a write of the batch how it ended failed")


# SQLite's primary result codes that say the store cannot be written now, whichever write
# tries: every write after the one that met one fails with it rather than try (and wait).
_STORE_UNWRITABLE = {
    5,   # SQLITE_BUSY: the write lock not had within the busy timeout
    6,   # SQLITE_LOCKED
    8,   # SQLITE_READONLY
    10,  # SQLITE_IOERR
    11,  # SQLITE_CORRUPT
    13,  # SQLITE_FULL
    14,  # SQLITE_CANTOPEN
    26,  # SQLITE_NOTADB
}


def store_unwritable(exc: BaseException) -> bool:
    """Whether ``exc`` says the store cannot be written now (not that one write is bad)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(exc, sqlite3.Error) and code is not None and code & 0xFF in _STORE_UNWRITABLE


def commit_each(store: Store, writes: Sequence[Callable[[], T]]
                ) -> list[tuple[T | None, Exception | None]]:
    """Each write's result, or the exception it raised, once the store has it committed.

    The writes are made in order in one transaction. If one raises, or the transaction
    cannot be begun or committed, the transaction is undone and they are made again one
    transaction each, so only a write that fails alone fails; once one fails because the
    store cannot be written (``store_unwritable``), the writes after it fail with that
    error untried. A write may run twice: it must need nothing but the store's state."""
    if not writes:
        return []
    try:
        with store.transaction():
            results = [write() for write in writes]
    except Exception as exc:  # undone (or never begun): write them one at a time
        log.warning("a batch of %d writes failed (%s: %s); writing them one at a time",
                    len(writes), type(exc).__name__, exc)
    else:
        return [(result, None) for result in results]
    ended: list[tuple[T | None, Exception | None]] = []
    unwritable: Exception | None = None
    for write in writes:
        if unwritable is not None:
            ended.append((None, unwritable))
            continue
        try:
            with store.transaction():
                ended.append((write(), None))
        except Exception as exc:
            ended.append((None, exc))
            if store_unwritable(exc):
                unwritable = exc
    return ended

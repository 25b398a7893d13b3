"""Batched commits for the crawl's writer: writes held briefly, committed a batch at a time.

The crawl child writes every page on the reactor thread. Committing each page on its own
pays SQLite's per-commit work (the WAL frames of every index page the page touched) per
page; a batch of pages in one transaction pays it once. Writes wait in memory until their
batch is written, so the store's write lock is held only while a batch is being written,
never while the crawl downloads: another process writing the same store waits one batch's
writing at most.

What holds, batch or not:

* each write (a page: its capture, article, links, labels and alert rows; a backfill
  cursor) runs in its own savepoint of the batch's transaction: alert rows commit with
  their article, and a write that fails is undone alone while the rest of the batch commits;
* writes are made in the order they were added: a backfill cursor added after the pages
  before it commits with them or after them, never before;
* a write's ``done`` (its progress event, its count) is called only once it is committed,
  so a killed crawl has announced only what is stored. The writes it held are lost, and
  the next run fetches those pages again: they are not in the store.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from crawler.store import Store

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
        ended: list[tuple[_Write, Any, Exception | None]] = []
        try:
            with self.store.transaction():
                for item in waiting:
                    try:
                        with self.store.savepoint():
                            ended.append((item, item.write(), None))
                    except Exception as exc:  # this write is undone; the batch goes on
                        ended.append((item, None, exc))
        except Exception as exc:  # the batch could not be committed: nothing of it is stored
            for item in waiting:
                item.failed(exc)
            return
        for item, result, error in ended:
            if error is None:
                item.done(result)
            else:
                item.failed(error)

"""Live crawl progress on a terminal: one line per source, rewritten in place.

Sources crawl in parallel, so a single ``\\r`` status line cannot show them; the board owns a
block of lines at the bottom of the terminal and redraws it (cursor up, rewrite each line)
when a source reports, and every half second so elapsed times keep moving during a slow
backfill. Nothing is written when the stream is not a terminal (logs, pipes, cron): the
summary lines ``raqib crawl`` prints at the end are the record there.
"""

from __future__ import annotations

import shutil
import sys
import threading
import time
from collections.abc import Iterable
from typing import IO, Any, Protocol

Event = dict[str, Any]
TICK_SECONDS = 0.5


class Finished(Protocol):
    status: str
    message: str


class SourceProgress:
    """What one source's child has reported so far. Pages count every response: feeds, API
    and index pages of a backfill, and articles."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.pages = self.new = self.errors = 0
        self.resumed: int | None = None
        self.started: float | None = None
        self.ended: float | None = None
        self.status = "waiting"
        self.message = ""

    def update(self, event: Event) -> bool:
        """Count one event; whether it changed what the line shows."""
        kind = event.get("event")
        if self.started is None:
            self.started = time.monotonic()
            self.status = "running"
        if kind == "resume":
            self.resumed = int(event.get("pages_done") or 0)
        elif kind == "page":
            self.pages += 1
        elif kind == "item" and event.get("outcome") in ("new", "new_version"):
            self.new += 1
        elif kind == "error":
            self.errors += 1
        else:
            return kind == "start"
        return True

    def finish(self, outcome: Finished) -> None:
        self.ended = time.monotonic()
        self.started = self.started or self.ended
        self.status = outcome.status
        self.message = outcome.message

    def line(self, width: int = 0) -> str:
        name = self.name.ljust(width)
        if self.started is None:
            return f"{name}  waiting"
        seconds = (self.ended or time.monotonic()) - self.started
        rate = self.pages / max(seconds, 0.001)
        resumed = (f" (resumed after {self.resumed} index pages)"
                   if self.resumed is not None else "")
        counts = (f"{self.pages} pages, {self.new} new, {self.errors} errors, "
                  f"{rate:.1f} pages/s, {seconds:.0f}s")
        detail = f" — {self.message}" if self.message and self.ended else ""
        return f"{name}  {self.status:<8}{resumed} {counts}{detail}"


class Board:
    """The block of progress lines for the sources of one ``run_crawls``."""

    def __init__(self, names: Iterable[str], stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stdout
        self.rows = {name: SourceProgress(name) for name in names}
        self.enabled = bool(self.rows) and _is_terminal(self.stream)
        self.width = max((len(name) for name in self.rows), default=0)
        self._drawn = 0
        self._last = 0.0
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._ticker: threading.Thread | None = None

    def __enter__(self) -> Board:
        if self.enabled:
            self._draw()
            self._ticker = threading.Thread(target=self._tick, name="crawl-progress",
                                            daemon=True)
            self._ticker.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._closed.set()
        if self._ticker is not None:
            self._ticker.join(timeout=2)
        if self.enabled:
            self._draw()

    def update(self, name: str, event: Event) -> None:
        row = self.rows.get(name)
        if row is not None and row.update(event) and self.enabled:
            self._draw(throttle=True)

    def finish(self, name: str, outcome: Finished) -> None:
        row = self.rows.get(name)
        if row is not None:
            row.finish(outcome)
            if self.enabled:
                self._draw()

    def lines(self) -> list[str]:
        """The block as it stands; when it is taller than the terminal, the running sources
        and one line counting the others."""
        lines = [row.line(self.width) for row in self.rows.values()]
        height = shutil.get_terminal_size((100, 24)).lines
        if len(lines) < height - 1:
            return lines
        running = [row.line(self.width) for row in self.rows.values()
                   if row.status == "running"][: max(height - 3, 1)]
        done = sum(1 for row in self.rows.values() if row.ended is not None)
        waiting = sum(1 for row in self.rows.values() if row.started is None)
        return [*running, f"{done} of {len(self.rows)} sources done, {waiting} waiting"]

    def _tick(self) -> None:
        while not self._closed.wait(TICK_SECONDS):
            self._draw()

    def _draw(self, *, throttle: bool = False) -> None:
        with self._lock:
            now = time.monotonic()
            if throttle and now - self._last < 0.1:
                return
            self._last = now
            columns = max(shutil.get_terminal_size((100, 24)).columns - 1, 20)
            lines = [line[:columns] for line in self.lines()]
            parts = [f"\x1b[{self._drawn}A"] if self._drawn else []
            parts += [f"\r{line}\x1b[K\n" for line in lines]
            extra = self._drawn - len(lines)
            if extra > 0:  # the block shrank: blank what is left of it, then go back up
                parts += ["\r\x1b[K\n"] * extra + [f"\x1b[{extra}A"]
            self._drawn = len(lines)
            try:
                self.stream.write("".join(parts))
                self.stream.flush()
            except (OSError, ValueError):  # the terminal went away; the crawl goes on
                self.enabled = False


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False

"""The parent side of crawling: run each source as a ``python -m crawler.run`` child.

A child that hangs is stopped at its hard time limit (SIGTERM, then SIGKILL) and its
run is marked failed; a child that crashes costs that one run, never the caller. A child
stopped by a signal records its run as 'interrupted' (see ``crawler.run``); on Linux it
also gets SIGTERM when the process that started it dies.
Used by ``raqib crawl`` and the daemon (which tracks children through ``on_spawn`` to
forward SIGTERM).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import IO, Any

from crawler.archive.store import RunStats, Store
from crawler.config import Config
from crawler.memlimit import child_environment, workers_share
from crawler.progress import Board
from crawler.run import PARENT_ENV

# Time the child gets beyond crawl.run_timeout to close Scrapy and record the run itself.
GRACE = timedelta(seconds=30)
TERM_WAIT_SECONDS = 5.0
STDERR_TAIL = 20
STOP_EXITS = (-signal.SIGTERM, -signal.SIGINT)  # stopped before its handler was in place

Event = dict[str, Any]


@dataclass
class CrawlOutcome:
    source: str
    status: str  # ok | degraded | failed | interrupted
    message: str = ""
    run_id: int | None = None
    stats: dict[str, int] = field(default_factory=dict)
    health: str | None = None
    exit_code: int | None = None
    seconds: float = 0.0
    pages: int = 0
    stderr_tail: tuple[str, ...] = ()
    rechecked: int | None = None  # known articles re-fetched (None: no recheck asked)
    removed: int = 0  # of those, found gone (404/410)

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    def summary(self) -> str:
        """One line: how the run ended, its counts and its reason (skips, problems)."""
        stats = self.stats
        counts = ", ".join(f"{int(stats.get(key) or 0)} {label}" for key, label in (
            ("new_articles", "new"), ("new_versions", "updated"), ("unchanged", "unchanged"),
            ("skipped", "skipped"), ("errors", "errors")))
        if self.rechecked is not None:
            counts += f", {self.rechecked} rechecked ({self.removed} removed)"
        detail = f" — {self.message}" if self.message else ""
        return f"{self.source}: {self.status}, {counts}{detail}"


def child_command(config: Config, name: str, *, since: date | None = None,
                  until: date | None = None, recheck: bool = False,
                  recheck_due: bool = False) -> list[str]:
    command = [sys.executable, "-m", "crawler.run", "--source", name]
    if config.path is not None:
        command += ["--config", str(config.path)]
    if since:
        command += ["--since", since.isoformat()]
    if until:
        command += ["--until", until.isoformat()]
    if recheck:
        command.append("--recheck")
    elif recheck_due:
        command.append("--recheck-due")
    return command


def run_source(
    config: Config,
    name: str,
    *,
    since: date | None = None,
    until: date | None = None,
    recheck: bool = False,
    timeout: float | None = None,
    on_spawn: Callable[[subprocess.Popen[str]], None] | None = None,
    on_event: Callable[[Event], None] | None = None,
    recheck_due: bool = False,
    workers: int | None = None,
) -> CrawlOutcome:
    """Crawl one source in a child process and return how the run ended.

    ``recheck``: re-fetch the recheck window's known articles now (``raqib crawl
    --recheck``); ``recheck_due``: only those due by ``crawl.recheck_every`` (the daemon);
    ``workers``: the ingest workers the child may start (default: one per core), for a
    caller running several crawls at once (``memlimit.workers_share``)."""
    config.source(name)  # a typo'd name is a ConfigError here, not a failed child
    limit = timeout if timeout is not None else (
        (config.crawl.run_timeout + GRACE).total_seconds())
    started = time.monotonic()
    env = dict(os.environ)
    env.setdefault("PYTHONUNBUFFERED", "1")
    env[PARENT_ENV] = str(os.getpid())
    child_environment(env, workers=workers)
    process = subprocess.Popen(
        child_command(config, name, since=since, until=until, recheck=recheck,
                      recheck_due=recheck_due),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
        errors="replace", env=env, cwd=os.getcwd())
    if on_spawn is not None:
        on_spawn(process)
    outcome = CrawlOutcome(source=name, status="failed")
    tail: deque[str] = deque(maxlen=STDERR_TAIL)
    readers = [
        threading.Thread(target=_read_events, args=(process.stdout, outcome, on_event),
                         daemon=True),
        threading.Thread(target=_read_lines, args=(process.stderr, tail), daemon=True),
    ]
    for reader in readers:
        reader.start()
    killed = False
    try:
        process.wait(timeout=limit)
    except subprocess.TimeoutExpired:
        killed = True
        _stop(process)
    except KeyboardInterrupt:  # Ctrl-C reached the child too: let it record the run
        try:
            process.wait(timeout=TERM_WAIT_SECONDS)
        except subprocess.TimeoutExpired:
            _stop(process)
        raise
    for reader in readers:
        reader.join(timeout=5)
    outcome.exit_code = process.returncode
    outcome.seconds = time.monotonic() - started
    outcome.stderr_tail = tuple(tail)
    if killed:
        _record_killed(config, outcome, f"killed after {limit:.0f}s: the run exceeded its time "
                                        "limit (crawl.run_timeout); the site may be hanging")
    elif outcome.health is None and process.returncode in STOP_EXITS:
        _record_killed(config, outcome, "interrupted (the crawl process was stopped by "
                                        f"{signal.Signals(-process.returncode).name})",
                       status="interrupted")
    elif outcome.health is None:  # no 'done' event: the child died before recording the run
        last = tail[-1] if tail else f"exit status {process.returncode}"
        _record_killed(config, outcome, f"the crawl process ended unexpectedly ({last})")
    return outcome


def run_crawls(
    config: Config,
    names: Iterable[str] | None = None,
    *,
    since: date | None = None,
    until: date | None = None,
    recheck: bool = False,
    progress: bool = False,
    parallel: int = 1,
    on_spawn: Callable[[subprocess.Popen[str]], None] | None = None,
) -> list[CrawlOutcome]:
    """Crawl the named sources (default: every enabled source), ``parallel`` at a time.

    Each source still runs in its own child process; parallel runs only overlap
    different sources (politeness is per host, and each source is one site). With
    ``progress``, a terminal on stdout shows a line per source (``crawler.progress``).
    """
    wanted = list(names) if names else [s.name for s in config.sources if s.enabled]
    for name in wanted:
        config.source(name)
    if len(wanted) > 1 and parallel > 1:
        # Create and migrate the store here, before the children start: two children
        # switching a brand-new file to WAL at once get "database is locked" at once (that
        # step does not wait for the busy timeout), failing a new user's very first crawl.
        Store.open(config.store.path).close()

    board = Board(wanted if progress else ())
    at_once = min(parallel, len(wanted))
    share = workers_share(at_once) if at_once > 1 else None

    def crawl_one(name: str) -> CrawlOutcome:
        outcome = run_source(config, name, since=since, until=until, recheck=recheck,
                             on_spawn=on_spawn, workers=share,
                             on_event=(lambda event: board.update(name, event))
                             if progress else None)
        board.finish(name, outcome)
        return outcome

    with board:
        if parallel <= 1 or len(wanted) <= 1:
            return [crawl_one(name) for name in wanted]
        with ThreadPoolExecutor(max_workers=parallel, thread_name_prefix="crawl") as pool:
            return list(pool.map(crawl_one, wanted))


def _read_events(stream: IO[str] | None, outcome: CrawlOutcome,
                 on_event: Callable[[Event], None] | None) -> None:
    if stream is None:
        return
    for line in stream:
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            continue
        if not isinstance(event, dict):
            continue
        kind = event.get("event")
        if kind == "start":
            outcome.run_id = event.get("run_id")
        elif kind == "page":
            outcome.pages += 1
        elif kind == "recheck":
            outcome.rechecked = int(event.get("articles") or 0)
        elif kind == "item" and event.get("outcome") == "removed":
            outcome.removed += 1
        elif kind == "done":
            outcome.status = event.get("status", "failed")
            outcome.message = event.get("message", "")
            outcome.stats = event.get("stats", {})
            outcome.health = event.get("health")
            outcome.run_id = event.get("run_id", outcome.run_id)
        if on_event is not None:
            try:
                on_event(event)
            except Exception:  # a display bug must not lose the run's outcome
                pass


def _read_lines(stream: IO[str] | None, tail: deque[str]) -> None:
    if stream is None:
        return
    for line in stream:
        if line.strip():
            tail.append(line.rstrip())


def _stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=TERM_WAIT_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _record_killed(config: Config, outcome: CrawlOutcome, message: str, *,
                   status: str = "failed") -> None:
    """Record the child's run as ``status`` (it could not) and update the source's health."""
    from crawler.health import update_health

    outcome.status = status
    outcome.message = message
    with Store.open(config.store.path) as store:
        run_id = outcome.run_id
        if run_id is None:
            last = store.last_run(outcome.source)
            run_id = last["id"] if last and last["status"] == "running" else None
        if run_id is None:
            run_id = store.start_run(outcome.source)
        run = store.run(run_id) or {}
        counts = RunStats(**{key: int(run.get(key) or 0) for key in RunStats.__dataclass_fields__})
        store.finish_run(run_id, status, counts, message)
        outcome.run_id = run_id
        outcome.stats = {key: getattr(counts, key) for key in RunStats.__dataclass_fields__}
        outcome.health = update_health(store, config, config.source(outcome.source)).state

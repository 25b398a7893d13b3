"""``python -m crawler.run --source NAME``: one source's crawl, alone in its own process.

Twisted's reactor cannot be restarted, so the daemon and ``raqib crawl`` run every
source as a child process (as Scrapyd does): a crash or a hang costs one run.

The child records the run (``runs`` row: ok | degraded | failed | interrupted with counts
and a message), updates the source's health and writes progress as JSON lines on stdout:
``{"event": "start" | "page" | "item" | "cursor" | "error" | "done", ...}``. Everything
else (Scrapy's log) goes to stderr. Exit status: 0 ok or degraded, 1 failed, 2 bad
arguments, 3 interrupted.

Stopping: SIGTERM / SIGINT (the daemon's or ``raqib crawl``'s stop, Ctrl-C) end the run as
'interrupted', which health ignores; see ``Stop``. On Linux the child asks the kernel for a
SIGTERM when its parent dies (``PR_SET_PDEATHSIG``), so a SIGKILLed parent does not leave
crawls running detached; elsewhere an orphaned child runs to its own end.

A backfill (``--since`` / ``--until``) saves its cursor after each index page and resumes
from it when run again for the same window after an interruption; the cursor is cleared
when a backfill ends ok or degraded. Article pages a run requested and did not store (a
failed fetch or write) are kept for the source's next run, whatever its kind
(``crawler.retry``), which requests a few of them after its new work.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from types import FrameType
from typing import Any, TextIO

from crawler.archive.store import RunStats, Store, utcnow
from crawler.config import Config, SourceConfig, load_config
from crawler.errors import ConfigError, CrawlError, RaqibError
from crawler.lifeline import die_with_parent
from crawler.memlimit import limit_memory
from crawler.verdict import judge, out_of_memory_message

EXIT_INTERRUPTED = 3
PARENT_ENV = "RAQIB_PARENT_PID"  # set by crawler.crawl: who the child must outlive


@dataclass(frozen=True)
class RunResult:
    status: str  # ok | degraded | failed | interrupted
    stats: RunStats
    message: str
    details: dict[str, Any] = field(default_factory=dict)


class Interrupted(BaseException):
    """A stop signal arrived before the crawl was running (main records the run)."""


class Stop:
    """The child's SIGTERM / SIGINT handler (Scrapy's own is not installed).

    Before the crawl runs, a signal raises ``Interrupted``. While it runs, the first
    signal stops Scrapy gracefully (in-flight requests finish, items are stored); a second
    one, or any signal once the parent is gone (the parent's death is what sent it),
    calls ``abort``: the run is recorded as it stands and the process exits at once.
    Once the crawl is over, signals are only noted.
    """

    def __init__(self) -> None:
        self.signum: int | None = None
        self.parent = os.getppid()
        self.graceful: Callable[[], Any] | None = None
        self.abort: Callable[[], None] | None = None
        self.snapshot: Callable[[], RunStats] = RunStats
        self.flush: Callable[[], None] = lambda: None  # commit the writes a batch holds
        self.raising = True
        self._aborting = False

    @property
    def interrupted(self) -> bool:
        return self.signum is not None

    @property
    def message(self) -> str:
        name = signal.Signals(self.signum).name if self.signum else "a signal"
        return f"interrupted ({name}) before the run finished"

    def orphaned(self) -> bool:
        return os.getppid() != self.parent

    def install(self) -> None:
        signal.signal(signal.SIGTERM, self)
        signal.signal(signal.SIGINT, self)

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        first = self.signum is None
        if first:
            self.signum = signum
        if self.graceful is None:
            if first and self.raising:
                raise Interrupted(signum)
            return
        from twisted.internet import reactor

        if first and not self.orphaned():
            reactor.callFromThread(self.graceful)
        elif not self._aborting and self.abort is not None:
            self._aborting = True
            reactor.callFromThread(self.abort)


def parent_gone() -> bool:
    """Whether the parent named in RAQIB_PARENT_PID died before ``die_with_parent`` ran."""
    expected = os.environ.get(PARENT_ENV)
    return bool(expected and expected.isdigit() and os.getppid() != int(expected))


class Events:
    """JSON lines on the process's real stdout (stray prints are sent to stderr)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def __call__(self, event: dict[str, Any]) -> None:
        try:
            self.stream.write(json.dumps(event, ensure_ascii=False, default=str) + "\n")
            self.stream.flush()
        except (OSError, ValueError):
            pass  # the parent went away (or its pipe broke); the run is still in the store

    @classmethod
    def take_stdout(cls) -> Events:
        stream = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
        sys.stdout.flush()
        os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
        return cls(stream)


def spider_class(spider: str) -> type:
    """The spider class for a source's ``spider`` name: class ``name == spider`` in
    module ``spiders.<spider>``."""
    from spiders.base import RaqibSpider

    try:
        module = importlib.import_module(f"spiders.{spider}")
    except ModuleNotFoundError as exc:
        if exc.name == f"spiders.{spider}":
            raise CrawlError(f"the {spider!r} spider is not installed (no spiders/{spider}.py); "
                             "use another spider for this source") from None
        raise
    for _, obj in inspect.getmembers(module, inspect.isclass):
        if issubclass(obj, RaqibSpider) and obj.name == spider:
            return obj
    raise CrawlError(f"spiders/{spider}.py defines no spider named {spider!r}")


def recheck_bounds(moment: datetime, config: Config, *, now: bool) -> tuple[datetime, datetime]:
    """(seen since, checked before) of the articles a recheck re-fetches at ``moment``:
    those first seen within ``recheck_window``, and not checked for ``recheck_every`` (the
    daemon's --recheck-due) or at all up to this moment (`raqib crawl --recheck`). The store
    keeps whole seconds, so "up to this moment" reaches one second on: an article stored in
    this very second is due too (a recheck right after a crawl skipped some)."""
    checked_before = (moment + timedelta(seconds=1) if now
                      else moment - config.crawl.recheck_every)
    return moment - config.crawl.recheck_window, checked_before


def crawl_source(config: Config, source: SourceConfig, store: Store, *, emit: Events,
                 since: date | None = None, until: date | None = None,
                 recheck: bool = False, stop: Stop | None = None,
                 recheck_due: bool = False) -> RunResult:
    """Run one Scrapy crawl of ``source`` into ``store`` (once per process).

    ``recheck``: also re-fetch every known article of the recheck window now;
    ``recheck_due``: only those not checked within ``crawl.recheck_every`` (scheduled).

    A backfill starts from the window's saved cursor, if an earlier run left one.
    ``stop``: the installed signal handler, given the means to stop this crawl."""
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    from crawler import pipelines
    from crawler.middlewares import ROBOTS_STAT
    from crawler.retry import KeptPages, Outcome
    from crawler.settings import build_settings

    cls = spider_class(source.spider)
    context = pipelines.RunContext(store=store, config=config, source=source, emit=emit,
                                   since=since, until=until)
    pipelines.bind(context)
    backfill = since is not None or until is not None
    saved = store.backfill_cursor(source.name, since, until) if backfill else None
    kept = KeptPages(store, source.name, context.canonical)
    if kept.pages:
        emit({"event": "retry", "pages": len(kept.pages)})
    if saved:
        emit({"event": "resume", "pages_done": saved["pages_done"],
              "articles": saved["articles"], "saved_at": saved["updated_at"]})
    recheck_urls: list[str] = []
    if recheck or recheck_due:
        # `raqib crawl --recheck` rechecks the window's articles now; recheck_every only
        # spaces the daemon's scheduled rechecks (--recheck-due).
        seen_since, checked_before = recheck_bounds(utcnow(), config, now=recheck)
        recheck_urls = store.recheck_fetch_urls(source.name, seen_since=seen_since,
                                                checked_before=checked_before)
        emit({"event": "recheck", "articles": len(recheck_urls)})

    process = CrawlerProcess(build_settings(config, source))
    crawler = process.create_crawler(cls)

    def on_response(response: Any, request: Any, spider: Any) -> None:
        emit({"event": "page", "url": response.url, "status": response.status,
              "kind": request.meta.get("raqib_kind", "other")})

    def on_spider_error(failure: Any, response: Any, spider: Any) -> None:
        """An exception in a callback: its text goes into the run's message (the child's
        log is not kept), and running out of memory fails the run."""
        error = failure.value
        if isinstance(error, MemoryError):
            context.out_of_memory = True
        text = (str(error).splitlines() or [""])[0][:200]
        message = f"{response.url}: {type(error).__name__}" + (f": {text}" if text else "")
        context.spider_errors.append(message)
        emit({"event": "error", "url": response.url, "message": message})

    def on_dropped(request: Any, spider: Any) -> None:
        hops = request.meta.get("redirect_urls")
        if hops:
            spider.errors.append(f"{hops[0]}: redirect loop ({len(hops)} redirects back to "
                                 f"{request.url}); not fetched")

    crawler.signals.connect(on_response, signal=signals.response_received)
    crawler.signals.connect(on_dropped, signal=signals.request_dropped)
    crawler.signals.connect(on_spider_error, signal=signals.spider_error)
    process.crawl(crawler, source=source, crawl=config.crawl, known=store.known_urls,
                  canonical=context.canonical,
                  since=since, until=until, recheck=recheck_urls,
                  validators=store.validators, cursor=saved["cursor"] if saved else None,
                  retry=kept.requests())

    def counts() -> RunStats:
        scrapy_stats = crawler.stats.get_stats() if crawler.stats else {}
        spider = crawler.spider
        errors = len(getattr(spider, "errors", ())) + len(context.spider_errors)
        skipped = sum(getattr(spider, "skipped", {}).values())
        return context.stats(requests=int(scrapy_stats.get("downloader/request_count", 0)),
                             errors=errors, skipped=skipped)

    if stop is not None:
        stop.snapshot = counts
        stop.flush = context.flush
        stop.graceful = process.stop
    try:
        if stop is not None and stop.interrupted:  # stopped while the crawl was being set up
            return RunResult("interrupted", RunStats(), stop.message)
        process.start(install_signal_handlers=stop is None)
    finally:
        if stop is not None:
            stop.graceful = None
            stop.flush = lambda: None
            stop.raising = False
        pipelines.bind(None)
        context.flush()
        context.close_pool()

    spider = crawler.spider
    scrapy_stats = crawler.stats.get_stats() if crawler.stats else {}
    for message in getattr(spider, "errors", ()):  # no spider when it failed to start
        emit({"event": "error", "message": message})
    stats = counts()
    verdict = judge(spider, context, scrapy_stats, scrapy_stats.get(ROBOTS_STAT), stop,
                    memory_limit_mb=config.crawl.max_memory_mb)
    if verdict.status == "ok":
        context.save_validators()
    finished = backfill and verdict.status in ("ok", "degraded")
    status = verdict.status
    try:
        settled = kept.settle(Outcome.of(spider, context.written),
                              counts=status in ("ok", "degraded"),
                              finished=(since, until) if finished else None)
        said, details = settled.message(), settled.details()
    except Exception as exc:  # the store refused: the window's cursor stays, to resume from
        said = f"keeping the pages not stored for the next run failed: {type(exc).__name__}: {exc}"
        details = {}
        status = "degraded" if status == "ok" else status
        emit({"event": "error", "message": said})
    message = "; ".join(filter(None, [verdict.message, said]))
    return RunResult(status, stats, message, {**verdict.details, **details})


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; use YYYY-MM-DD") from None


def main(argv: list[str] | None = None) -> int:
    die_with_parent()
    parser = argparse.ArgumentParser(prog="python -m crawler.run", description=__doc__)
    parser.add_argument("--config", metavar="PATH")
    parser.add_argument("--source", required=True, metavar="NAME")
    parser.add_argument("--since", type=_date, metavar="YYYY-MM-DD")
    parser.add_argument("--until", type=_date, metavar="YYYY-MM-DD")
    parser.add_argument("--recheck", action="store_true",
                        help="re-fetch the recheck window's known articles now")
    parser.add_argument("--recheck-due", action="store_true",
                        help="re-fetch those not checked within crawl.recheck_every")
    args = parser.parse_args(argv)
    emit = Events.take_stdout()
    if parent_gone():
        print("error: the process that started this crawl is gone; not crawling",
              file=sys.stderr)
        return EXIT_INTERRUPTED
    try:
        config = load_config(args.config)
        source = config.source(args.source)
        store = Store.open(config.store.path)
    except ConfigError as exc:
        emit({"event": "done", "status": "failed", "message": str(exc)})
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except RaqibError as exc:
        emit({"event": "done", "status": "failed", "message": str(exc)})
        print(f"error: {exc}", file=sys.stderr)
        return 1
    limit_memory(config.crawl.max_memory_mb)
    stop = Stop()
    with store:
        mode = "backfill" if (args.since or args.until) else (
            "recheck" if args.recheck or args.recheck_due else "crawl")
        stop.install()
        try:
            run_id = store.start_run(source.name, mode=mode, pid=os.getpid())
        except Interrupted:
            return EXIT_INTERRUPTED
        emit({"event": "start", "run_id": run_id, "source": source.name, "pid": os.getpid()})

        def finish(result: RunResult) -> None:
            store.finish_run(run_id, result.status, result.stats, result.message,
                             details=result.details)
            from crawler.health import update_health

            health = update_health(store, config, source)
            emit({"event": "done", "run_id": run_id, "source": source.name,
                  "status": result.status, "message": result.message,
                  "stats": asdict(result.stats), "health": health.state,
                  "health_changed": health.changed})

        def abort() -> None:
            """Record the run as it stands and leave without waiting for downloads."""
            stop.flush()
            finish(RunResult("interrupted", stop.snapshot(), stop.message))
            store.close()
            sys.stderr.flush()
            os._exit(EXIT_INTERRUPTED)

        stop.abort = abort
        try:
            result = crawl_source(config, source, store, emit=emit, since=args.since,
                                  until=args.until, recheck=args.recheck, stop=stop,
                                  recheck_due=args.recheck_due)
        except Interrupted:
            result = RunResult("interrupted", stop.snapshot(), stop.message)
        except MemoryError:
            result = RunResult("failed", stop.snapshot(),
                               out_of_memory_message(config.crawl.max_memory_mb))
        except RaqibError as exc:
            result = RunResult("failed", RunStats(), str(exc))
        except Exception as exc:  # a crash still ends as a recorded, failed run
            import traceback

            traceback.print_exc(file=sys.stderr)
            result = RunResult("failed", RunStats(), f"crashed: {type(exc).__name__}: {exc}")
        stop.raising = False
        finish(result)
    if result.status == "interrupted":
        return EXIT_INTERRUPTED
    return 1 if result.status == "failed" else 0


if __name__ == "__main__":
    sys.exit(main())

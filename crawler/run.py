"""``python -m crawler.run --source NAME``: one source's crawl, alone in its own process.

Twisted's reactor cannot be restarted, so the daemon and ``raqib crawl`` run every
source as a child process (as Scrapyd does): a crash or a hang costs one run.

The child records the run (``runs`` row: ok | degraded | failed with counts and a
message), updates the source's health and writes progress as JSON lines on stdout:
``{"event": "start" | "page" | "item" | "error" | "done", ...}``. Everything else
(Scrapy's log) goes to stderr. Exit status: 0 ok or degraded, 1 failed, 2 bad arguments.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import os
import sys
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, TextIO

from crawler.config import Config, SourceConfig, load_config
from crawler.errors import ConfigError, CrawlError, RaqibError
from crawler.store import RunStats, Store, utcnow

MAX_LISTED_ERRORS = 3


@dataclass(frozen=True)
class RunResult:
    status: str  # ok | degraded | failed
    stats: RunStats
    message: str


class Events:
    """JSON lines on the process's real stdout (stray prints are sent to stderr)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def __call__(self, event: dict[str, Any]) -> None:
        try:
            self.stream.write(json.dumps(event, ensure_ascii=False, default=str) + "\n")
            self.stream.flush()
        except (BrokenPipeError, ValueError):
            pass  # the parent went away; the run is still recorded in the store

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


def crawl_source(config: Config, source: SourceConfig, store: Store, *, emit: Events,
                 since: date | None = None, until: date | None = None,
                 recheck: bool = False) -> RunResult:
    """Run one Scrapy crawl of ``source`` into ``store`` (once per process)."""
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    from crawler import pipelines
    from crawler.middlewares import ROBOTS_STAT
    from crawler.settings import build_settings

    cls = spider_class(source.spider)
    context = pipelines.RunContext(store=store, config=config, source=source, emit=emit)
    pipelines.bind(context)
    recheck_urls: list[str] = []
    if recheck:
        now = utcnow()
        recheck_urls = store.recheck_fetch_urls(
            source.name, seen_since=now - config.crawl.recheck_window,
            checked_before=now - config.crawl.recheck_every)

    process = CrawlerProcess(build_settings(config, source))
    crawler = process.create_crawler(cls)

    def on_response(response: Any, request: Any, spider: Any) -> None:
        emit({"event": "page", "url": response.url, "status": response.status,
              "kind": request.meta.get("raqib_kind", "other")})

    def on_spider_error(failure: Any, response: Any, spider: Any) -> None:
        emit({"event": "error", "url": response.url,
              "message": f"{type(failure.value).__name__}: {failure.value}"})

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
                  validators=store.validators)
    try:
        process.start()
    finally:
        pipelines.bind(None)

    spider = crawler.spider
    scrapy_stats = crawler.stats.get_stats() if crawler.stats else {}
    for message in spider.errors:
        emit({"event": "error", "message": message})
    errors = len(spider.errors) + int(scrapy_stats.get("spider_exceptions/count", 0) or 0)
    stats = context.stats(requests=int(scrapy_stats.get("downloader/request_count", 0)),
                          errors=errors)
    status, message = _verdict(spider, context, scrapy_stats, scrapy_stats.get(ROBOTS_STAT))
    if status == "ok":
        context.save_validators()
    return RunResult(status, stats, message)


def _verdict(spider: Any, context: Any, scrapy_stats: dict[str, Any],
             robots: str | None) -> tuple[str, str]:
    reason = scrapy_stats.get("finish_reason", "finished")
    if spider.fatal_error:
        return "failed", spider.fatal_error
    if robots:
        return "failed", robots
    if spider.entry_failed:
        return "failed", f"could not fetch {spider.entry_failed}"
    if reason == "shutdown":
        return "failed", "interrupted (SIGTERM/SIGINT) before the run finished"
    if reason == "memusage_exceeded":
        return "failed", "stopped: the crawl used more memory than allowed"
    problems: list[str] = []
    if reason == "closespider_timeout":
        problems.append("stopped at crawl.run_timeout before finishing")
    problems += [f"page shape: {m}" for m in spider.shape_errors]
    problems += spider.errors + context.ingest_errors
    exceptions = int(scrapy_stats.get("spider_exceptions/count", 0) or 0)
    if exceptions:
        problems.append(f"{exceptions} spider exception(s); see the log")
    if problems:
        shown = "; ".join(problems[:MAX_LISTED_ERRORS])
        more = len(problems) - MAX_LISTED_ERRORS
        return "degraded", shown + (f" (and {more} more)" if more > 0 else "")
    return "ok", ""


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; use YYYY-MM-DD") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crawler.run", description=__doc__)
    parser.add_argument("--config", metavar="PATH")
    parser.add_argument("--source", required=True, metavar="NAME")
    parser.add_argument("--since", type=_date, metavar="YYYY-MM-DD")
    parser.add_argument("--until", type=_date, metavar="YYYY-MM-DD")
    parser.add_argument("--recheck", action="store_true")
    args = parser.parse_args(argv)
    emit = Events.take_stdout()
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
    with store:
        mode = "backfill" if (args.since or args.until) else (
            "recheck" if args.recheck else "crawl")
        run_id = store.start_run(source.name, mode=mode, pid=os.getpid())
        emit({"event": "start", "run_id": run_id, "source": source.name, "pid": os.getpid()})
        try:
            result = crawl_source(config, source, store, emit=emit, since=args.since,
                                  until=args.until, recheck=args.recheck)
        except RaqibError as exc:
            result = RunResult("failed", RunStats(), str(exc))
        except Exception as exc:  # a crash still ends as a recorded, failed run
            import traceback

            traceback.print_exc(file=sys.stderr)
            result = RunResult("failed", RunStats(), f"crashed: {type(exc).__name__}: {exc}")
        store.finish_run(run_id, result.status, result.stats, result.message)
        from crawler.health import update_health

        health = update_health(store, config, source)
        emit({"event": "done", "run_id": run_id, "source": source.name,
              "status": result.status, "message": result.message,
              "stats": asdict(result.stats), "health": health.state,
              "health_changed": health.changed})
    return 1 if result.status == "failed" else 0


if __name__ == "__main__":
    sys.exit(main())

"""How a finished crawl ended: its status, a one-line message and the full details stored
with the run (``runs.details``), from what the spider, the pipeline and Scrapy recorded.

ok        every discovered item was handled; skipped items (a ``file://`` link, an invalid
          port) and items kept without an unreadable date are listed in the message
degraded  errors, unexpected page shapes, exceptions, or a run cut short by a limit
          (``crawl.max_pages``, ``crawl.run_timeout``): new items were left for later
failed    the run was useless (fatal spider error, robots.txt, the entry URL, memory)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

MAX_LISTED_PROBLEMS = 3
MAX_STORED_PROBLEMS = 50
MAX_PROBLEM_CHARS = 300


@dataclass(frozen=True)
class Verdict:
    status: str  # ok | degraded | failed | interrupted
    message: str
    details: dict[str, Any] = field(default_factory=dict)


def judge(
    spider: Any,
    context: Any,
    scrapy_stats: dict[str, Any],
    robots: str | None,
    stop: Any = None,
    memory_limit_mb: int | None = None,
) -> Verdict:
    reason = scrapy_stats.get("finish_reason", "finished")
    details = _details(spider, context)
    if stop is not None and stop.interrupted:
        return Verdict("interrupted", stop.message, details)
    if context is not None and context.out_of_memory:
        return Verdict("failed", out_of_memory_message(memory_limit_mb), details)
    if spider is None:
        return Verdict("failed", "the spider did not start; the log says why", details)
    if spider.fatal_error:
        return Verdict("failed", spider.fatal_error, details)
    if robots:
        return Verdict("failed", robots, details)
    if spider.entry_failed:
        return Verdict("failed", f"could not fetch {spider.entry_failed}", details)
    if reason == "shutdown":
        return Verdict(
            "interrupted", "interrupted (SIGTERM/SIGINT) before the run finished", details
        )
    if reason == "memusage_exceeded":
        return Verdict("failed", out_of_memory_message(memory_limit_mb), details)
    problems = _problems(spider, context, reason)
    details["problems"] = [p[:MAX_PROBLEM_CHARS] for p in problems[:MAX_STORED_PROBLEMS]]
    counted = _counted(details)
    if problems:
        shown = "; ".join(problems[:MAX_LISTED_PROBLEMS])
        more = len(problems) - MAX_LISTED_PROBLEMS
        message = shown + (f" (and {more} more)" if more > 0 else "")
        return Verdict("degraded", "; ".join(filter(None, [message, counted])), details)
    return Verdict("ok", counted, details)


def out_of_memory_message(limit_mb: int | None) -> str:
    limit = f" ({limit_mb} MB)" if limit_mb else ""
    return (
        f"stopped: the crawl needed more memory than its limit{limit}; the source sent "
        "something too large to process"
    )


def _problems(spider: Any, context: Any, reason: str) -> list[str]:
    problems: list[str] = []
    if reason == "closespider_timeout":
        problems.append("stopped at crawl.run_timeout before finishing")
    if reason == "closespider_pagecount":
        problems.append("stopped at the page limit (crawl.max_pages) before finishing")
    if spider.capped:
        problems.append(
            f"stopped at crawl.max_pages ({spider.crawl_config.max_pages} "
            f"articles): {spider.capped} more new item(s) wait for the next run"
        )
    problems += [f"page shape: {m}" for m in spider.shape_errors]
    problems += spider.errors
    if context is not None:
        problems += context.ingest_errors + context.spider_errors
    return problems


def _details(spider: Any, context: Any) -> dict[str, Any]:
    if spider is None:
        return {}
    return {"skipped": dict(spider.skipped), "notes": dict(spider.notes), "capped": spider.capped}


def _counted(details: dict[str, Any]) -> str:
    """'2 item(s) skipped (invalid port: 1, ...)' and the kept-but-degraded counts."""
    parts = []
    skipped: Counter[str] = Counter(details.get("skipped", {}))
    if skipped:
        parts.append(f"{sum(skipped.values())} item(s) skipped ({_reasons(skipped)})")
    notes: Counter[str] = Counter(details.get("notes", {}))
    if notes:
        parts.append(f"{sum(notes.values())} item(s) with {_reasons(notes)}")
    return "; ".join(parts)


def _reasons(counts: Counter[str]) -> str:
    return ", ".join(f"{reason}: {n}" for reason, n in counts.most_common())

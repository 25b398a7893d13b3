"""Import WARC files into the store through the same ingest as a crawl.

Each HTML response record becomes a ``FetchedPage`` (the record's bytes, HTTP headers,
WARC-Date as fetch time, target URI as URL) and goes through ``crawler.ingest_pool``:
extraction, dedupe, classification and the writes, on every core.

Resuming: a record whose URI and body (SHA-256, as captures are stored) are already
archived is skipped before any work, so a killed import, run again, adds no duplicates.
Batches commit whole, so a kill loses at most the uncommitted batch, which the next run
does again.

Which source a page belongs to: ``--source NAME`` when given (a configured source, or a
new name); else the configured source whose host (or alias) is the page's host; else a
source named after the host (``www.`` dropped).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from crawler.archive.store import Store
from crawler.config import Config, SourceConfig
from crawler.ingest import Ingestor
from crawler.ingest_pool import POOL_AFTER_PAGES, OrderedIngest, Written
from crawler.models import FetchedPage, Outcome
from crawler.urls import InvalidURLError, host_of
from crawler.warc_import.reader import Broken, Capture, Skipped, read_warc

IMPORT_SPIDER = "import"  # the spider name of sources made up for imported hosts


@dataclass
class ImportStats:
    """What an import did, for the progress line and the summary."""

    files: int = 0
    bytes_total: int = 0
    bytes_done: int = 0  # of the files finished, plus the offset reached in the current one
    records: int = 0
    pages: int = 0  # HTML captures sent to ingest
    stored: int = 0  # of those, written (whatever the outcome)
    already: int = 0  # stored by an earlier run (or earlier in this one): skipped
    pooled: int = 0  # pages prepared by worker processes
    outcomes: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    broken: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    def summary(self) -> str:
        new = self.outcomes[Outcome.NEW.value]
        parts = [f"{self.pages} pages from {self.records} records in {self.files} file(s)",
                 f"{new} new", f"{self.outcomes[Outcome.NEW_VERSION.value]} new versions",
                 f"{self.outcomes[Outcome.DUPLICATE.value]} duplicates",
                 f"{self.outcomes[Outcome.UNCHANGED.value]} unchanged",
                 f"{self.outcomes[Outcome.EXTRACTION_FAILED.value]} without article text",
                 f"{self.outcomes[Outcome.REMOVED.value]} marked removed",
                 f"{self.already} already stored",
                 f"{sum(self.skipped.values())} records skipped",
                 f"{len(self.broken)} broken", f"{len(self.errors)} errors",
                 f"{self.pages / max(self.seconds, 0.001):.1f} pages/s"]
        return ", ".join(parts)


class SourceResolver:
    """The source each imported page belongs to (see the module docstring)."""

    def __init__(self, config: Config, forced: str | None) -> None:
        self.config = config
        self.forced = forced
        self.made: dict[str, SourceConfig] = {}
        self._by_host: dict[str, str] = {}
        for source in config.sources:
            try:
                self._by_host.setdefault(host_of(source.url), source.name)
            except InvalidURLError:
                continue
            for alias in source.aliases:
                self._by_host.setdefault(alias.lower(), source.name)

    def name_for(self, uri: str) -> str:
        host = host_of(uri)
        if self.forced:
            name = self.forced
        elif host in self._by_host:
            return self._by_host[host]
        else:
            name = host.removeprefix("www.")
        if name not in self.made and not any(s.name == name for s in self.config.sources):
            scheme = uri.split(":", 1)[0].lower()
            self.made[name] = SourceConfig(name=name, spider=IMPORT_SPIDER,
                                           url=f"{scheme}://{host}/", every=None)
        return name


Progress = Callable[[ImportStats], None]


def import_files(paths: Sequence[Path], *, store: Store, config: Config,
                 source: str | None = None, alert: bool = False, workers: int | None = None,
                 pool_after: int = POOL_AFTER_PAGES,
                 progress: Progress | None = None) -> ImportStats:
    """Import ``paths`` in order. ``workers``: processes preparing pages (default: one per
    core; 0: none, all in this process); the pool starts at the ``pool_after``-th page
    (0: before the first, see ``crawler.ingest_pool.LazyPool``)."""
    stats = ImportStats(files=len(paths), bytes_total=sum(p.stat().st_size for p in paths))
    resolver = SourceResolver(config, source)
    ingestor = Ingestor(store, config, alerts=alert, sources=resolver.made)
    seen: set[tuple[str, str]] = set()
    progress = progress or (lambda _stats: None)

    def written(item: Written[None]) -> None:
        stats.stored += 1
        if item.result is not None:
            stats.outcomes[item.result.outcome.value] += 1
        elif item.error is not None:
            stats.errors.append(f"{item.page.url}: {type(item.error).__name__}: {item.error}")
        progress(stats)

    ordered = (OrderedIngest(ingestor, written, workers=workers, pool_after=pool_after)
               if workers != 0 else None)
    try:
        done_before = 0
        for path in paths:
            for item in read_warc(path):
                stats.records += 1
                if isinstance(item, Broken):
                    stats.broken.append(f"{path}: record at byte {item.offset}: {item.message}")
                elif isinstance(item, Skipped):
                    stats.skipped[item.kind] += 1
                else:
                    stats.bytes_done = done_before + item.offset
                    page = _page(item, resolver, stats, path)
                    if page is None:
                        continue
                    key = (page.url, item.sha256)
                    if key in seen or store.capture_id(*key) is not None:
                        stats.already += 1
                        progress(stats)
                        continue
                    seen.add(key)
                    stats.pages += 1
                    if ordered is not None:
                        ordered.put(page, None)
                    else:
                        _ingest_here(ingestor, page, written)
            done_before += path.stat().st_size
            stats.bytes_done = done_before
        if ordered is not None:
            ordered.finish()
            stats.pooled = ordered.pooled
    finally:
        if ordered is not None:
            ordered.close()
    progress(stats)
    return stats


def _page(capture: Capture, resolver: SourceResolver, stats: ImportStats,
          path: Path) -> FetchedPage | None:
    try:
        name = resolver.name_for(capture.uri)
    except InvalidURLError as exc:
        stats.broken.append(f"{path}: record at byte {capture.offset}: {exc}")
        return None
    return FetchedPage(source=name, url=capture.uri, final_url=capture.uri,
                       status=capture.status, headers=capture.headers, body=capture.body,
                       fetched_at=capture.fetched_at)


def _ingest_here(ingestor: Ingestor, page: FetchedPage,
                 written: Callable[[Written[None]], None]) -> None:
    try:
        written(Written(page, None, ingestor.ingest(page)))
    except Exception as exc:  # one bad page never ends the import
        written(Written(page, None, None, exc))

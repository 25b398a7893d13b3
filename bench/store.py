"""Store benchmark: fill a store with synthetic articles and print the figures that matter.

    .venv/bin/python bench/store.py [--n 100000] [--path /tmp/raqib-bench.db] [--profile]

Articles (English and Arabic, a few KB each, Zipf-distributed generated vocabulary: see
bench/store_corpus.py; 2% are reprints of a recent article) go in through the Store
methods the ingest path uses for a new article (article + version + labels + search row,
raw page capture, fingerprint and LSH bands, paragraph-shape counts). The store adds search
rows to the full-text index in batches of SEARCH_INDEX_BATCH inside the writes that reach
it, and what is left at the end is indexed on the clock, so the insert rates include the
full-text indexing of every article. The CPU work done before taking the write lock
(fingerprint, paragraph shapes, and the folded text the classifier returns) is timed apart.

Two write patterns are measured: the fill in transactions of 500 articles (bulk import),
then ``--per-page`` more articles with one transaction each into the filled store (what
the crawler does: one transaction per fetched page).

Every time is given as wall time and as CPU time of this process (time.process_time): the
machine is shared, and CPU time is what the code costs whatever the load. Commits with
synchronous=NORMAL in WAL mode do not wait for the disk, so CPU time leaves little out.

Printed: insert rates, store size per article, FTS query latency (median and p95 over 50
queries), near-duplicate lookup per new article (fingerprint + the real lookup,
Ingestor._find_duplicate: exact hash, LSH candidates, signature similarity, exact copy
comparison above the candidate floor). Targets: >= 1,000 inserts/s, FTS median <= 50 ms,
near-duplicate lookup <= 5 ms.
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import pstats
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.store_corpus import PLACES, Language, article, language, reprint  # noqa: E402
from classifiers.normalise import fold  # noqa: E402
from crawler.archive.search import search  # noqa: E402
from crawler.archive.store import ArchiveFilter, Store  # noqa: E402
from crawler.config import build_config  # noqa: E402
from crawler.dedupe import Fingerprint, fingerprint, paragraph_shapes  # noqa: E402
from crawler.ingest import Ingestor  # noqa: E402
from crawler.models import Classification, Extracted, FetchedPage  # noqa: E402

LABEL_SETS = ((), (), (), ("torture_death",), ("arbitrary_arrest",),
              ("enforced_disappearance", "arbitrary_arrest"), ("release",))
# From frequent to rare (see the ranks printed with --verbose), one and two words.
QUERIES = ["torture", "prison", "lawyer hearing", "Homs", "Karim", "whereabouts",
           "military intelligence", "torture prison", "checkpoint arrested", "the detainee",
           "تعذيب", "اعتقال حاجز", "مصير مجهول", "المخابرات العسكرية", "مستشفى", "سجن"]
BATCH = 500
REPRINT_SHARE = 0.02


@dataclass
class Clock:
    """Wall and CPU seconds of the timed sections."""

    wall: float = 0.0
    cpu: float = 0.0

    def time(self, work: Callable[[], object]) -> object:
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        self.wall += time.perf_counter() - wall
        self.cpu += time.process_time() - cpu
        return result


@dataclass
class Prepared:
    page: FetchedPage
    extracted: Extracted
    classification: Classification
    print_: Fingerprint
    shapes: frozenset[str]


@dataclass
class Articles:
    """Generates articles in a fixed order; keeps recent texts to reprint."""

    rng: random.Random
    langs: dict[str, Language]
    count: int = 0
    recent: collections.deque[tuple[str, str]] = field(
        default_factory=lambda: collections.deque(maxlen=200))

    def next(self) -> tuple[str, str, str]:
        """(url, lang, text)"""
        i = self.count
        self.count += 1
        if self.recent and self.rng.random() < REPRINT_SHARE:
            lang, text = self.rng.choice(self.recent)
            text = reprint(self.rng, self.langs[lang], text)
            return f"https://mirror.example/{lang}/{i}", lang, text
        lang = "ar" if i % 3 == 0 else "en"
        text = article(self.rng, self.langs[lang], words=self.rng.randint(350, 800))
        self.recent.append((lang, text))
        return f"https://bench.example/{lang}/news/{i}", lang, text


def make_page(url: str, title: str, text: str, at: datetime) -> FetchedPage:
    body = "".join(f"<p>{p}</p>" for p in text.split("\n"))
    html = (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>"
            f"</head><body><nav>home news reports contact</nav><article><h1>{title}</h1>"
            f"{body}</article><footer>all rights reserved</footer></body></html>")
    return FetchedPage(source="bench", url=url, final_url=url, status=200,
                       headers=(("Content-Type", "text/html; charset=utf-8"),),
                       body=html.encode("utf-8"), fetched_at=at)


def prepare(source: Articles, cpu: Clock) -> Prepared:
    """One article as the crawler has it before the write lock; the fingerprint, the
    paragraph shapes and the folded text (which the real classifier returns with its
    labels, see Classification.normalised) are timed on ``cpu``."""
    url, lang, text = source.next()
    at = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(minutes=7 * source.count)
    labels = source.rng.choice(LABEL_SETS)
    title = " ".join(text.split()[:8])
    extracted = Extracted(title=title, text=text, published=at.date().isoformat(), lang=lang,
                          extractor="bench")
    print_, shapes, normalised = cpu.time(  # type: ignore[misc]
        lambda: (fingerprint(text), paragraph_shapes(text), f"{fold(title)}\n{fold(text)}"))
    classification = Classification(
        labels=labels, scores={label: 0.9 for label in labels},
        facts={"governorate": source.rng.choice(PLACES)} if labels else {},
        normalised=normalised)
    return Prepared(make_page(url, title, text, at), extracted, classification, print_, shapes)


def write(store: Store, item: Prepared) -> None:
    """The store writes of Ingestor._new for a new article (alerts aside)."""
    article_id, version_id = store.insert_article(
        url=item.page.url, source="bench", lang=item.extracted.lang, extracted=item.extracted,
        text_hash=item.print_.content_hash, classification=item.classification,
        seen_at=item.page.fetched_at)
    store.insert_capture(item.page, kind="article", article_id=article_id,
                         version_id=version_id, extracted=item.extracted)
    store.save_fingerprint(article_id, item.print_.content_hash, item.print_.signature,
                           item.print_.band_keys)
    store.count_paragraph_shapes(item.shapes)


def fill(store: Store, source: Articles, n: int, writes: Clock, cpu: Clock) -> None:
    """Insert n articles in transactions of BATCH."""
    batch: list[Prepared] = []

    def flush() -> None:
        with store.transaction():
            for item in batch:
                write(store, item)
        batch.clear()

    for i in range(n):
        batch.append(prepare(source, cpu))
        if len(batch) == BATCH:
            writes.time(flush)
            if (i + 1) % 10_000 == 0:
                print(f"  {i + 1:,} articles", file=sys.stderr, flush=True)
    if batch:
        writes.time(flush)
    writes.time(store.index_search_backlog)


def per_page(store: Store, source: Articles, n: int, writes: Clock, cpu: Clock) -> None:
    """Insert n articles, one transaction each."""
    for _ in range(n):
        item = prepare(source, cpu)

        def one(item: Prepared = item) -> None:
            with store.transaction():
                write(store, item)

        writes.time(one)
    writes.time(store.index_search_backlog)


def timed_ms(work: Callable[[], object]) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return ((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, result)


def fts_queries(store: Store) -> Iterator[tuple[float, float, int]]:
    """(wall ms, cpu ms, hits) for 50 queries, every fifth filtered by a label."""
    for i in range(50):
        query = QUERIES[i % len(QUERIES)]
        where = ArchiveFilter(labels=("torture_death",)) if i % 5 == 4 else ArchiveFilter()
        wall, cpu, hits = timed_ms(lambda q=query, w=where: search(store, q, w, limit=20))
        yield wall, cpu, len(hits)  # type: ignore[arg-type]


def lookups(store: Store, source: Articles, n_stored: int,
            count: int = 200) -> tuple[list[float], list[float], int, int]:
    """Near-duplicate lookups for ``count`` new texts, every fourth a reprint of a stored
    article. Returns (wall ms, cpu ms, reprints, reprints found)."""
    ingestor = Ingestor(store, build_config({}, path=None),
                        classify=lambda *_: Classification())
    walls: list[float] = []
    cpus: list[float] = []
    reprints = found = 0
    for i in range(count):
        if i % 4 == 0:
            article_id = source.rng.randint(1, n_stored)
            row = store.query("SELECT lang, text FROM articles WHERE id = ?", [article_id])[0]
            text = reprint(source.rng, source.langs[row["lang"]], row["text"])
            reprints += 1
        else:
            text = source.next()[2]
        wall, cpu, match = timed_ms(
            lambda t=text: ingestor._find_duplicate(t, fingerprint(t)))
        walls.append(wall)
        cpus.append(cpu)
        found += i % 4 == 0 and match is not None
    return walls, cpus, reprints, found


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def spread(values: list[float]) -> str:
    return f"median {statistics.median(values):.1f} ms, p95 {percentile(values, 0.95):.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="articles to insert")
    parser.add_argument("--per-page", type=int, help="articles then inserted one per "
                        "transaction (default: n/10, at most 2,000)")
    parser.add_argument("--path", type=Path, help="store file (default: a temporary file)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--profile", action="store_true",
                        help="cProfile the fill and print the top functions")
    args = parser.parse_args()
    per_page_n = args.per_page if args.per_page is not None else min(2000, args.n // 10)
    folder = tempfile.TemporaryDirectory(prefix="raqib-bench-")
    path = args.path or Path(folder.name) / "bench.db"
    if path.exists():
        parser.error(f"{path} exists; give a new file")
    source = Articles(random.Random(args.seed), {code: language(code) for code in ("en", "ar")})

    bulk, paged, cpu_bulk, cpu_paged = Clock(), Clock(), Clock(), Clock()
    with Store.open(path) as store:
        print(f"filling {path} with {args.n:,} articles ...", file=sys.stderr, flush=True)
        profiler = cProfile.Profile() if args.profile else None
        if profiler:
            profiler.enable()
        fill(store, source, args.n, bulk, cpu_bulk)
        if profiler:
            profiler.disable()
            pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(30)
        per_page(store, source, per_page_n, paged, cpu_paged)
        total = args.n + per_page_n
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = path.stat().st_size
        raw = store.scalar("SELECT sum(size) FROM captures")
        stored = store.scalar("SELECT sum(length(raw)) FROM captures")
        fts = list(fts_queries(store))
        near_wall, near_cpu, reprints, found = lookups(store, source, args.n)

    print(f"articles:            {total:,} ({args.n:,} in transactions of {BATCH}, then "
          f"{per_page_n:,} one per transaction)")
    print(f"prepare (CPU work):  fingerprint + paragraph shapes + folded text "
          f"{cpu_bulk.cpu / args.n * 1000:.2f} ms CPU/article "
          f"({cpu_bulk.wall / args.n * 1000:.2f} ms wall)")
    print(f"insert, batched:     {args.n / bulk.wall:,.0f}/s wall, {args.n / bulk.cpu:,.0f}/s "
          f"CPU (store writes); with prepare {args.n / (bulk.wall + cpu_bulk.wall):,.0f}/s "
          f"wall, {args.n / (bulk.cpu + cpu_bulk.cpu):,.0f}/s CPU")
    if per_page_n:
        print(f"insert, per page:    {per_page_n / paged.wall:,.0f}/s wall, "
              f"{per_page_n / paged.cpu:,.0f}/s CPU (store writes); with prepare "
              f"{per_page_n / (paged.wall + cpu_paged.wall):,.0f}/s wall, "
              f"{per_page_n / (paged.cpu + cpu_paged.cpu):,.0f}/s CPU")
    print(f"store size:          {size / 1e6:,.1f} MB = {size / total / 1024:.1f} KiB/article "
          f"(raw pages {raw / total / 1024:.1f} KiB -> {stored / total / 1024:.1f} KiB "
          f"compressed)")
    print(f"FTS query:           {spread([f[0] for f in fts])} wall; "
          f"{spread([f[1] for f in fts])} CPU (50 queries, limit 20, "
          f"{sum(f[2] for f in fts) / len(fts):.1f} hits on average)")
    print(f"near-dup lookup:     {spread(near_wall)} wall; {spread(near_cpu)} CPU per new "
          f"article; reprints found {found}/{reprints}")
    folder.cleanup()


if __name__ == "__main__":
    main()

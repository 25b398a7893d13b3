"""Ingest throughput: a crawl and `raqib import` against plain trafilatura, in one run.

    .venv/bin/python bench/ingest.py [--articles N] [--rounds R]

Serves N distinct English SNHR article pages (default 1,000: the samples and variants of
them with their own id, slug, date and shuffled words, so deduplication keeps them apart)
from the loopback mirror, fetches every page once, and measures, in pages per second:

(a) reference: ``trafilatura.bare_extraction`` over the page bytes, one process, with the
    options raqib uses (no language detection, dedupe, classification or store);
(b) crawl: ``crawler.run`` backfilling the source over loopback, delay 0, into a new
    store; the rate runs from the crawl's first response to its last stored article (the
    child's start-up is printed apart);
(c) import: ``raqib import`` of a WARC.gz of the same pages into a new store (every core);
    the rate is the import's own (from its summary), the command's wall time apart;
(d) import ``--workers 0``: the same, one process, for comparison.

The mirror's pages are light (about 6 kB of HTML, 2.3 kB gzipped, where the Web Almanac
2024 median page's HTML transfers 18 kB: see ``crawler.mirror.chrome``); real news pages
carry menus, sidebars and scripts, which cost trafilatura time and the rest of ingest
none. So (a), (b) and (c) are measured again on the same pages with ``--chrome-kb`` of such
chrome added (default 120; ``crawler.mirror.chrome``: the mirror serves them padded).

Each rate is also given as a ratio to (a). With ``--rounds R`` everything runs R times
and the range is printed. The machine may be shared: figures move with its load. So (b),
(c) and (d) also give the CPU time they took per page (the command and its worker
processes, start-up included), which moves much less with the load; and the CPU time of
each stage per page is measured once, in this process: trafilatura, ``prepare`` (what the
workers do) and ``Ingestor.write`` in batches of 50 (what the one writer does). On 2 cores
a rate can reach at most 2,000 / (CPU ms per page) pages/s.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "spiders"))

import trafilatura  # noqa: E402
from spiderkit import Crawler, write_config  # noqa: E402
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from crawler.archive.store import Store  # noqa: E402
from crawler.config import load_config  # noqa: E402
from crawler.extract import LANG_SAMPLE_CHARS, detect_language, extract  # noqa: E402
from crawler.ingest import Ingestor, prepare  # noqa: E402
from crawler.mirror import Mirrors  # noqa: E402
from crawler.mirror.chrome import site_chrome, with_chrome  # noqa: E402
from crawler.models import FetchedPage  # noqa: E402
from crawler.samples import SampleArticle, load_samples, variant  # noqa: E402
from crawler.warc_import.importer import SourceResolver  # noqa: E402

SOURCE = "snhr-en"
RAQIB = str(Path(sys.executable).with_name("raqib"))


def corpus(articles: int) -> list[SampleArticle]:
    """``articles`` distinct English SNHR news pages."""
    rng = random.Random(15)
    originals = [s for s in load_samples() if s.site == "snhr" and s.path_lang == "en"
                 and s.section == "news" and not s.copy_of]
    out = list(originals)
    n = 0
    while len(out) < articles:
        n += 1
        for sample in originals:
            if len(out) >= articles:
                break
            out.append(variant(sample, n, rng, tag="b", id_scale=10000))
    return out


def fetch(mirrors: Mirrors, samples: list[SampleArticle]) -> list[tuple[str, bytes, str]]:
    """(url, body, content type) of every article page, as the mirror serves it."""
    pages = []
    for sample in samples:
        url = mirrors.url_of(sample.stem)
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
            pages.append((url, response.read(), response.headers.get("Content-Type", "")))
    return pages


def reference_rate(pages: list[tuple[str, bytes, str]]) -> float:
    started = time.perf_counter()
    for url, body, _ in pages:
        trafilatura.bare_extraction(body, url=url, with_metadata=True, include_comments=False,
                                    include_tables=True, deduplicate=False, favor_recall=True)
    return len(pages) / (time.perf_counter() - started)


def children_cpu() -> float:
    """CPU seconds of the finished child processes (and the processes they waited for)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def crawl_rate(mirrors: Mirrors, folder: Path) -> tuple[float, float, int, float]:
    """(articles/s from the first response to the last stored article, start-up seconds,
    articles stored, CPU ms per article of the crawl and its workers)."""
    crawler = Crawler(mirrors, folder)
    config = crawler.config.read_text(encoding="utf-8")  # every article in one run
    crawler.config.write_text(config.replace("[crawl]\n", "[crawl]\nmax_pages = 100000\n"),
                              encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cpu = children_cpu()
    started = time.perf_counter()
    child = subprocess.Popen(crawler.command(SOURCE, "--since", "2000-01-01"), cwd=ROOT,
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True)
    first = last = None
    stored = 0
    assert child.stdout is not None
    for line in child.stdout:
        event = json.loads(line)
        now = time.perf_counter()
        if event.get("event") == "page" and first is None:
            first = now
        elif event.get("event") == "item" and event.get("outcome") == "new":
            stored += 1
            last = now
    child.wait()
    if first is None or last is None:
        raise SystemExit("the crawl stored nothing; run the crawl tests")
    cpu_ms = (children_cpu() - cpu) / stored * 1000
    return stored / (last - first), first - started, stored, cpu_ms


def write_warc(path: Path, pages: list[tuple[str, bytes, str]]) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True, warc_version="1.1")
        for url, body, content_type in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type),
                                                  ("Content-Length", str(len(body)))],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2026-01-01T00:00:00Z"}))


def import_rate(warc: Path, folder: Path, *args: str) -> tuple[float, float, int, float]:
    """(the import's own pages/s, the command's wall seconds, new articles, CPU ms per
    page of the command and its workers)."""
    config = write_config(folder / "raqib.toml", [], folder / "raqib.db")
    cpu = children_cpu()
    started = time.perf_counter()
    done = subprocess.run([RAQIB, "--config", str(config), "import", "--source", SOURCE,
                           *args, str(warc)], capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"raqib import failed: {done.stderr.strip()}")
    rate = float(re.search(r"([\d.]+) pages/s", done.stdout).group(1))  # type: ignore[union-attr]
    new = int(re.search(r"(\d+) new,", done.stdout).group(1))  # type: ignore[union-attr]
    return rate, wall, new, (children_cpu() - cpu) / max(new, 1) * 1000


def stage_ms(pages: list[tuple[str, bytes, str]], folder: Path) -> tuple[float, float, float]:
    """CPU ms per page, in this process, of trafilatura alone, of ``prepare`` (with
    classification, as in a worker) and of ``Ingestor.write`` in batches of 50 into a new
    store (as ``raqib import`` writes)."""
    config = load_config(write_config(folder / "raqib.toml", [], folder / "raqib.db"))
    resolver = SourceResolver(config, SOURCE)
    fetched = [FetchedPage(source=resolver.name_for(url), url=url, final_url=url, status=200,
                           headers=(("Content-Type", content_type),), body=body,
                           fetched_at=datetime.now(UTC)) for url, body, content_type in pages]
    with Store.open(folder / "raqib.db") as store:
        ingestor = Ingestor(store, config, alerts=False, sources=resolver.made)
        source = ingestor.source(SOURCE)
        prepare(fetched[0], source, classify=ingestor.classify)  # loads the rules and models
        started = time.process_time()
        reference_rate(pages)
        extraction = time.process_time() - started
        started = time.process_time()
        prepared = [prepare(page, source, classify=ingestor.classify) for page in fetched]
        preparing = time.process_time() - started
        started = time.process_time()
        for start in range(0, len(fetched), 50):
            with store.transaction():
                for page, ready in zip(fetched[start:start + 50], prepared[start:start + 50],
                                       strict=True):
                    ingestor.write(page, ready)
        store.index_search_backlog()
        writing = time.process_time() - started
    return tuple(seconds / len(pages) * 1000  # type: ignore[return-value]
                 for seconds in (extraction, preparing, writing))


def language_ms(pages: list[tuple[str, bytes, str]]) -> tuple[float, float]:
    """ms per page of language detection reading 4,000 characters (as before issue #15)
    and reading the bounded sample, on texts as long as real reports (several thousand
    characters: the pages' texts repeated)."""
    import crawler.extract as extraction

    texts = [(e.title + "\n" + e.text) * 4 for e in
             (extract(body, url=url) for url, body, _ in pages[:200])]
    out = []
    for size in (4000, LANG_SAMPLE_CHARS):
        extraction.LANG_SAMPLE_CHARS = size
        started = time.perf_counter()
        for text in texts:
            detect_language(text)
        out.append((time.perf_counter() - started) / len(texts) * 1000)
    extraction.LANG_SAMPLE_CHARS = LANG_SAMPLE_CHARS
    return out[0], out[1]


def with_chrome_pages(pages: list[tuple[str, bytes, str]],
                      kb: int) -> list[tuple[str, bytes, str]]:
    """The pages with about ``kb`` kB of site chrome added (``crawler.mirror.chrome``)."""
    chrome = site_chrome(kb)
    return [(url, with_chrome(body, chrome), content_type) for url, body, content_type in pages]


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench/ingest.py")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--chrome-kb", type=int, default=120, metavar="KB",
                        help="also import the pages with this much site chrome added, as "
                             "heavy as real news pages (0: skip)")
    args = parser.parse_args()
    samples = corpus(args.articles)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{len(samples)} distinct article pages, {cores} cores, load {os.getloadavg()[0]:.1f}")
    ratios: dict[str, list[float]] = {"crawl": [], "import": [], "import one process": []}
    with Mirrors(samples) as mirrors, Mirrors(samples, chrome_kb=args.chrome_kb) as heavy_site, \
            tempfile.TemporaryDirectory() as workdir:
        pages = fetch(mirrors, samples)
        kb = sum(len(body) for _, body, _ in pages) / len(pages) / 1000
        print(f"pages average {kb:.0f} kB of HTML")
        warc = Path(workdir) / "pages.warc.gz"
        write_warc(warc, pages)
        heavy = with_chrome_pages(pages, args.chrome_kb) if args.chrome_kb else []
        heavy_warc = Path(workdir) / "heavy.warc.gz"
        heavy_kb = sum(len(body) for _, body, _ in heavy) / max(len(heavy), 1) / 1000
        if heavy:
            write_warc(heavy_warc, heavy)
        before, after = language_ms(pages)
        print(f"language detection: {before:.2f} ms a page on 4,000 characters, "
              f"{after:.2f} ms on {LANG_SAMPLE_CHARS}")
        extraction, preparing, writing = stage_ms(pages, _mkdir(Path(workdir) / "stages"))
        print(f"CPU a page, one process: trafilatura {extraction:.2f} ms, prepare "
              f"{preparing:.2f} ms (the workers' part), write {writing:.2f} ms (the writer's)")
        for round_ in range(1, args.rounds + 1):
            folder = Path(workdir) / f"round{round_}"
            folder.mkdir()
            reference = reference_rate(pages)
            crawl, startup, crawled, crawl_cpu = crawl_rate(mirrors, _mkdir(folder / "crawl"))
            pooled, pooled_wall, imported, pooled_cpu = import_rate(
                warc, _mkdir(folder / "import"))
            single, single_wall, _, single_cpu = import_rate(warc, _mkdir(folder / "single"),
                                                             "--workers", "0")
            print(f"round {round_} (load {os.getloadavg()[0]:.1f}):")
            print(f"  (a) trafilatura, one process   {reference:7.1f} pages/s")
            print(f"  (b) crawl, delay 0             {crawl:7.1f} pages/s  "
                  f"{crawl / reference:.2f} of (a)  ({crawled} stored, {startup:.1f}s start-up, "
                  f"{crawl_cpu:.1f} ms CPU a page)")
            print(f"  (c) raqib import               {pooled:7.1f} pages/s  "
                  f"{pooled / reference:.2f} of (a)  ({imported} stored, "
                  f"{pooled_wall:.1f}s command, {pooled_cpu:.1f} ms CPU a page)")
            print(f"  (d) raqib import --workers 0   {single:7.1f} pages/s  "
                  f"{single / reference:.2f} of (a)  ({single_wall:.1f}s command, "
                  f"{single_cpu:.1f} ms CPU a page)")
            ratios["crawl"].append(crawl / reference)
            ratios["import"].append(pooled / reference)
            ratios["import one process"].append(single / reference)
            if args.chrome_kb:
                heavy_reference = reference_rate(heavy)
                heavy_crawl, _, heavy_crawled, heavy_crawl_cpu = crawl_rate(
                    heavy_site, _mkdir(folder / "heavy-crawl"))
                heavy_rate, heavy_wall, _, heavy_cpu = import_rate(heavy_warc,
                                                                   _mkdir(folder / "heavy"))
                print(f"  pages with {args.chrome_kb} kB of site chrome ({heavy_kb:.0f} kB):")
                print(f"  (a) trafilatura, one process   {heavy_reference:7.1f} pages/s")
                print(f"  (b) crawl, delay 0             {heavy_crawl:7.1f} pages/s  "
                      f"{heavy_crawl / heavy_reference:.2f} of (a)  ({heavy_crawled} stored, "
                  f"{heavy_crawl_cpu:.1f} ms CPU a page)")
                print(f"  (c) raqib import               {heavy_rate:7.1f} pages/s  "
                      f"{heavy_rate / heavy_reference:.2f} of (a)  ({heavy_wall:.1f}s command, "
                  f"{heavy_cpu:.1f} ms CPU a page)")
                ratios.setdefault("crawl, heavy pages", []).append(heavy_crawl / heavy_reference)
                ratios.setdefault("import, heavy pages", []).append(
                    heavy_rate / heavy_reference)
    if args.rounds > 1:
        for name, values in ratios.items():
            print(f"{name}: {min(values):.2f}–{max(values):.2f} of single-process trafilatura")


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


if __name__ == "__main__":
    main()

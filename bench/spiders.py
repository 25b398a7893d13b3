"""Per spider: requests of an unchanged incremental run, and backfill throughput.

    .venv/bin/python bench/spiders.py [--scale N] [--source NAME]...

Crawls the loopback mirrors (delay 0) in child processes, one source at a time; the
article rate includes the child's start-up (imports). With the project's samples alone a
source holds 1-6 articles, so start-up dominates; ``--scale N`` serves N distinct variants
of every sample (own id, slug and date, words reshuffled so deduplication keeps them apart)
to measure a backfill's steady rate.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "spiders"))

from spiderkit import Crawler  # noqa: E402

from crawler.mirror import Mirrors  # noqa: E402
from crawler.samples import SampleArticle, load_samples, variant  # noqa: E402


def scaled(samples: list[SampleArticle], copies: int) -> list[SampleArticle]:
    """Every sample plus ``copies`` distinct variants of it, dated one day apart."""
    rng = random.Random(7)
    out = list(samples)
    for sample in samples:
        if sample.copy_of:
            continue
        for n in range(1, copies + 1):
            out.append(variant(sample, n, rng, tag="x"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=0, metavar="N",
                        help="serve N extra distinct variants of every sample")
    parser.add_argument("--source", action="append", default=[], metavar="NAME",
                        help="only this source (repeatable)")
    args = parser.parse_args()
    samples = scaled(load_samples(), args.scale) if args.scale else None
    with Mirrors(samples) as mirrors, tempfile.TemporaryDirectory() as workdir:
        extra = [{"name": "wp-horrya", "spider": "wordpress",
                  "url": mirrors.base_url("horrya") + "/"},
                 {"name": "sm-snhr", "spider": "sitemap",
                  "url": mirrors.base_url("snhr") + "/wp-sitemap.xml"}]
        names = [s["name"] for s in mirrors.sources()] + [s["name"] for s in extra]
        names = [name for name in names if not args.source or name in args.source]
        print(f"{'source':<12} {'backfill':>9} {'seconds':>8} {'art/s':>6} {'unchanged run':>14}")
        for name in names:
            folder = Path(workdir) / name
            folder.mkdir()
            crawler = Crawler(mirrors, folder, extra)
            started = time.perf_counter()
            backfill = crawler.run(name, "--since", "2000-01-01")
            elapsed = time.perf_counter() - started
            crawler.run(name)  # first incremental run: learns the validators
            unchanged = crawler.run(name)
            stored = backfill.done["stats"]["new_articles"]
            print(f"{name:<12} {stored:>9} {elapsed:>8.1f} {stored / elapsed:>6.2f} "
                  f"{unchanged.done['stats']['requests']:>10} req")


if __name__ == "__main__":
    main()

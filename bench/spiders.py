"""Per spider: requests of an unchanged incremental run, and backfill throughput.

    .venv/bin/python bench/spiders.py

Crawls the loopback mirrors (delay 0) in child processes, one source at a time; the
article rate includes the child's start-up (imports), so it is a floor.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "spiders"))

from spiderkit import Crawler  # noqa: E402

from crawler.mirror import Mirrors  # noqa: E402


def main() -> None:
    with Mirrors() as mirrors, tempfile.TemporaryDirectory() as workdir:
        extra = [{"name": "wp-horrya", "spider": "wordpress",
                  "url": mirrors.base_url("horrya") + "/"},
                 {"name": "sm-snhr", "spider": "sitemap",
                  "url": mirrors.base_url("snhr") + "/wp-sitemap.xml"}]
        names = [s["name"] for s in mirrors.sources()] + [s["name"] for s in extra]
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

"""The telegram spider on the loopback preview mirror: requests, posts per second and what
archiving the listing as each post's capture costs in the store.

    .venv/bin/python bench/telegram.py

A first crawl of the 43-post channel (3 preview pages), an unchanged re-crawl, and the
captures it left: raw listing bytes filed per post against the compressed bytes stored (and
the same listing stored once per page, the reference). Rates include the child process's
start-up (imports), which dominates at this size.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.archive.store import Store  # noqa: E402
from crawler.mirror.telegram import WATCH, TelegramMirror  # noqa: E402


def crawl(config: Path) -> tuple[dict, float]:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "crawler.run", "--config", str(config),
                           "--source", "tg"], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    elapsed = time.perf_counter() - started
    done = next(e for e in map(json.loads, proc.stdout.splitlines()) if e["event"] == "done")
    return done, elapsed


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, TelegramMirror() as tg:
        config = Path(folder) / "raqib.toml"
        config.write_text(f'[store]\npath = "{folder}/raqib.db"\n[crawl]\ndownload_delay = 0.0\n'
                          f'\n[[sources]]\nname = "tg"\nspider = "telegram"\n'
                          f'url = "{tg.preview(WATCH)}"\n', encoding="utf-8")
        first, seconds = crawl(config)
        posts = first["stats"]["new_articles"]
        print(f"first crawl: {first['stats']['requests']} requests, {posts} posts in "
              f"{seconds:.2f} s ({posts / seconds:.1f} posts/s with start-up)")
        again, seconds = crawl(config)
        print(f"unchanged re-crawl: {again['stats']['requests']} requests, "
              f"{again['stats']['new_articles']} new, {seconds:.2f} s")
        with Store.open(Path(folder) / "raqib.db") as store:
            [row] = store.query("SELECT count(*) AS n, sum(size) AS raw, "
                                "sum(length(raw)) AS stored, count(DISTINCT sha256) AS pages "
                                "FROM captures")
            [once] = store.query("SELECT sum(s) AS stored FROM (SELECT max(length(raw)) AS s "
                                 "FROM captures GROUP BY sha256)")
        print(f"captures: {row['n']} (one per post) of {row['pages']} distinct listing pages; "
              f"raw {row['raw'] / 1024:.0f} KiB, stored {row['stored'] / 1024:.0f} KiB "
              f"({row['stored'] / row['n'] / 1024:.1f} KiB per post); one copy per page would "
              f"store {once['stored'] / 1024:.0f} KiB (x{row['stored'] / once['stored']:.1f})")


if __name__ == "__main__":
    main()

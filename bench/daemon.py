"""The daemon parent's memory over many scheduled runs.

    .venv/bin/python bench/daemon.py [--runs 500] [--sources 4] [--every 1s]

Serves a small RSS feed on loopback (a new article every few seconds), starts
``python -m scheduler`` on a fresh store with every source crawling that feed every
``--every``, and prints the parent's resident memory (VmRSS) as the completed runs add
up, until ``--runs`` runs have finished. Then SIGTERM, and the time the stop took.
Target: parent RSS ≤ 80 MB after 500 runs, and flat (children do the heavy work).
"""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

TARGET_MB = 80.0
_SENTENCES = [
    "Relatives said the detainee had been held without charge for years.",
    "The monitoring group recorded the arrest at a checkpoint near the city.",
    "A former detainee described interrogations that lasted whole nights.",
    "The family was told of the death by a clerk at the civil registry.",
    "No body was handed over and no burial place was disclosed.",
    "The network added the case to its database of deaths in custody.",
]


class FeedSite:
    """/feed.xml lists /a/<n>.html; ``grow()`` publishes one more article."""

    def __init__(self) -> None:
        self.count = 3
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                body, kind = owner.page(self.path)
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def grow(self) -> None:
        self.count += 1

    def page(self, path: str) -> tuple[bytes, str]:
        if path == "/feed.xml":
            items = "".join(
                f"<item><title>Case {n}: death in detention reported</title>"
                f"<link>{self.base}/a/{n}.html</link><guid>{self.base}/a/{n}.html</guid>"
                f"<pubDate>{formatdate(1_790_000_000 + n * 3600, usegmt=True)}</pubDate></item>"
                for n in reversed(range(self.count)))
            feed = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>bench</title>"
                    f"<link>{self.base}/</link><description>bench</description>{items}"
                    "</channel></rss>")
            return feed.encode(), "application/rss+xml"
        if path.startswith("/a/") and path.endswith(".html"):
            n = int(path[3:-5])
            text = "".join(f"<p>{_SENTENCES[(n + k) % len(_SENTENCES)]} (case {n}, note {k})"
                           "</p>" for k in range(6))
            html = (f"<html lang='en'><head><title>Case {n}</title></head><body><article>"
                    f"<h1>Case {n}: a man from Homs died under torture in detention</h1>"
                    f"{text}</article></body></html>")
            return html.encode(), "text/html; charset=utf-8"
        return b"", "text/plain"


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def finished_runs(db: Path) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return conn.execute("SELECT count(*) FROM runs WHERE finished_at IS NOT NULL"
                            ).fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=500)
    parser.add_argument("--sources", type=int, default=4)
    parser.add_argument("--every", default="1s")
    parser.add_argument("--sample", type=float, default=10.0, help="seconds between samples")
    args = parser.parse_args()

    site = FeedSite()
    folder = Path(tempfile.mkdtemp(prefix="raqib-bench-"))
    sources = "".join(
        f'[[sources]]\nname = "feed-{i}"\nspider = "feed"\nurl = "{site.base}/feed.xml"\n'
        f'lang = "en"\nevery = "{args.every}"\nexpect_every = "30d"\n\n'
        for i in range(args.sources))
    config = folder / "raqib.toml"
    config.write_text('[store]\npath = "raqib.db"\n\n[crawl]\ndownload_delay = 0.0\n'
                      'obey_robots = false\nrun_timeout = "60s"\n\n' + sources +
                      '[[channels]]\nname = "log"\nurl = "console://"\n', encoding="utf-8")
    log = (folder / "daemon.log").open("wb")
    daemon = subprocess.Popen([sys.executable, "-m", "scheduler", "--config", str(config)],
                              cwd=folder, stdout=log, stderr=subprocess.STDOUT)
    db = folder / "raqib.db"
    print(f"store {db}; daemon pid {daemon.pid}; target {args.runs} runs")
    print(f"{'elapsed':>8} {'runs':>6} {'parent RSS MB':>14}")
    started = time.monotonic()
    samples: list[tuple[int, float]] = []
    next_growth = started
    try:
        while True:
            time.sleep(args.sample)
            if daemon.poll() is not None:
                print(f"the daemon exited with {daemon.returncode}; see {folder}/daemon.log")
                return 1
            if time.monotonic() >= next_growth:
                site.grow()
                next_growth += 20
            runs, rss = finished_runs(db), rss_mb(daemon.pid)
            samples.append((runs, rss))
            print(f"{time.monotonic() - started:8.0f} {runs:6d} {rss:14.1f}", flush=True)
            if runs >= args.runs:
                break
    finally:
        stop = time.monotonic()
        if daemon.poll() is None:
            daemon.send_signal(signal.SIGTERM)
            code = daemon.wait(60)
            print(f"SIGTERM → exit {code} in {time.monotonic() - stop:.1f}s")
        log.close()
        site.server.shutdown()
    first_rss = samples[0][1]
    peak = max(rss for _, rss in samples)
    final_runs, final_rss = samples[-1]
    verdict = "OK" if final_rss <= TARGET_MB else "OVER TARGET"
    print(f"parent RSS: first {first_rss:.1f} MB, peak {peak:.1f} MB, after {final_runs} runs "
          f"{final_rss:.1f} MB (target ≤ {TARGET_MB:.0f} MB: {verdict}); pid {os.getpid()} "
          f"log {folder}/daemon.log")
    return 0 if final_rss <= TARGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())

"""Stopping crawls: a stopped run is 'interrupted' (health ignores it), and a crawl child
does not outlive a SIGKILLed ``raqib crawl``."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from support.feedsite import ARTICLES, rss, write_config
from support.httpsite import HTTPSite

from crawler.archive.store import RunStats, Store
from crawler.crawl import run_source
from crawler.run import EXIT_INTERRUPTED

ROOT = Path(__file__).resolve().parents[2]


def _alive(pid: int) -> bool:
    """Whether a process runs (a zombie waiting for its new parent to reap it does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _wait_for(check: Any, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return bool(check())


def test_a_stopped_run_is_interrupted_and_does_not_touch_health(
        site: HTTPSite, tmp_path: Path) -> None:
    site.route("/feed.xml", rss(site, ARTICLES), content_type="application/rss+xml")
    site.route(ARTICLES[1].path, "slow", content_type="text/html", delay=2.5)
    config = write_config(tmp_path, site.url("/feed.xml"))
    with Store.open(config.store.path) as store:
        store.finish_run(store.start_run("testfeed"), "ok", RunStats())
        store.set_health("testfeed", "ok")
    children: list[subprocess.Popen[str]] = []

    def stop_when_fetching(event: dict[str, Any]) -> None:
        if event.get("event") == "page" and event["url"].endswith("/feed.xml"):
            time.sleep(0.3)  # the slow article is in flight
            children[0].send_signal(signal.SIGTERM)

    started = time.monotonic()
    outcome = run_source(config, "testfeed", on_spawn=children.append,
                         on_event=stop_when_fetching)

    assert time.monotonic() - started < 15
    assert (outcome.status, outcome.failed) == ("interrupted", False)
    assert outcome.exit_code == EXIT_INTERRUPTED
    assert "SIGTERM" in outcome.message
    assert outcome.health == "ok"
    with Store.open(config.store.path) as store:
        run = store.run(outcome.run_id)
        assert run["status"] == "interrupted"
        assert run["finished_at"] is not None
        assert store.health("testfeed")["state"] == "ok"
        assert store.scalar("SELECT count(*) FROM alerts WHERE kind = 'health'") == 0


def test_crawl_children_die_with_a_killed_raqib_crawl(tmp_path: Path) -> None:
    with HTTPSite() as site:
        site.route("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
        site.route("/feed.xml", rss(site, ARTICLES[:1]), content_type="application/rss+xml")
        site.route(ARTICLES[0].path, "slow", content_type="text/html", delay=30)
        config = write_config(tmp_path, site.url("/feed.xml"))
        parent = subprocess.Popen(
            [sys.executable, "-c", "from crawler.cli import main; main()",
             "--config", str(config.path), "crawl"],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            assert _wait_for(lambda: site.hits(ARTICLES[0].path), 30), "the crawl never started"
            with Store.open(config.store.path) as store:
                run = store.last_run("testfeed")
            assert run["status"] == "running"
            child = int(run["pid"])
            assert _alive(child)

            parent.send_signal(signal.SIGKILL)
            parent.wait()

            assert _wait_for(lambda: not _alive(child), 5), "the crawl child outlived its parent"
        finally:
            if parent.poll() is None:
                parent.kill()
    with Store.open(config.store.path) as store:
        run = store.run(run["id"])
    assert run["status"] == "interrupted"
    assert "SIGTERM" in run["message"]


def test_pdeathsig_is_requested_on_linux() -> None:
    from crawler.lifeline import die_with_parent

    if sys.platform.startswith("linux"):
        code = ("import ctypes, signal, sys; from crawler.lifeline import die_with_parent; "
                "assert die_with_parent(); libc = ctypes.CDLL(None); "
                "out = ctypes.c_int(); libc.prctl(2, ctypes.byref(out), 0, 0, 0); "
                "sys.exit(0 if out.value == signal.SIGTERM else 1)")
        assert subprocess.run([sys.executable, "-c", code], cwd=ROOT,
                              check=False).returncode == 0
    else:
        assert die_with_parent() is False
    assert os.getpid()

"""The daemon survives faults: kills, hung sites, clock jumps, bad reloads, a rival."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from daemon_kit import (
    RAQIB,
    DaemonProcess,
    SlowWebhook,
    feed_source,
    store_query,
    wait_for,
    write_config,
)

HERE = Path(__file__).parent


def _count(daemon: DaemonProcess, sql: str, params: tuple = ()) -> int:
    rows = daemon.query(sql, params)
    return rows[0][0] if rows else 0


def _kill_everything(daemon: DaemonProcess) -> None:
    """A crash of the whole service (OOM killer, power cut): the daemon and its children."""
    os.killpg(daemon.pid, signal.SIGKILL)
    daemon.wait(10)


@pytest.fixture
def slow_webhook() -> Iterator[SlowWebhook]:
    hook = SlowWebhook(delay=1.0)
    yield hook
    hook.close()


def test_sigkill_during_a_crawl_and_during_a_send_loses_nothing(tmp_path, site, slow_webhook,
                                                               daemons):
    webhook = slow_webhook
    site.page_delay = 0.5
    site.add(4)
    config = write_config(tmp_path, sources=[feed_source("loop", site.feed_url, "2s")],
                          channel_url=webhook.url())

    first = daemons(config)
    pages_fetched = lambda: [h for h in site.http.hits() if "/news/" in h.path]  # noqa: E731
    wait_for(pages_fetched, 40, "a crawl half-way through", first.log)
    _kill_everything(first)  # during a crawl
    assert _count(first, "SELECT count(*) FROM runs WHERE status = 'running'") == 1

    second = daemons(config)
    wait_for(lambda: webhook.received(), 40, "the first alert being sent", second.log)
    _kill_everything(second)  # during a send: the webhook has not answered yet

    third = daemons(config)
    wait_for(lambda: third.query("SELECT 1 FROM daemon WHERE pid = ?", (third.pid,)), 30,
             "the third daemon to start", third.log)
    wait_for(lambda: _count(third, "SELECT count(*) FROM articles") == 4, 40,
             "every article", third.log)
    bodies = webhook.received
    wait_for(lambda: all(any(t in b for b in bodies()) for t in site.titles), 40,
             "an alert for every article", third.log)
    status = subprocess.run([RAQIB, "--config", str(config), "status"], capture_output=True,
                            text=True, timeout=30, cwd=tmp_path)
    assert f"daemon: running (pid {third.pid}" in status.stdout, status.stdout + status.stderr
    third.signal(signal.SIGTERM)
    assert third.wait(30) == 0

    urls = [row[0] for row in third.query("SELECT url FROM articles")]
    assert len(urls) == len(set(urls)) == 4
    sent = [sum(title in body for body in bodies()) for title in site.titles]
    assert all(n >= 1 for n in sent)
    assert sum(n - 1 for n in sent) <= 1, sent
    assert _count(third, "SELECT count(*) FROM alerts WHERE state != 'sent'") == 0
    assert _count(third, "SELECT count(*) FROM runs WHERE status = 'running'") == 0
    assert "marked interrupted" in third.log() or "marked interrupted" in second.log()


def test_a_hung_source_is_killed_others_keep_going_sighup_and_a_rival_are_handled(
        tmp_path, site, daemons):
    site.add(1)
    site.http.route("/hang.xml", "<rss/>", content_type="application/rss+xml", delay=120)
    config = write_config(tmp_path, run_timeout="3s", sources=[
        feed_source("stuck", site.http.url("/hang.xml"), "2s"),
        feed_source("loop", site.feed_url, "2s"),
    ])
    daemon = daemons(config)
    wait_for(lambda: store_query(tmp_path / "raqib.db", "SELECT pid FROM daemon"), 30,
             "the daemon's heartbeat", daemon.log)

    # a second daemon on the same store is refused at once, naming the holder
    started = time.monotonic()
    rival = subprocess.run([RAQIB, "--config", str(config), "run"], capture_output=True,
                           text=True, timeout=30, cwd=tmp_path)
    assert rival.returncode != 0
    assert time.monotonic() - started < 10
    assert f"another raqib daemon (PID {daemon.pid})" in rival.stderr

    # SIGHUP with a broken file: reported, the running configuration kept
    good = config.read_text(encoding="utf-8")
    config.write_text(good.replace('every = "2s"', 'every = "5 minutes"', 1), encoding="utf-8")
    daemon.signal(signal.SIGHUP)
    wait_for(lambda: "configuration not reloaded" in daemon.log(), 20, "the reload refused",
             daemon.log)
    assert "5 minutes" in daemon.log()  # the error names the bad value
    config.write_text(good, encoding="utf-8")

    # the hung source costs its own run, killed at the time limit and marked failed
    failed = wait_for(lambda: daemon.query(
        "SELECT started_at, finished_at, message FROM runs WHERE source = 'stuck' "
        "AND status = 'failed'"), 40, "the hung run to be killed", daemon.log)
    assert "time limit" in failed[0][2]
    loop_done = _count(daemon, "SELECT count(*) FROM runs WHERE source = 'loop' "
                               "AND status IN ('ok', 'degraded') AND finished_at <= ?",
                       (failed[0][1],))
    assert loop_done >= 1  # the other source ran while this one hung

    # a good reload applies a changed schedule
    config.write_text(good.replace('every = "2s"', 'every = "30m"', 1), encoding="utf-8")
    daemon.signal(signal.SIGHUP)
    wait_for(lambda: "configuration reloaded" in daemon.log(), 20, "the good reload",
             daemon.log)
    assert "schedule changed: interval[0:30:00]" in daemon.log()
    assert daemon.process is not None
    assert daemon.process.poll() is None
    daemon.signal(signal.SIGTERM)
    assert daemon.wait(30) == 0
    assert "[stuck]" in daemon.log()


def test_a_clock_jump_causes_neither_a_stall_nor_a_burst(tmp_path, site, daemons):
    site.add(1)
    config = write_config(tmp_path, sources=[feed_source("loop", site.feed_url, "2s")])
    command = [sys.executable, str(HERE / "clock_jump.py"), "--config", str(config)]
    daemon = daemons(config, command)
    runs = lambda: _count(daemon, "SELECT count(*) FROM runs")  # noqa: E731
    wait_for(lambda: _count(daemon, "SELECT count(*) FROM runs WHERE finished_at IS NOT NULL"),
             30, "a first run", daemon.log)

    daemon.signal(signal.SIGUSR1)  # one day back
    wait_for(lambda: "jumped by -86400s" in daemon.log(), 5, "the jump noticed", daemon.log)
    before = runs()
    wait_for(lambda: runs() > before, 25, "runs to continue after the jump back",
             daemon.log)

    daemon.signal(signal.SIGUSR2)  # two days forward
    wait_for(lambda: "jumped by +172800s" in daemon.log(), 5, "the jump noticed", daemon.log)
    before = runs()
    time.sleep(3)
    assert runs() <= before + 1  # no burst of catch-up runs (a run takes longer than 2 s)
    wait_for(lambda: runs() > before, 25, "runs to continue after the jump forward",
             daemon.log)
    daemon.signal(signal.SIGTERM)
    assert daemon.wait(30) == 0

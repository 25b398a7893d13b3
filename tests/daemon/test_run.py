"""`raqib run` crawls on schedule, alerts once, and stops cleanly on SIGTERM."""

from __future__ import annotations

import json
import signal
import subprocess
import time

from daemon_kit import RAQIB, feed_source, store_query, wait_for, write_config


def _runs(daemon, status: str | None = None) -> int:  # type: ignore[no-untyped-def]
    sql = "SELECT count(*) FROM runs" + (" WHERE status = ?" if status else "")
    rows = daemon.query(sql, (status,) if status else ())
    return rows[0][0] if rows else 0


def _articles(daemon) -> int:  # type: ignore[no-untyped-def]
    rows = daemon.query("SELECT count(*) FROM articles")
    return rows[0][0] if rows else 0


def test_crawls_alerts_once_stops_on_sigterm_mid_crawl_and_restarts_cleanly(
        tmp_path, site, webhook, daemons):
    site.add(2)
    config = write_config(tmp_path, sources=[feed_source("loop", site.feed_url, "2s")],
                          channel_url=webhook.url())
    daemon = daemons(config)
    wait_for(lambda: _articles(daemon) == 2, 30, "the first two articles", daemon.log)
    wait_for(lambda: len(webhook.accepted) >= 2, 30, "two alerts", daemon.log)

    site.add(1)  # published while the daemon runs
    wait_for(lambda: _articles(daemon) == 3, 20, "the article published later", daemon.log)
    wait_for(lambda: len(webhook.accepted) >= 3, 20, "its alert", daemon.log)

    site.page_delay = 1.0  # the next article takes seconds to fetch: SIGTERM lands mid-crawl
    site.add(1)
    wait_for(lambda: site.http.hits("/news/3.html"), 20, "a crawl in progress", daemon.log)
    started = time.monotonic()
    daemon.signal(signal.SIGTERM)
    assert daemon.wait(30) == 0
    assert time.monotonic() - started < 30
    assert _runs(daemon, "running") == 0
    # every stored article is whole: a current version and its archived capture
    assert not daemon.query(
        "SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM versions v "
        "WHERE v.article_id = a.id AND v.version = a.version) OR NOT EXISTS "
        "(SELECT 1 FROM captures c WHERE c.article_id = a.id)")
    log = daemon.log()
    assert "[loop]" in log
    assert "crawl ok" in log
    assert "SIGTERM received" in log
    assert "daemon stopped" in log

    site.page_delay = 0.0
    again = daemons(config)
    wait_for(lambda: _articles(again) == 4, 30, "every article after the restart", again.log)
    wait_for(lambda: len(webhook.accepted) >= 4, 20, "every alert", again.log)
    again.signal(signal.SIGTERM)
    assert again.wait(30) == 0
    urls = again.query("SELECT url FROM articles")
    assert len(urls) == len(set(urls)) == 4
    bodies = [str(body) for body in webhook.accepted]
    for title in site.titles:
        assert sum(title in body for body in bodies) == 1, title


def test_once_runs_what_is_due_and_exits(tmp_path, site, webhook):
    site.add(1)
    config = write_config(tmp_path, sources=[feed_source("loop", site.feed_url, "1h")],
                          channel_url=webhook.url())
    command = [RAQIB, "--config", str(config), "run", "--once", "--log-format", "json"]
    first = subprocess.run(command, capture_output=True, text=True, timeout=90, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert store_query(tmp_path / "raqib.db", "SELECT count(*) FROM runs")[0][0] == 1
    assert len(webhook.accepted) == 1
    events = [json.loads(line) for line in first.stderr.splitlines() if line.startswith("{")]
    assert any(e["source"] == "loop" and "crawl ok" in e["message"] for e in events)

    second = subprocess.run(command, capture_output=True, text=True, timeout=90, cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "0 source(s) due" in second.stderr
    assert store_query(tmp_path / "raqib.db", "SELECT count(*) FROM runs")[0][0] == 1

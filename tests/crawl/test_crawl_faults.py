"""Misbehaving servers: each fault ends as a recorded, explained run, never a crash."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from support.feedsite import ARTICLES, EXTRA_ARTICLES, Article, article_html, atom, write_config
from support.httpsite import HTTPSite, Reply

from crawler.archive.store import Store
from crawler.crawl import run_source


def _stub(path: str, title: str) -> Article:
    return Article(path, title, "", "2024-06-05T09:00:00+00:00", "", ())


def test_faulty_article_pages_degrade_the_run_and_store_only_real_articles(
        site: HTTPSite, tmp_path: Path) -> None:
    good, busy, mislabelled = ARTICLES[0], EXTRA_ARTICLES[0], EXTRA_ARTICLES[1]
    site.route(busy.path, b"")
    site.sequence(busy.path, [
        Reply(429, {"Retry-After": "1", "Content-Type": "text/plain"}, b"slow down"),
        Reply(200, {"Content-Type": "text/html; charset=utf-8"}, article_html(busy)),
    ])
    # windows-1256 bytes served as UTF-8: only the page's own <meta charset> is right.
    site.route(mislabelled.path, article_html(mislabelled, charset="windows-1256"))
    site.route("/empty", b"")
    site.route("/broken", "server error", status=500, content_type="text/plain")
    site.redirect("/to-private", "http://10.20.30.40/inside")
    site.redirect("/to-metadata", "http://169.254.169.254/latest/meta-data/")
    site.redirect("/loop", "/loop")
    site.route("/big", b"<html><body>" + b"<p>detention report</p>" * 8000 + b"</body></html>")
    site.route("/reset", fault="reset")
    entries = [good, busy, mislabelled, *(_stub(p, p.strip("/")) for p in (
        "/empty", "/broken", "/to-private", "/to-metadata", "/loop", "/big", "/reset"))]
    site.route("/atom.xml", atom(site, entries), content_type="application/atom+xml")
    config = write_config(tmp_path, site.url("/atom.xml"), crawl="max_page_mb = 0.1")
    events: list[dict[str, Any]] = []

    outcome = run_source(config, "testfeed", on_event=events.append)

    assert outcome.status == "degraded"
    assert outcome.health == "degraded"
    errors = " | ".join(e["message"] for e in events if e["event"] == "error")
    assert "refused http://10.20.30.40/inside" in errors
    assert "refused http://169.254.169.254/latest/meta-data/" in errors
    assert "/broken: HTTP 500" in errors
    assert "/big" in errors
    assert "/reset" in errors
    assert "/loop" in errors
    with Store.open(config.store.path) as store:
        titles = {row["title"] for row in store.query("SELECT title FROM articles")}
        assert titles == {good.title, busy.title, mislabelled.title}
        text = store.query("SELECT text FROM articles WHERE title = ?", [mislabelled.title])
        assert mislabelled.paragraphs[0][:30] in text[0]["text"]
        failed = store.query("SELECT url, size FROM captures WHERE kind = 'failed'")
        assert [(row["url"], row["size"]) for row in failed] == [(site.url("/empty"), 0)]
        run = store.run(outcome.run_id)
        assert run["status"] == "degraded"
        assert run["new_articles"] == 3
        assert run["extraction_failures"] == 1
        assert run["errors"] >= 6
        assert store.health("testfeed")["state"] == "degraded"
        health_alerts = store.query("SELECT payload FROM alerts WHERE kind = 'health'")
        assert json.loads(health_alerts[0]["payload"])["state"] == "degraded"
    busy_hits = site.hits(busy.path)
    assert [h.path for h in busy_hits] == [busy.path, busy.path]
    assert busy_hits[1].at - busy_hits[0].at >= 1.0
    assert len(site.hits("/broken")) == 3  # the first try and two retries
    assert not site.hits("/inside")


def test_robots_txt_answering_5xx_means_disallow_all(tmp_path: Path) -> None:
    with HTTPSite() as site:
        site.route("/robots.txt", "unavailable", status=503, content_type="text/plain")
        site.route("/feed.xml", b"<rss version='2.0'><channel/></rss>",
                   content_type="application/rss+xml")
        config = write_config(tmp_path, site.url("/feed.xml"))

        outcome = run_source(config, "testfeed")

        assert outcome.status == "failed"
        assert "robots.txt" in outcome.message
        assert "HTTP 503" in outcome.message
        assert "disallow-all" in outcome.message
        assert {h.path for h in site.hits()} == {"/robots.txt"}
    with Store.open(config.store.path) as store:
        assert store.run(outcome.run_id)["status"] == "failed"
        assert "RFC 9309" in store.run(outcome.run_id)["message"]


def test_a_feed_that_is_not_xml_fails_the_run_through_the_cli(
        site: HTTPSite, tmp_path: Path) -> None:
    from crawler.cli import cli

    site.route("/feed.xml", "<html><body><p>Welcome to our news", content_type="text/html")
    config = write_config(tmp_path, site.url("/feed.xml"))

    result = CliRunner().invoke(cli, ["--config", str(config.path), "crawl"])

    assert result.exit_code == 1
    assert "not an RSS or Atom feed" in result.output
    assert "Traceback" not in result.output
    with Store.open(config.store.path) as store:
        assert store.counts()["articles"] == 0
        assert store.counts()["captures"] == 0
        run = store.last_run("testfeed")
        assert run["status"] == "failed"
        assert "the document is not XML" in run["message"]


def test_a_hanging_child_is_killed_and_its_run_marked_failed(tmp_path: Path) -> None:
    with HTTPSite() as site:
        site.route("/robots.txt", "", content_type="text/plain", delay=30)
        config = write_config(tmp_path, site.url("/feed.xml"))
        started = time.monotonic()

        outcome = run_source(config, "testfeed", timeout=3)

        assert time.monotonic() - started < 15
    assert outcome.status == "failed"
    assert "killed after 3s" in outcome.message
    with Store.open(config.store.path) as store:
        run = store.last_run("testfeed")
        assert run["status"] == "failed"
        assert "killed" in run["message"]
        assert store.scalar("SELECT count(*) FROM runs WHERE status = 'running'") == 0
        assert store.health("testfeed")["state"] == "degraded"  # a timeout counts, unlike a stop


@pytest.fixture(autouse=True)
def _fast_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("crawler.crawl.TERM_WAIT_SECONDS", 2.0)

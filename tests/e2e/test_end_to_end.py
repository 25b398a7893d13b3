"""The whole loop, as a monitor runs it: `raqib crawl` and `raqib digest --send` as real
processes against loopback mirrors, a real SMTP server (AUTH) and a real webhook."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from support.smtp import SmtpServer
from support.webhook import WebhookServer

from crawler.archive.store import Store
from crawler.demo import write_demo_config
from crawler.mirror import Mirrors
from crawler.urls import canonicalize_for_source


def raqib(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("raqib")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "crawler.cli"]
    return subprocess.run([*command, "--config", str(config), *args], capture_output=True,
                          text=True, timeout=600, check=False)


def write_config(folder: Path, mirrors: Mirrors, hook: WebhookServer, smtp: SmtpServer) -> Path:
    wanted = [s for s in mirrors.sources()
              if s["name"] in ("snhr-en", "snhr-reports-en", "aggregator")]
    path = write_demo_config(folder, wanted)
    text = path.read_text(encoding="utf-8")
    text = text.split("[[channels]]", 1)[0]  # replace the demo's console channels
    text = text.replace('run_timeout = "5m"', 'run_timeout = "5m"\nrecheck_every = "1s"')
    text += f"""
[[channels]]
name = "desk"
url = "{hook.url()}"
mode = "immediate"

[[channels]]
name = "morning"
url = "{smtp.url()}"
mode = "digest"
labels = ["torture_death", "enforced_disappearance"]
"""
    path.write_text(text, encoding="utf-8")
    return path


def key(mirrors: Mirrors, stem: str) -> str:
    """The canonical URL raqib stores for a sample article."""
    site = mirrors.article(stem).site  # "snhrorg" for a report
    return canonicalize_for_source(mirrors.url_of(stem), base_url=mirrors.base_url(site))


def flagged_titles(store: Store, labels: set[str] | None = None) -> set[str]:
    rows = store.query("SELECT title, labels FROM articles")
    found = {r["title"]: set(json.loads(r["labels"])) for r in rows}
    return {title for title, got in found.items() if got and (labels is None or labels & got)}


@pytest.fixture
def world(tmp_path):
    # snhr-en-07 belongs to the cases samples (tests/cases); this loop is about the others.
    with Mirrors(hidden={"snhr-en-06", "snhr-en-07"}) as mirrors, WebhookServer() as hook, \
            SmtpServer() as smtp:
        config = write_config(tmp_path, mirrors, hook, smtp)
        yield mirrors, hook, smtp, config


def test_crawl_alert_digest_recrawl_edit_and_new_article(world):
    mirrors, hook, smtp, config = world

    # 1. First crawl: SNHR's articles are stored; then the aggregator's copies (one of them
    #    linked with utm_* tracking) are folded into them, not stored again. (Crawled
    #    together, whichever copy comes first would be the article.)
    first = raqib(config, "crawl", "--source", "snhr-en")
    assert first.returncode == 0, first.stderr
    copies_crawl = raqib(config, "crawl", "--source", "aggregator")
    assert copies_crawl.returncode == 0, copies_crawl.stderr
    store = Store.open(config.parent / "raqib.db")
    titles = {r["title"] for r in store.query("SELECT title FROM articles")}
    expected = {mirrors.article(f"snhr-en-0{n}").sample.title for n in range(1, 6)}
    assert titles == expected
    assert store.query("SELECT count(*) AS n FROM articles WHERE source = 'aggregator'") == [
        {"n": 0}]
    copies = store.query("SELECT url, kind FROM duplicates WHERE source = 'aggregator'")
    assert len(copies) == 5
    assert {c["kind"] for c in copies} <= {"exact", "near"}
    links = {r["url"] for r in store.query("SELECT url FROM articles")}
    assert links == {key(mirrors, f"snhr-en-0{n}") for n in range(1, 6)}

    # Immediate alerts: one per flagged article, with its title, labels and link.
    flagged = flagged_titles(store)
    assert mirrors.article("snhr-en-02").sample.title in flagged  # a death under torture
    assert mirrors.article("snhr-en-04").sample.title not in flagged  # a landmine
    assert hook.count == len(flagged)
    bodies = [body["message"] for body in hook.accepted]
    for title in flagged:
        assert sum(title in body for body in bodies) == 1, title
    death = next(b for b in bodies if mirrors.article("snhr-en-02").sample.title in b)
    assert key(mirrors, "snhr-en-02") in death
    assert "torture" in death.lower()

    # 2. The digest: one e-mail with exactly the items its channel wants.
    digest = raqib(config, "digest", "--send")
    assert digest.returncode == 0, digest.stderr
    assert smtp.count == 1
    message = smtp.messages[0]
    text = message.get_body(("plain",)).get_content() if message.is_multipart() else \
        message.get_content()
    html_part = message.get_body(("html",))
    rendered = html_part.get_content() if html_part is not None else text
    wanted = flagged_titles(store, {"torture_death", "enforced_disappearance"})
    assert wanted
    for title in titles:
        assert (title in rendered) == (title in wanted), title

    # 3. An unchanged re-crawl sends nothing; a second digest has nothing to send.
    again = raqib(config, "crawl")
    assert again.returncode == 0, again.stderr
    assert hook.count == len(flagged)
    assert store.query("SELECT count(*) AS n FROM articles")[0]["n"] == 5
    assert raqib(config, "digest", "--send").returncode == 3
    assert smtp.count == 1

    # 4. An edited article becomes a new version and is not alerted again.
    edited = "snhr-en-01"
    labels_before = store.query("SELECT labels FROM articles WHERE url = ?",
                                [key(mirrors, edited)])[0]["labels"]
    mirrors.edit(edited)
    recheck = raqib(config, "crawl", "--recheck")
    assert recheck.returncode == 0, recheck.stderr
    row = store.query("SELECT version, title, labels FROM articles WHERE url = ?",
                      [key(mirrors, edited)])[0]
    assert row["version"] == 2
    assert row["title"] == mirrors.article(edited).sample.edited_title
    assert row["labels"] == labels_before
    assert hook.count == len(flagged)

    # 5. A new article appearing later gets exactly one alert (and its copy none).
    mirrors.publish("snhr-en-06")
    later = raqib(config, "crawl")
    assert later.returncode == 0, later.stderr
    new_title = mirrors.article("snhr-en-06").sample.title
    assert new_title in {r["title"] for r in store.query("SELECT title FROM articles")}
    new_alerts = [b for b in hook.accepted if new_title in b["message"]]
    if new_title in flagged_titles(store):
        assert len(new_alerts) == 1
        assert hook.count == len(flagged) + 1
    else:
        assert new_alerts == []
    store.close()

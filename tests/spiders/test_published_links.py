"""Issue 12: alerts, exports, search and the digest show an article's address as published
(its own canonical link, else the final URL); the normalised key is for identity only. A
WordPress permalink ``/YYYY/MM/DD/slug/`` keeps its trailing slash."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from spiderkit import Crawler, canonical
from sqlite_utils import Database

from alerts.render import render_article
from crawler.archive.schema import migrations
from crawler.archive.store import Store
from crawler.mirror import Mirrors


def raqib(crawler: Crawler, *args: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("raqib")
    return subprocess.run([str(script), "--config", str(crawler.config), *args],
                          capture_output=True, text=True, timeout=120, check=False)


def test_outputs_show_the_permalink_as_published(mirrors: Mirrors, tmp_path: Path) -> None:
    crawler = Crawler(mirrors, tmp_path)
    with crawler.config.open("a", encoding="utf-8") as config:
        config.write('\n[[channels]]\nname = "morning"\nurl = "console://"\nmode = "digest"\n')
    assert crawler.run("snhr-en").status == "ok"
    stem = "snhr-en-02"
    published = mirrors.url_of(stem)
    assert published.endswith("/")
    key = canonical(mirrors, stem)
    assert key == published.rstrip("/")  # the key drops the slash: identity only
    with crawler.store() as store:
        row = store.article_by_url(key)
        assert row["link"] == published
        message = render_article(row, json.loads(row["labels"]) if isinstance(
            row["labels"], str) else row["labels"], kind="article", content_note=False)
    for part in (message.text, message.html or "", message.markdown or ""):
        assert published in part
    exported = raqib(crawler, "export", "--format", "jsonl")
    assert exported.returncode == 0, exported.stderr
    urls = {json.loads(line)["url"] for line in exported.stdout.splitlines()}
    assert published in urls
    assert key not in urls
    found = raqib(crawler, "search", "registry", "--json")
    assert found.returncode == 0, found.stderr
    assert published in found.stdout
    digest = raqib(crawler, "digest")
    assert digest.returncode == 0, digest.stderr
    assert published in digest.stdout


def test_an_older_store_learns_the_final_url_of_each_article(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = Database(sqlite3.connect(path))
    migrations.apply(old, stop_before="m014_articles_link")
    old.execute("INSERT INTO articles (url, source, title, text, text_hash, first_seen, "
                "last_seen) VALUES ('https://snhr.org/blog/2026/04/08/slug', 'snhr', 't', "
                "'x', 'h', '2026-04-08', '2026-04-08')")
    old.execute("INSERT INTO captures (article_id, kind, source, url, final_url, status, "
                "headers, fetched_at, sha256, size, raw) VALUES (1, 'article', 'snhr', "
                "'https://snhr.org/?p=5', 'https://snhr.org/blog/2026/04/08/slug/', 200, "
                "'[]', '2026-04-08', 'abc', 1, x'00')")
    old.conn.commit()
    old.close()
    with Store.open(path) as store:
        row = store.article_by_url("https://snhr.org/blog/2026/04/08/slug")
        assert row["link"] == "https://snhr.org/blog/2026/04/08/slug/"

"""The worker pool changes nothing in what is stored, and a killed import resumes cleanly."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from importkit import distinct_pages, write_config
from warcs import Response, write_warc

from crawler.archive.store import Store
from crawler.config import load_config
from crawler.warc_import.importer import import_files

ROOT = Path(__file__).resolve().parents[2]


def _mixed_pages() -> list[Response]:
    """Distinct reports, and after the pool has started: exact copies at other URLs,
    reprints with a different introduction, edited versions, and a page without an
    article."""
    pages = distinct_pages(30)
    for n in (20, 21, 22):  # exact copies on another site
        pages.append(Response(f"https://copies.example.com/item-{n}", pages[n].body))
    for n in (23, 24):  # reprints with their own introduction
        body = pages[n].body.replace(
            b"<div class=\"entry-content\">",
            b"<div class=\"entry-content\"><p>Reprinted from our partners at the network, "
            b"who documented the case.</p>")
        pages.append(Response(f"https://reprints.example.com/{n}.html", body))
    for n in (25, 26):  # edited later, same address
        body = pages[n].body.replace(b"</div></article>",
                                     b"<p>Update: the family has since received the body "
                                     b"and held a funeral in their home town.</p></div></article>")
        pages.append(Response(pages[n].url, body, date="2025-03-09T10:00:00Z"))
    pages.append(Response("https://news.example.org/tags/detention/",
                          b"<html><body><ul><li><a href='/a'>One</a></li></ul></body></html>"))
    pages.append(Response(pages[27].url, pages[27].body, date="2025-03-10T10:00:00Z"))
    return pages


def _content(path: Path) -> dict[str, Any]:
    with Store.open(path) as store:
        return {
            "articles": store.query(
                "SELECT id, url, source, lang, title, published, text_hash, version, labels, "
                "probable, scores, facts, governorate, perpetrator, link FROM articles "
                "ORDER BY id"),
            "versions": store.query("SELECT article_id, version, text_hash, labels "
                                    "FROM versions ORDER BY id"),
            "duplicates": store.query("SELECT article_id, url, kind, similarity "
                                      "FROM duplicates ORDER BY id"),
            "captures": store.query("SELECT article_id, version_id, kind, url, sha256, "
                                    "fetched_at, extracted FROM captures ORDER BY id"),
            "labels": store.query("SELECT article_id, label, score FROM labels "
                                  "ORDER BY article_id, label"),
            "fingerprints": store.query("SELECT article_id, content_hash, signature "
                                        "FROM fingerprints ORDER BY article_id"),
            "shapes": store.query("SELECT shape, articles FROM paragraph_shapes ORDER BY shape"),
            "search": store.query("SELECT article_id, title, text, terms FROM search "
                                  "ORDER BY article_id"),
        }


def test_pool_and_one_process_store_the_same(tmp_path: Path) -> None:
    warc = write_warc(tmp_path / "mixed.warc.gz", _mixed_pages())
    config = load_config(str(write_config(tmp_path)))
    stats = {}
    for workers in (0, 2):
        with Store.open(tmp_path / f"w{workers}.db") as store:
            stats[workers] = import_files([warc], store=store, config=config, workers=workers,
                                          pool_after=0)

    assert stats[2].pooled == stats[2].pages
    assert stats[0].outcomes == stats[2].outcomes
    assert stats[2].outcomes == {"new": 30, "duplicate": 5, "new_version": 2,
                                 "extraction_failed": 1}
    assert stats[2].already == 1  # the same bytes of the same address, twice in the file
    assert _content(tmp_path / "w0.db") == _content(tmp_path / "w2.db")


def _count(db: Path, sql: str) -> int:
    with Store.open(db) as store:
        return int(store.scalar(sql))


def test_a_killed_import_resumes_without_duplicates(tmp_path: Path) -> None:
    pages = distinct_pages(400)
    warc = write_warc(tmp_path / "big.warc.gz", pages)
    config = write_config(tmp_path)
    db = tmp_path / "raqib.db"
    command = [str(Path(sys.executable).with_name("raqib")), "--config", str(config),
               "import", str(warc)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and child.poll() is None:
        if db.exists():
            stored = _count(db, "SELECT count(*) FROM captures")
            if stored >= 60:
                break
        time.sleep(0.05)
    assert child.poll() is None, "the import finished before it could be killed"
    os.killpg(child.pid, signal.SIGKILL)  # the child and its workers, mid-import
    child.wait(timeout=10)
    partial = _count(db, "SELECT count(*) FROM captures")
    assert 60 <= partial < len(pages)

    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300, check=False)

    assert done.returncode == 0, done.stderr
    assert f"{partial} already stored" in done.stdout
    assert _count(db, "SELECT count(*) FROM captures") == len(pages)
    assert _count(db, "SELECT count(*) FROM articles") == len(pages)
    assert _count(db, "SELECT count(DISTINCT url) FROM articles") == len(pages)
    assert _count(db, "SELECT count(*) FROM versions") == len(pages)
    assert _count(db, "SELECT count(*) FROM duplicates") == 0


def test_a_worker_killed_mid_import_costs_no_page(tmp_path: Path) -> None:
    warc = write_warc(tmp_path / "a.warc.gz", distinct_pages(120))
    config = load_config(str(write_config(tmp_path)))
    killed: list[int] = []

    def kill_a_worker(stats: Any) -> None:
        if stats.stored >= 30 and not killed:
            victim = multiprocessing.active_children()[0]
            os.kill(victim.pid, signal.SIGKILL)
            killed.append(victim.pid)

    with Store.open(tmp_path / "raqib.db") as store:
        stats = import_files([warc], store=store, config=config, workers=2, pool_after=0,
                             progress=kill_a_worker)
        count = store.scalar("SELECT count(*) FROM articles")

    assert killed
    assert stats.errors == []
    assert stats.outcomes == {"new": 120}
    assert count == 120

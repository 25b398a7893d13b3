"""What a worker prepares for the writer (the capture's hash and compressed bytes, the
search terms of a first version) gives the store exactly the rows the writer made itself."""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import replace
from pathlib import Path

from support.pages import DEATH, SHELLING, article_html, page

from crawler.archive.store import Store, decompress
from crawler.config import build_config
from crawler.ingest import Ingestor, prepare
from crawler.models import FetchedPage, Outcome

BASE = "https://news.example.org"
CONFIG = build_config({
    "sources": [{"name": "test", "spider": "feed", "url": f"{BASE}/feed/"}],
    "channels": [{"name": "desk", "url": "console://"}],
}, path=None)


def _rows(path: Path) -> tuple[list[tuple], list[tuple]]:
    with Store.open(path) as store:
        search = [tuple(r.values()) for r in store.query(
            "SELECT article_id, title, text, terms FROM search ORDER BY article_id")]
        captures = [(r["url"], r["kind"], r["sha256"], r["size"], decompress(r["raw"]))
                    for r in store.query("SELECT * FROM captures ORDER BY id")]
    return search, captures


def _pages() -> list[FetchedPage]:
    return [page(f"{BASE}/2025/03/04/young-man-dies-under-torture/",
                 article_html("Young man dies under torture", DEATH)),
            page(f"{BASE}/2025/03/05/shelling/", article_html("Shelling of a market", SHELLING)),
            page(f"{BASE}/2025/03/06/empty/", b"<html><body></body></html>")]


def test_prepared_capture_and_terms_store_the_rows_the_writer_would(tmp_path: Path) -> None:
    with Store.open(tmp_path / "worker.db") as store:
        ingestor = Ingestor(store, CONFIG)
        results = []
        for fetched in _pages():
            # through a pickle, as from a worker process
            ready = pickle.loads(pickle.dumps(prepare(fetched, CONFIG.source("test"),
                                                      classify=ingestor.classify)))
            assert ready.packed is not None
            assert ready.packed.size == len(fetched.body)
            assert ready.extracted is None or ready.terms is not None
            results.append(ingestor.write(fetched, ready).outcome)
        store.index_search_backlog()
    with Store.open(tmp_path / "writer.db") as store:
        ingestor = Ingestor(store, CONFIG)
        for fetched in _pages():
            ready = prepare(fetched, CONFIG.source("test"), classify=ingestor.classify)
            ingestor.write(fetched, replace(ready, terms=None, packed=None))
        store.index_search_backlog()

    assert results == [Outcome.NEW, Outcome.NEW, Outcome.EXTRACTION_FAILED]
    worker, writer = _rows(tmp_path / "worker.db"), _rows(tmp_path / "writer.db")
    assert worker == writer
    assert len(worker[0]) == 2
    assert [c[4] for c in worker[1]] == [p.body for p in _pages()]


def test_a_page_prepared_without_its_bytes_is_archived_with_them(tmp_path: Path) -> None:
    """A post carried by a listing reaches the worker without the listing's bytes (see
    crawler.pipelines): the writer hashes and compresses the bytes it archives itself."""
    fetched = _pages()[0]
    with Store.open(tmp_path / "raqib.db") as store:
        ingestor = Ingestor(store, CONFIG)
        ready = prepare(replace(fetched, body=b""), CONFIG.source("test"),
                        classify=ingestor.classify)
        assert ready.packed is None
        ready = prepare(fetched, CONFIG.source("test"), classify=ingestor.classify)
        ingestor.write(fetched, replace(ready, packed=replace(ready.packed, size=1)))
        capture = store.query("SELECT size, raw FROM captures")[0]
    assert capture["size"] == len(fetched.body)
    assert decompress(capture["raw"]) == fetched.body


def test_bytes_prepared_from_other_bytes_of_the_same_length_are_not_archived(
        tmp_path: Path) -> None:
    """The prepared hash and compressed bytes are used only if they are of the very bytes
    written: a body changed in place (same length) is hashed and compressed again."""
    fetched = _pages()[0]
    changed = fetched.body.replace(b"Young man", b"Young boy")
    assert len(changed) == len(fetched.body)
    with Store.open(tmp_path / "raqib.db") as store:
        ingestor = Ingestor(store, CONFIG)
        ready = prepare(fetched, CONFIG.source("test"), classify=ingestor.classify)
        ingestor.write(replace(fetched, body=changed), ready)
        capture = store.query("SELECT sha256, size, raw FROM captures")[0]
    assert capture["sha256"] == hashlib.sha256(changed).hexdigest()
    assert decompress(capture["raw"]) == changed

"""The store: migrations, WAL, append-only captures, folded FTS, the outbox."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta

import pytest

from crawler.archive.schema import migrations
from crawler.archive.store import Store, backoff, decompress
from crawler.errors import StoreError
from crawler.models import Classification, Extracted


def add_article(store: Store, url: str, title: str, text: str) -> int:
    with store.transaction():
        article_id, _ = store.insert_article(
            url=url, source="test", lang="ar", text_hash=url,
            extracted=Extracted(title=title, text=text, extractor="test"),
            classification=Classification(labels=("arbitrary_arrest",),
                                          scores={"arbitrary_arrest": 2.0}),
            seen_at=datetime.now(UTC))
    return article_id


def test_open_applies_migrations_and_wal(tmp_path):
    store = Store.open(tmp_path / "a.db")
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert migrations.pending(store.db) == []
    assert {"articles", "captures", "versions", "alerts", "runs", "search"} <= set(
        store.db.table_names())
    store.close()
    Store.open(tmp_path / "a.db").close()  # reopening an up-to-date store is a no-op


def test_open_in_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "nope" / "a.db")


def test_open_a_file_that_is_not_sqlite(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="damaged") as caught:
        Store.open(path)
    assert "[store].path" in str(caught.value)
    assert "move" not in str(caught.value)


def test_arabic_search_folds_hamza_and_diacritics(tmp_path):
    from classifiers.normalise import fold

    store = Store.open(tmp_path / "a.db")
    article_id = add_article(store, "https://x.org/1", "أمطار غزيرة في حلب",
                             "هطلت الأَمْطار على مدينة حلب.")
    add_article(store, "https://x.org/2", "other", "a text about something else entirely")
    store.index_search_backlog()
    for query in ("امطار", "أمطار", "أَمطار", "إمطار"):
        hits = [row["rowid"] for row in store.db.query(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH ?", [f'"{fold(query)}"'])]
        assert hits == [article_id], query


def test_outbox_unique_key_and_state_machine(tmp_path):
    store = Store.open(tmp_path / "a.db")
    article_id = add_article(store, "https://x.org/1", "t", "text")
    with store.transaction():
        assert store.enqueue_alert(channel="desk", kind="article", key=str(article_id),
                                   mode="immediate", article_id=article_id,
                                   labels=["arbitrary_arrest"])
        assert not store.enqueue_alert(channel="desk", kind="article", key=str(article_id),
                                       mode="immediate", article_id=article_id)
    assert store.alerted_labels(article_id, "desk") == {"arbitrary_arrest"}
    assert store.alerted_labels(article_id, "other") is None
    claimed = store.claim_alerts(owner="host:1", mode="immediate", channel="desk")
    assert [a["state"] for a in claimed] == ["sending"]
    assert store.claim_alerts(owner="host:2", mode="immediate", channel="desk") == []
    later = datetime.now(UTC) + timedelta(minutes=5)
    store.mark_alert_retry(claimed[0]["id"], "451 try later", later)
    assert store.claim_alerts(owner="host:1", mode="immediate", channel="desk") == []
    assert len(store.claim_alerts(owner="host:1", mode="immediate", channel="desk",
                                  now=later)) == 1
    # a live owner keeps its claim; a dead one's alerts come back
    long_ago = datetime.now(UTC) - timedelta(hours=1)
    assert store.release_stale_claims(alive=lambda owner: True,
                                      lease_expired_before=long_ago) == 0
    assert store.release_stale_claims(alive=lambda owner: False,
                                      lease_expired_before=long_ago) == 1
    again = store.claim_alerts(owner="host:3", mode="immediate", channel="desk", now=later)
    store.mark_alert_sent(again[0]["id"])
    assert store.query("SELECT state, attempts FROM alerts") == [{"state": "sent",
                                                                  "attempts": 3}]


def test_processes_opening_a_new_store_at_once_migrate_it_once(tmp_path):
    import multiprocessing

    path = tmp_path / "new.db"
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_open_and_close, args=(str(path),)) for _ in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(60)
    assert [p.exitcode for p in processes] == [0, 0, 0, 0]
    store = Store.open(path)
    assert migrations.pending(store.db) == []


def _open_and_close(path: str) -> None:
    Store.open(path).close()


def test_backoff_grows_and_is_capped():
    first = timedelta(minutes=1)
    assert [backoff(n, first) for n in (1, 2, 3)] == [timedelta(minutes=1),
                                                      timedelta(minutes=5),
                                                      timedelta(minutes=25)]
    assert backoff(10, first) == timedelta(hours=12)


def test_concurrent_reader_never_makes_a_write_fail(tmp_path):
    path = tmp_path / "a.db"
    writer = Store.open(path)
    stop = threading.Event()
    errors: list[Exception] = []

    def read() -> None:
        reader = sqlite3.connect(path)
        while not stop.is_set():
            try:
                reader.execute("SELECT count(*) FROM articles").fetchone()
                reader.execute("BEGIN")
                reader.execute("SELECT * FROM articles").fetchall()
                reader.execute("COMMIT")
            except sqlite3.Error as exc:  # pragma: no cover - the assertion below reports it
                errors.append(exc)
        reader.close()

    threads = [threading.Thread(target=read) for _ in range(3)]
    for thread in threads:
        thread.start()
    for n in range(150):
        add_article(writer, f"https://x.org/{n}", f"title {n}", f"text number {n}")
    stop.set()
    for thread in threads:
        thread.join()
    assert errors == []
    assert writer.counts()["articles"] == 150


def test_raw_bytes_round_trip(tmp_path):
    from datetime import UTC

    from crawler.models import FetchedPage

    store = Store.open(tmp_path / "a.db")
    raw = "<html><body>مرحبا</body></html>".encode("cp1256")
    page = FetchedPage(source="s", url="https://x.org/a", final_url="https://x.org/a",
                       status=200, headers=(("Content-Type", "text/html"),), body=raw,
                       fetched_at=datetime.now(UTC))
    with store.transaction():
        first = store.insert_capture(page, kind="failed")
        second = store.insert_capture(page, kind="failed")
    assert first == second  # identical bytes for one URL are archived once
    row = store.query("SELECT raw, sha256, size FROM captures")[0]
    assert decompress(row["raw"]) == raw
    assert row["size"] == len(raw)

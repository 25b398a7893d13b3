"""New articles reach the full-text index in batches, and every search still sees them."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

import crawler.archive.store as store_module
from crawler.archive.search import search
from crawler.archive.store import RunStats, Store
from crawler.models import Classification, Extracted


def indexed(store: Store, word: str, columns: str = "") -> list[int]:
    """Article ids the FTS index itself returns for ``word`` (no catching up), in any
    column or only in ``columns``."""
    match = f'{{{columns}}} : "{word}"' if columns else f'"{word}"'
    return [row[0] for row in store.db.execute(
        "SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid", [match])]


def add(store: Store, url: str, text: str) -> int:
    with store.transaction():
        article_id, _ = store.insert_article(
            url=url, source="test", lang="en", text_hash=url,
            extracted=Extracted(title="report", text=text, extractor="test"),
            classification=Classification(), seen_at=datetime.now(UTC))
    return article_id


def edit(store: Store, article_id: int, text: str) -> None:
    with store.transaction():
        store.add_version(article_id, extracted=Extracted(title="report", text=text,
                                                          extractor="test"),
                          text_hash=text, classification=Classification(),
                          seen_at=datetime.now(UTC))


def assert_index_intact(store: Store) -> None:
    """FTS5's own check that the index matches the folded texts it was given."""
    store.db.execute("INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "a.db")


def test_new_articles_wait_then_are_indexed_in_one_batch(store: Store) -> None:
    first = add(store, "https://x.test/1", "a detainee released at dawn")
    second = add(store, "https://x.test/2", "another detainee seen alive")
    assert store.search_backlog() == 2
    assert indexed(store, "detainee") == []
    assert store.index_search_backlog() == 2
    assert store.search_backlog() == 0
    assert indexed(store, "detainee") == [first, second]
    assert_index_intact(store)


def test_a_search_sees_articles_not_yet_indexed(store: Store) -> None:
    article_id = add(store, "https://x.test/1", "a checkpoint arrest in Homs")
    assert [hit.article_id for hit in search(store, "checkpoint")] == [article_id]
    assert store.search_backlog() == 0


def test_the_backlog_is_indexed_when_it_reaches_the_batch_size(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "SEARCH_INDEX_BATCH", 3)
    ids = [add(store, f"https://x.test/{i}", f"prison report number {i}") for i in range(4)]
    assert indexed(store, "prison") == ids[:3]
    assert store.search_backlog() == 1


def test_the_end_of_a_crawl_run_indexes_the_backlog(store: Store) -> None:
    run_id = store.start_run("test", mode="incremental", pid=1)
    article_id = add(store, "https://x.test/1", "families waited outside the prison")
    store.finish_run(run_id, "ok", RunStats(new_articles=1))
    assert indexed(store, "families") == [article_id]


def test_an_edit_before_indexing_indexes_only_the_new_text(store: Store) -> None:
    """The folded text is the new one; the old wording stays findable through the extra
    terms, since every stored version is searchable."""
    article_id = add(store, "https://x.test/1", "the first wording mentions sednaya")
    edit(store, article_id, "the second wording mentions tadmur")
    store.index_search_backlog()
    assert indexed(store, "sednaya", columns="title text") == []
    assert indexed(store, "sednaya", columns="terms") == [article_id]
    assert indexed(store, "tadmur") == [article_id]
    assert_index_intact(store)


def test_an_edit_after_indexing_replaces_the_indexed_text(store: Store) -> None:
    article_id = add(store, "https://x.test/1", "the first wording mentions sednaya")
    store.index_search_backlog()
    edit(store, article_id, "the second wording mentions tadmur")
    assert indexed(store, "sednaya") == []
    store.index_search_backlog()
    assert indexed(store, "tadmur") == [article_id]
    assert_index_intact(store)


def test_a_read_only_store_is_searched_as_indexed(store: Store, tmp_path: Path) -> None:
    indexed_id = add(store, "https://x.test/1", "a detainee from Daraa")
    store.index_search_backlog()
    add(store, "https://x.test/2", "a detainee from Hama")
    store.close()
    reader = Store(store_module.Database(sqlite3.connect(
        f"file:{tmp_path / 'a.db'}?mode=ro", uri=True)), tmp_path / "a.db")
    assert [hit.article_id for hit in search(reader, "detainee")] == [indexed_id]
    assert reader.search_backlog() == 1

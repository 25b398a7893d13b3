"""The store path's speed-ups keep results the same and keep queries on indexes."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.archive.search import search
from crawler.archive.store import ArchiveFilter, Store
from crawler.dedupe import _shape_words, fingerprint, paragraph_shape, paragraph_shapes
from crawler.models import Classification, Extracted

EN = ("Security forces arrested a schoolteacher at a checkpoint near Homs on 3 March 2024.\n"
      "His family said they had no news of him for eleven months, until a relative released "
      "from the same branch told them he had died under interrogation.\n"
      "SNHR notes that at least 15,102 Syrian citizens have died due to torture since the start.")
AR = ("اعتقلت قوات الأمن مدرّسًا على حاجز قرب حمص في ٣ آذار ٢٠٢٤.\n"
      "قالت عائلته إنها لم تعرف شيئًا عن مصيره طوال أحد عشر شهرًا، حتى أخبرها قريب أُفرج عنه "
      "من الفرع نفسه أنه توفي تحت التحقيق.")

# Computed with the code before the speed-ups: stored hashes, signatures and shapes must
# not change without a FINGERPRINT_VERSION bump.
STABLE = {
    EN: ("0aa972bc4d81fa134f749c0b01029e5f3e6c4c8cebe73fdb1a03145c57052802",
         "651f283f1015607a56992e027ba2319aff93db06a85fa91c76d64ac402784c8c",
         "00:6eaab600041215e2", {"12924ec18dc47e40", "ab08a031a59d2e59", "ab9cf15dd7dd4d55"}),
    AR: ("5a354df276c23ae9ab45a9fcf25a9e12029ce2ebffc215eab63dc17f51a402df",
         "1fcdd4a23b1bebb9a18a62264800472acb450789fdac1ccfd99e3a6d7ddfb666",
         "00:7fbc1ac35d8ff736", {"f0c8d7e70fff5bb6", "f5440862e2b1b102"}),
}
NOW = datetime(2024, 5, 1, tzinfo=UTC)


@pytest.mark.parametrize("text", [EN, AR])
def test_fingerprints_and_shapes_are_unchanged(text: str) -> None:
    content_hash, signature_sha, first_band, shapes = STABLE[text]
    print_ = fingerprint(text)
    assert print_.content_hash == content_hash
    assert hashlib.sha256(print_.signature).hexdigest() == signature_sha
    assert print_.band_keys[0] == first_band
    assert paragraph_shapes(text, min_words=1) == shapes


_TEXT = st.lists(st.sampled_from(
    list("abc xyz.,-*\n0123456789") + ["Été", "ا", "أ", "ة", "\u064e", "٣", "ـ", " و"]),
    max_size=150).map("".join)


@settings(max_examples=200, deadline=None)
@given(text=_TEXT, min_words=st.integers(min_value=1, max_value=8))
def test_paragraph_shapes_are_the_shapes_of_each_line(text: str, min_words: int) -> None:
    expected = {paragraph_shape(line) for line in text.split("\n")
                if len(_shape_words(line)) >= min_words}
    fingerprint(text)  # the analysis is shared: asking in another order changes nothing
    assert paragraph_shapes(text, min_words=min_words) == expected


def test_repeated_texts_give_equal_fingerprints() -> None:
    first, other, again = fingerprint(EN), fingerprint(AR), fingerprint(EN)
    assert first == again
    assert first != other


# -- store ------------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "store.db") as opened:
        yield opened


def add(store: Store, url: str, title: str, text: str,
        labels: tuple[str, ...] = ()) -> int:
    with store.transaction():
        article_id, _ = store.insert_article(
            url=url, source="test", lang="en",
            extracted=Extracted(title=title, text=text, lang="en", extractor="test"),
            text_hash=url, classification=Classification(labels=labels,
                                                         scores={k: 1.0 for k in labels}),
            seen_at=NOW)
    return article_id


@contextmanager
def statements(store: Store) -> Iterator[list[str]]:
    """The SQL the store runs inside the block, parameters bound."""
    seen: list[str] = []
    store.db.conn.set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        store.db.conn.set_trace_callback(None)


def plan(store: Store, sql: str) -> str:
    return " | ".join(row[3] for row in store.db.execute(f"EXPLAIN QUERY PLAN {sql}"))


def plans_of(store: Store, action: Callable[[], object], keyword: str) -> list[str]:
    with statements(store) as seen:
        action()
    return [plan(store, sql) for sql in seen if sql.lstrip().upper().startswith(keyword)]


def test_resaving_a_fingerprint_replaces_its_bands(store: Store) -> None:
    article_id = add(store, "https://x.test/1", "t", "text")
    with store.transaction():
        store.save_fingerprint(article_id, "h1", b"\0" * 8, ["00:aa", "01:bb"])
        store.save_fingerprint(article_id, "h2", b"\1" * 8, ["00:cc", "01:dd"])
    assert store.scalar("SELECT bands FROM lsh_index WHERE rowid = ?", [article_id]) \
        == "b00cc b01dd"
    assert store.near_candidates(["00:aa"]) == []
    assert store.near_candidates(["01:dd"]) == [(article_id, b"\1" * 8)]
    store.db.execute("INSERT INTO lsh_index (lsh_index, rank) VALUES ('integrity-check', 1)")


def test_band_writes_and_candidate_lookups_use_indexes(store: Store) -> None:
    """Band rows are replaced by rowid and found through the FTS5 index (M: a MATCH), and
    signatures are read by primary key: no step scans a table."""
    article_id = add(store, "https://x.test/1", "t", "text")

    def save() -> None:
        with store.transaction():
            store.save_fingerprint(article_id, "h", b"\0" * 8, ["00:aa"])

    deletes = plans_of(store, save, "DELETE")
    assert deletes
    assert all("lsh_index VIRTUAL TABLE INDEX 0:=" in p for p in deletes), deletes
    lookups = plans_of(store, lambda: store.near_candidates(["00:aa", "01:bb"]), "SELECT")
    assert lookups
    assert any("lsh_index VIRTUAL TABLE INDEX 0:M" in p for p in lookups), lookups
    assert any("f USING INTEGER PRIMARY KEY" in p for p in lookups), lookups
    assert not [p for p in lookups if "SCAN" in p and "VIRTUAL TABLE" not in p], lookups


def test_search_sorts_inside_fts_and_snippets_only_what_it_returns(store: Store) -> None:
    for i in range(30):
        add(store, f"https://x.test/{i}", f"report {i}", "detainee " * (i % 5 + 1) + "died",
            labels=("torture_death",) if i % 2 else ())
    for where in (ArchiveFilter(), ArchiveFilter(labels=("torture_death",))):
        plans = plans_of(store, lambda w=where: search(store, "detainee", w, limit=5),
                         "SELECT")
        assert plans
        assert not [p for p in plans if "TEMP B-TREE" in p], plans


def test_search_returns_the_best_ranked_matches(store: Store) -> None:
    for i in range(40):
        title = "detainee report" if i % 7 == 0 else f"report {i}"
        add(store, f"https://x.test/{i}", title, "detainee " * (i % 6 + 1) + "word " * i,
            labels=("release",) if i % 3 else ())
    add(store, "https://x.test/none", "other", "nothing to see")
    store.index_search_backlog()
    for where, clause in ((ArchiveFilter(), "1"),
                          (ArchiveFilter(labels=("release",)),
                           "a.id IN (SELECT article_id FROM labels WHERE label = 'release')")):
        everything = store.query(
            f"SELECT a.url, bm25(search_fts, 4.0, 1.0) AS score FROM search_fts "
            f"JOIN articles a ON a.id = search_fts.rowid "
            f"WHERE search_fts MATCH '\"detainee\"' AND {clause} ORDER BY score, a.id")
        hits = search(store, "detainee", where, limit=6)
        assert [round(h.rank, 9) for h in hits] == [round(r["score"], 9)
                                                    for r in everything[:6]]
        assert [h.rank for h in hits] == sorted(h.rank for h in hits)
        assert all("\x02detainee\x03" in h.snippet for h in hits)


def test_store_connections_get_a_larger_page_cache_and_wal(store: Store) -> None:
    assert store.scalar("PRAGMA cache_size") <= -16_384
    assert store.scalar("PRAGMA wal_autocheckpoint") > 1_000


def count_shapes(store: Store, *batches: set[str]) -> None:
    with store.transaction():
        for shapes in batches:
            store.count_paragraph_shapes(shapes)


def test_frequent_shapes_match_the_counts_at_every_threshold(store: Store) -> None:
    count_shapes(store, {"a", "b", "c"}, {"a", "b"}, {"a"}, {"a", "d"})
    assert store.frequent_shapes(1) == {"a", "b", "c", "d"}
    assert store.frequent_shapes(2) == {"a", "b"}
    assert store.frequent_shapes(3) == {"a"}
    assert store.frequent_shapes(4) == {"a"}
    assert store.frequent_shapes(5) == frozenset()
    listed = {row[0] for row in store.db.execute("SELECT shape FROM stock_shapes")}
    assert listed == {"a", "b"}


def test_shape_counts_write_no_count_index_and_stock_reads_no_full_scan(store: Store) -> None:
    indexes = {row[0] for row in store.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'paragraph_shapes'")}
    assert "idx_paragraph_shapes_articles" not in indexes
    selects = plans_of(store, lambda: store.frequent_shapes(3), "SELECT")
    assert selects
    assert not [p for p in selects if "SCAN p" in p or "SCAN paragraph_shapes" in p], selects


def test_an_older_store_lists_its_stock_shapes_on_upgrade(tmp_path: Path) -> None:
    from sqlite_utils import Database

    from crawler.archive.schema import migrations

    path = tmp_path / "old.db"
    db = Database(path)
    migrations.apply(db, stop_before="m008_stock_shapes")
    db.execute("INSERT INTO paragraph_shapes (shape, articles) VALUES ('x', 5), ('y', 1), "
               "('z', 2)")
    db.conn.commit()
    db.close()
    with Store.open(path) as upgraded:
        assert upgraded.frequent_shapes(2) == {"x", "z"}
        assert upgraded.frequent_shapes(3) == {"x"}
        upgraded.count_paragraph_shapes({"y"})
        assert upgraded.frequent_shapes(2) == {"x", "y", "z"}


def test_a_new_article_is_written_once_with_its_classification(store: Store) -> None:
    classification = Classification(
        labels=("torture_death",), probable=("torture_death",), scores={"torture_death": 0.8},
        evidence={"torture_death": ["died under torture"]},
        facts={"governorate": "Homs", "perpetrator": "government"})
    with statements(store) as seen, store.transaction():
        article_id, _ = store.insert_article(
            url="https://x.test/1", source="test", lang="en",
            extracted=Extracted(title="t", text="text", lang="en", extractor="test"),
            text_hash="h", classification=classification, seen_at=NOW)
    assert not [sql for sql in seen if sql.lstrip().upper().startswith("UPDATE")], seen
    article = store.article(article_id)
    assert article is not None
    assert (article["labels"], article["probable"], article["scores"], article["evidence"],
            article["facts"], article["governorate"], article["perpetrator"]) == (
        ["torture_death"], ["torture_death"], {"torture_death": 0.8},
        {"torture_death": ["died under torture"]},
        {"governorate": "Homs", "perpetrator": "government"}, "Homs", "government")
    assert store.query("SELECT label, score FROM labels WHERE article_id = ?", [article_id]) == [
        {"label": "torture_death", "score": 0.8}]


def test_unused_indexes_are_gone_and_filters_still_use_keys(store: Store) -> None:
    names = {row[0] for row in store.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert not names & {"idx_articles_published", "idx_articles_first_seen", "idx_labels_label"}
    clause, params = ArchiveFilter(labels=("torture_death",), since="2024-01-01").sql("a")
    query = plan(store, f"SELECT a.id FROM articles a WHERE a.id > 0 AND {clause} "
                        f"ORDER BY a.id LIMIT 10".replace("?", "'x'"))
    assert "SEARCH fl USING COVERING INDEX sqlite_autoindex_labels_1" in query, query

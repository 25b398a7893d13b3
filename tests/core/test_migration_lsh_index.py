"""A store written before lsh_index keeps finding near-duplicates after the upgrade."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from crawler.archive.schema import migrations
from crawler.archive.store import Store


def test_bands_of_an_older_store_move_to_the_fts_index(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = Database(sqlite3.connect(path))
    migrations.apply(old, stop_before="m011_lsh_index_fts")
    for article_id, signature in ((1, b"\x01" * 8), (2, b"\x02" * 8)):
        old.execute("INSERT INTO articles (id, url, source, title, text, text_hash, first_seen, "
                    "last_seen) VALUES (?, ?, 'x', 't', 'text', ?, 'd', 'd')",
                    [article_id, f"https://x.test/{article_id}", f"h{article_id}"])
        old.execute("INSERT INTO fingerprints (article_id, content_hash, signature) "
                    "VALUES (?, ?, ?)", [article_id, f"h{article_id}", signature])
    old.conn.executemany("INSERT INTO lsh_bands (band_key, article_id) VALUES (?, ?)",
                         [("00:aa", 1), ("01:bb", 1), ("00:cc", 2), ("01:bb", 2)])
    old.conn.commit()
    old.close()

    with Store.open(path) as store:
        assert "lsh_bands" not in store.db.table_names()
        assert store.near_candidates(["00:aa"]) == [(1, b"\x01" * 8)]
        assert sorted(store.near_candidates(["01:bb"])) == [(1, b"\x01" * 8), (2, b"\x02" * 8)]
        assert store.near_candidates(["00:dd"]) == []

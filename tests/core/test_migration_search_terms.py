"""A store written before the extra search terms (m013) finds stems, name parts and old
versions after the upgrade, and its full-text index stays consistent."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from sqlite_utils import Database

from classifiers.normalise import fold
from crawler.archive.schema import migrations
from crawler.archive.search import search
from crawler.archive.store import Store

OLD_TEXT = "Hasan Swedan al-Kurdi, a nurse, died under torture in the Mezzeh prison"
NEW_TEXT = "Hasan Sweidan al-Kurdi, a nurse, died under torture in the Mezzeh prison"
ARABIC = "توفي الممرض تحت التعذيب والمعتقلون في المزة"


def test_an_older_store_is_reindexed_with_extra_terms(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = Database(sqlite3.connect(path))
    migrations.apply(old, stop_before="m013_search_terms")
    rows = ((1, "en", [OLD_TEXT, NEW_TEXT]), (2, "ar", [ARABIC]))
    for article_id, lang, texts in rows:
        old.execute("INSERT INTO articles (id, url, source, lang, title, text, text_hash, "
                    "version, first_seen, last_seen) VALUES (?, ?, 'x', ?, 'report', ?, ?, ?, "
                    "'2025-01-01', '2025-01-01')",
                    [article_id, f"https://x.test/{article_id}", lang, texts[-1],
                     f"h{article_id}", len(texts)])
        for number, text in enumerate(texts, start=1):
            old.execute("INSERT INTO versions (article_id, version, title, text, text_hash, "
                        "created_at) VALUES (?, ?, 'report', ?, ?, '2025-01-01')",
                        [article_id, number, text, f"h{article_id}{number}"])
        old.execute("INSERT INTO search (article_id, title, text) VALUES (?, 'report', ?)",
                    [article_id, fold(texts[-1])])
    old.execute("INSERT INTO search_fts (rowid, title, text) SELECT article_id, title, text "
                "FROM search")
    old.execute("DELETE FROM search_pending")
    old.conn.commit()
    old.close()

    # The daemon's parent opens (and so upgrades) the store with numpy blocked: the upgrade
    # must not need the classifier's folding.
    upgrade = subprocess.run(
        [sys.executable, "-c", "import sys; sys.modules['numpy'] = None\n"
         "from crawler.archive.store import Store\n"
         f"Store.open({str(path)!r}).close()\n"
         "assert 'classifiers' not in sys.modules, 'the upgrade imported the classifier'"],
        capture_output=True, text=True, timeout=120, check=False)
    assert upgrade.returncode == 0, upgrade.stderr

    with Store.open(path) as store:
        assert store.search_backlog() == 2  # rebuilt, waiting for the next search
        assert store.scalar("SELECT count(*) FROM search_terms_stale") == 2
        for query, article in (("Swedan", 1), ("Sweidan", 1), ("Kurdi", 1), ("تعذيب", 2),
                               ("معتقلون", 2)):
            assert [hit.article_id for hit in search(store, query)] == [article], query
        assert store.search_backlog() == 0
        assert store.scalar("SELECT count(*) FROM search_terms_stale") == 0
        for query in ("مزة", "Mezze"):  # the variant table: either script finds both
            assert {hit.article_id for hit in search(store, query)} == {1, 2}
        store.db.execute("INSERT INTO search_fts (search_fts, rank) "
                         "VALUES ('integrity-check', 1)")

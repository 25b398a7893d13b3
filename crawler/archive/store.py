"""The SQLite store: the only module that writes SQL.

One file, WAL mode so readers (Datasette, ``raqib search``) never block the writer and
never make a write fail; every write transaction starts with ``BEGIN IMMEDIATE`` so two
writers queue on the busy timeout instead of failing half-way.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlite_utils import Database

if sys.version_info >= (3, 14):
    from compression import zstd
else:
    from backports import zstd

from crawler.archive.schema import STOCK_SHAPE_FLOOR, migrations
from crawler.archive.store_errors import store_error
from crawler.errors import StoreError
from crawler.models import Classification, Extracted, FetchedPage

BUSY_TIMEOUT_MS = 30_000
FTS_TABLES = ("search_fts", "lsh_index")
# Page cache per connection (KiB): the LSH band and FTS indexes are written at random
# places; the default 2 MiB re-reads their inner pages on nearly every insert.
CACHE_KIB = 32_768
# Checkpoint the WAL every this many pages (default 1,000). One new article dirties some 80
# pages spread over a dozen indexes; checkpointing less often copies each hot page back to
# the database once per checkpoint instead of once every dozen articles. The WAL file is
# trimmed back to WAL_KEEP_BYTES after a checkpoint.
WAL_CHECKPOINT_PAGES = 8_192
WAL_KEEP_BYTES = 64 * 1024 * 1024
# Raw captures are Zstandard frames at this level: about the size of zlib level 3 in half
# its time. Captures written by earlier versions are zlib streams; both read back.
ZSTD_LEVEL = 3
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
# Search ranking: bm25 with a title match worth four text matches, and a match in the
# extra terms (stems, name parts, earlier versions) worth half of one.
SEARCH_RANK = "bm25(4.0, 1.0, 0.5)"
# New articles are full-text indexed once this many wait (and at the end of every crawl
# run, and before a search): FTS5 indexes a batch for about a third of the cost per text.
SEARCH_INDEX_BATCH = 500


def utcnow() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """UTC timestamps as ISO 8601 text with seconds precision and a 'Z'-free offset."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def compress(raw: bytes) -> bytes:
    return zstd.compress(raw, ZSTD_LEVEL)


@dataclass(frozen=True)
class Packed:
    """A page's bytes as a capture keeps them: their SHA-256 and their compressed form.
    Made by ``pack``, in a worker process when a pool prepares the page."""

    sha256: str
    size: int
    blob: bytes


def pack(raw: bytes) -> Packed:
    return Packed(hashlib.sha256(raw).hexdigest(), len(raw), compress(raw))


def decompress(blob: bytes) -> bytes:
    """The raw bytes of a stored capture, whichever compressor wrote it.

    Raises ``ValueError`` for a blob that is neither a Zstandard frame nor a zlib stream,
    or that is damaged."""
    try:
        if blob[:4] == _ZSTD_MAGIC:
            return zstd.decompress(blob)
        return zlib.decompress(blob)
    except (zstd.ZstdError, zlib.error) as error:
        raise ValueError(f"stored page does not decompress: {error}") from error


@dataclass(frozen=True)
class RunStats:
    requests: int = 0
    new_articles: int = 0
    new_versions: int = 0
    duplicates: int = 0
    errors: int = 0
    extraction_failures: int = 0
    unchanged: int = 0  # known articles fetched again, same text (or 304 on a recheck)
    skipped: int = 0  # discovered items left out (not an http(s) link, invalid port, ...)


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection. A WAL store needs its ``-shm`` file to be read; when no writer
    has the store open (no ``-wal`` file) and this user cannot create one beside it, the file
    is opened as immutable: SQLite then reads it as it stands, without the WAL index."""
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                           check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        if Path(f"{path}-wal").exists():
            raise
        conn.close()
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, check_same_thread=False)


class Store:
    """A raqib store file. Open with ``Store.open(path)``; close when done."""

    def __init__(self, db: Database, path: Path) -> None:
        self.db = db
        self.path = path
        self._unindexed = 0  # search rows this connection added since it last indexed
        self.readonly = False  # opened with mode=ro (Store.open(readonly=True))

    # -- opening -----------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, migrate: bool = True, readonly: bool = False) -> Store:
        """Open (and create, and upgrade) the store. ``readonly``: open it for reading only
        (SQLite's ``mode=ro``), for a user who may read the store but not write it; nothing
        is created or migrated, and an older schema is read as it is."""
        path = Path(path)
        if path.parent and not path.parent.exists():
            raise StoreError(f"{path}: the folder {path.parent} does not exist; create it or "
                             "set [store].path to a writable place")
        if readonly and not path.is_file():
            raise StoreError(f"{path}: no store here yet; run `raqib crawl` first, or check "
                             "[store].path")
        try:
            conn = _connect_readonly(path) if readonly else sqlite3.connect(
                str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
            db = Database(conn)
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA foreign_keys = ON")
            if readonly:
                db.execute("PRAGMA query_only = ON")
                migrate = False
            elif db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.enable_wal()
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            db.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
            db.execute(f"PRAGMA journal_size_limit = {WAL_KEEP_BYTES}")
            store = cls(db, path)
            store.readonly = readonly
            if migrate:
                store.migrate()
        except sqlite3.DatabaseError as exc:
            raise store_error(path, exc) from None
        return store

    @staticmethod
    def writable(path: str | Path) -> bool:
        """Whether this process may write the store file and create its WAL beside it."""
        path = Path(path)
        folder_ok = os.access(path.parent if str(path.parent) else ".", os.W_OK)
        return folder_ok and (not path.exists() or os.access(path, os.W_OK))

    def migrate(self) -> None:
        """Upgrade the file to the current schema. The check is repeated under the write
        lock so that two processes opening a new store at once migrate it once."""
        if not migrations.pending(self.db):
            return
        with self.transaction():
            if migrations.pending(self.db):
                migrations.apply(self.db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """A write transaction that takes the write lock up front (BEGIN IMMEDIATE).

        Nested calls join the outer transaction.
        """
        conn = self.db.conn
        if conn.in_transaction:
            yield self.db
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
            conn.execute("COMMIT")
        except BaseException:
            # SQLite may have ended the transaction itself (SQLITE_FULL, IOERR, NOMEM); a
            # COMMIT that failed may have left it open: undone either way
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    @contextmanager
    def savepoint(self, name: str = "write") -> Iterator[None]:
        """A nested transaction in the caller's: on error its writes are undone and the
        outer transaction goes on (the cases of an article: ``crawler.cases``).

        Some errors (SQLITE_FULL, IOERR, NOMEM) make SQLite undo the whole transaction,
        savepoint and all: then the error is raised as it is (there is nothing to roll back
        to), and the caller must not write on: it would write outside a transaction."""
        conn = self.db.conn
        self.db.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            if not conn.in_transaction:
                raise
            self.db.execute(f"ROLLBACK TO {name}")
            self.db.execute(f"RELEASE {name}")
            raise
        self.db.execute(f"RELEASE {name}")

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        return list(self.db.query(sql, params))

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.db.execute(sql, params).fetchone()
        return row[0] if row else None

    # -- runs and health ------------------------------------------------------------

    def start_run(self, source: str, *, mode: str = "crawl", pid: int | None = None) -> int:
        with self.transaction():
            cursor = self.db.execute(
                "INSERT INTO runs (source, mode, started_at, pid) VALUES (?, ?, ?, ?)",
                [source, mode, iso(utcnow()), pid],
            )
            return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, status: str, stats: RunStats, message: str = "", *,
                   details: dict[str, Any] | None = None) -> None:
        """Record how a run ended; ``details`` (JSON): every problem, skip reasons."""
        with self.transaction():
            self.index_search_backlog()
            self.db.execute(
                """UPDATE runs SET finished_at = ?, status = ?, requests = ?, new_articles = ?,
                   new_versions = ?, duplicates = ?, errors = ?, extraction_failures = ?,
                   unchanged = ?, skipped = ?, message = ?, details = ? WHERE id = ?""",
                [iso(utcnow()), status, stats.requests, stats.new_articles, stats.new_versions,
                 stats.duplicates, stats.errors, stats.extraction_failures, stats.unchanged,
                 stats.skipped, message or None,
                 json.dumps(details, ensure_ascii=False) if details else None, run_id],
            )

    def run(self, run_id: int) -> dict[str, Any] | None:
        rows = self.query("SELECT * FROM runs WHERE id = ?", [run_id])
        return rows[0] if rows else None

    def last_run(self, source: str, *, status: str | None = None) -> dict[str, Any] | None:
        sql = "SELECT * FROM runs WHERE source = ?"
        params: list[Any] = [source]
        if status:
            sql += " AND status = ?"
            params.append(status)
        rows = self.query(sql + " ORDER BY id DESC LIMIT 1", params)
        return rows[0] if rows else None

    def health(self, source: str) -> dict[str, Any] | None:
        rows = self.query("SELECT * FROM source_health WHERE source = ?", [source])
        return rows[0] if rows else None

    def set_health(self, source: str, state: str, detail: str = "") -> bool:
        """Record a source's health state. Returns True when the state changed."""
        with self.transaction():
            current = self.health(source)
            if current and current["state"] == state:
                self.db.execute("UPDATE source_health SET detail = ? WHERE source = ?",
                                [detail, source])
                return False
            self.db.table("source_health").upsert(
                {"source": source, "state": state, "since": iso(utcnow()), "detail": detail},
                pk="source",
            )
            return current is not None or state != "ok"

    def last_new_article_at(self, source: str) -> str | None:
        return self.scalar("SELECT max(first_seen) FROM articles WHERE source = ?", [source])

    # -- HTTP validators for conditional requests ---------------------------------------

    def validators(self, url: str) -> tuple[str | None, str | None]:
        row = self.db.execute("SELECT etag, last_modified FROM http_cache WHERE url = ?",
                              [url]).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def save_validators(self, url: str, etag: str | None, last_modified: str | None,
                        status: int) -> None:
        with self.transaction():  # plain SQL: sqlite-utils' upsert reads the table's
            # schema on every call, which cost more than the write (once per stored page)
            self.db.execute(
                "INSERT INTO http_cache (url, etag, last_modified, status, checked_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
                "last_modified = excluded.last_modified, status = excluded.status, "
                "checked_at = excluded.checked_at",
                [url, etag, last_modified, status, iso(utcnow())])

    # -- lookups -------------------------------------------------------------------

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        """Which of these canonical URLs are already stored (as articles or duplicates)."""
        wanted = list(dict.fromkeys(urls))
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for (url,) in self.db.execute(
                f"SELECT url FROM articles WHERE url IN ({marks}) "
                f"UNION SELECT url FROM duplicates WHERE url IN ({marks})", chunk + chunk):
                found.add(url)
        return found

    def article(self, article_id: int) -> dict[str, Any] | None:
        rows = self.query("SELECT * FROM articles WHERE id = ?", [article_id])
        return _decode_article(rows[0]) if rows else None

    def article_by_url(self, url: str) -> dict[str, Any] | None:
        rows = self.query("SELECT * FROM articles WHERE url = ?", [url])
        return _decode_article(rows[0]) if rows else None

    def duplicate_by_url(self, url: str) -> dict[str, Any] | None:
        rows = self.query("SELECT * FROM duplicates WHERE url = ?", [url])
        return rows[0] if rows else None

    def article_by_hash(self, content_hash: str) -> int | None:
        return self.scalar("SELECT article_id FROM fingerprints WHERE content_hash = ? "
                           "ORDER BY article_id LIMIT 1", [content_hash])

    def near_candidates(self, band_keys: Sequence[str]) -> list[tuple[int, bytes]]:
        """Articles sharing at least one LSH band with these keys, with their signatures."""
        if not band_keys:
            return []
        match = " OR ".join(f'"{_band_token(key)}"' for key in band_keys)
        return [(row[0], row[1]) for row in self.db.execute(
            "SELECT f.article_id, f.signature FROM fingerprints f WHERE f.article_id IN "
            "(SELECT rowid FROM lsh_index WHERE lsh_index MATCH ?)", [match])]

    def signature_of(self, article_id: int) -> bytes | None:
        """The MinHash signature stored for an article's current text."""
        found = self.scalar("SELECT signature FROM fingerprints WHERE article_id = ?",
                            [article_id])
        return None if found is None else bytes(found)

    def first_removal_since(self, article_id: int, since: str) -> str | None:
        """When the first 'removed' capture of an article at or after ``since`` (ISO) was
        fetched: a removal answer not yet confirmed by a later one."""
        found = self.scalar("SELECT min(fetched_at) FROM captures WHERE article_id = ? AND "
                            "kind = 'removed' AND fetched_at >= ?", [article_id, since])
        return None if found is None else str(found)

    def recheck_candidates(self, source: str, *, seen_since: datetime,
                           checked_before: datetime) -> list[dict[str, Any]]:
        """Known live articles of a source first seen since ``seen_since`` and not checked
        since ``checked_before``: the ones a recheck should re-fetch."""
        return self.query(
            "SELECT id, url FROM articles WHERE source = ? AND removed_at IS NULL "
            "AND first_seen >= ? AND coalesce(last_checked, first_seen) < ? ORDER BY id",
            [source, iso(seen_since), iso(checked_before)])

    # -- ingest writes (callers wrap these in one transaction) ---------------------------

    def capture_id(self, url: str, sha256: str) -> int | None:
        """The first capture of these exact bytes of ``url``, if archived (``raqib import``
        resumes by it)."""
        found = self.scalar("SELECT id FROM captures WHERE url = ? AND sha256 = ? "
                            "ORDER BY id LIMIT 1", [url, sha256])
        return None if found is None else int(found)

    def insert_capture(self, page: FetchedPage, *, kind: str, article_id: int | None = None,
                       version_id: int | None = None, extracted: Extracted | None = None,
                       packed: Packed | None = None) -> int:
        """Archive the raw page exactly as received. Identical bytes for the same URL are
        stored once: the existing capture id is returned. ``packed``: the body already
        hashed and compressed (``pack``); used only if it is of these very bytes (hashing
        them again costs little next to compressing them)."""
        if (packed is None or packed.size != len(page.body)
                or packed.sha256 != hashlib.sha256(page.body).hexdigest()):
            packed = pack(page.body)
        existing = self.capture_id(page.url, packed.sha256)
        if existing is not None:
            return existing
        cursor = self.db.execute(
            """INSERT INTO captures (article_id, version_id, kind, source, url, final_url,
               redirects, status, headers, request_headers, fetched_at, sha256, size, raw,
               extractor, extracted)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [article_id, version_id, kind, page.source, page.url, page.final_url,
             json.dumps(list(page.redirects)), page.status, json.dumps(list(page.headers)),
             json.dumps(list(page.request_headers)), iso(page.fetched_at), packed.sha256,
             packed.size, packed.blob,
             extracted.extractor if extracted else None,
             _extracted_json(extracted)],
        )
        return int(cursor.lastrowid or 0)

    def insert_article(self, *, url: str, source: str, lang: str | None, extracted: Extracted,
                       text_hash: str, classification: Classification,
                       seen_at: datetime, terms: str | None = None) -> tuple[int, int]:
        """A new article with its first version. Returns (article_id, version_id).
        ``terms``: its extra search terms, when already made (``search_terms.extra_terms``
        of its title and text, as in ``_index_search``)."""
        cursor = self.db.execute(
            """INSERT INTO articles (url, source, lang, title, published, text, text_hash,
               version, first_seen, last_seen, last_checked, labels, probable, scores,
               evidence, facts, governorate, perpetrator)
               VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [url, source, lang, extracted.title, extracted.published, extracted.text, text_hash,
             iso(seen_at), iso(seen_at), iso(seen_at), *_classification_columns(classification)],
        )
        article_id = int(cursor.lastrowid or 0)
        version_id = self._insert_version(article_id, 1, extracted, text_hash, classification,
                                          seen_at)
        self._insert_labels(article_id, classification)
        self._index_search(article_id, extracted, classification.normalised, terms=terms,
                           first=True)
        return article_id, version_id

    def add_version(self, article_id: int, *, extracted: Extracted, text_hash: str,
                    classification: Classification, seen_at: datetime) -> tuple[int, int]:
        """A changed text of a known article. Returns (version number, version_id)."""
        version = int(self.scalar("SELECT version FROM articles WHERE id = ?", [article_id])) + 1
        version_id = self._insert_version(article_id, version, extracted, text_hash,
                                          classification, seen_at)
        self.db.execute(
            """UPDATE articles SET title = ?, text = ?, text_hash = ?, version = ?,
               published = coalesce(published, ?), last_seen = ?, last_checked = ?,
               removed_at = NULL WHERE id = ?""",
            [extracted.title, extracted.text, text_hash, version, extracted.published,
             iso(seen_at), iso(seen_at), article_id],
        )
        self._set_classification(article_id, classification)
        self._index_search(article_id, extracted, classification.normalised)
        return version, version_id

    def current_version_id(self, article_id: int) -> int | None:
        return self.scalar("SELECT v.id FROM versions v JOIN articles a ON a.id = v.article_id "
                           "AND a.version = v.version WHERE a.id = ?", [article_id])

    def set_link(self, article_id: int, link: str) -> None:
        """Record the address the article is published at (see schema m013)."""
        self.db.execute("UPDATE articles SET link = ? WHERE id = ? AND link IS NOT ?",
                        [link, article_id, link])

    def touch_article(self, article_id: int, seen_at: datetime) -> None:
        self.db.execute("UPDATE articles SET last_seen = ?, last_checked = ?, removed_at = NULL "
                        "WHERE id = ?", [iso(seen_at), iso(seen_at), article_id])

    def mark_checked(self, article_id: int, at: datetime) -> None:
        self.db.execute("UPDATE articles SET last_checked = ? WHERE id = ?",
                        [iso(at), article_id])

    def mark_removed(self, article_id: int, at: datetime) -> bool:
        """Mark an article gone from its source. Returns True if it was live before."""
        cursor = self.db.execute(
            "UPDATE articles SET removed_at = ?, last_checked = ? "
            "WHERE id = ? AND removed_at IS NULL", [iso(at), iso(at), article_id])
        return cursor.rowcount > 0

    def save_fingerprint(self, article_id: int, content_hash: str, signature: bytes,
                         band_keys: Sequence[str]) -> None:
        self.db.execute("INSERT OR REPLACE INTO fingerprints (article_id, content_hash, signature)"
                        " VALUES (?, ?, ?)", [article_id, content_hash, signature])
        self.db.execute("DELETE FROM lsh_index WHERE rowid = ?", [article_id])
        if band_keys:
            self.db.execute("INSERT INTO lsh_index (rowid, bands) VALUES (?, ?)",
                            [article_id, " ".join(_band_token(key) for key in band_keys)])

    def count_paragraph_shapes(self, shapes: Iterable[str]) -> None:
        """One more distinct article carries each of these paragraph shapes."""
        self.db.conn.executemany(
            "INSERT INTO paragraph_shapes (shape, articles) VALUES (?, 1) "
            "ON CONFLICT(shape) DO UPDATE SET articles = articles + 1",
            [(shape,) for shape in shapes])

    def frequent_shapes(self, min_articles: int) -> frozenset[str]:
        """Shapes carried by at least ``min_articles`` distinct articles. From the short
        stock_shapes list when the threshold allows, else from every counted shape."""
        if min_articles >= STOCK_SHAPE_FLOOR:
            sql = ("SELECT p.shape FROM stock_shapes s JOIN paragraph_shapes p "
                   "ON p.shape = s.shape WHERE p.articles >= ?")
        else:
            sql = "SELECT shape FROM paragraph_shapes WHERE articles >= ?"
        return frozenset(row[0] for row in self.db.execute(sql, [min_articles]))

    def article_text(self, article_id: int) -> str | None:
        return self.scalar("SELECT text FROM articles WHERE id = ?", [article_id])

    def link_duplicate(self, article_id: int, *, url: str, source: str, kind: str,
                       similarity: float | None, capture_id: int | None,
                       found_at: datetime) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO duplicates (article_id, url, source, kind, similarity, "
            "capture_id, found_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [article_id, url, source, kind, similarity, capture_id, iso(found_at)])

    def _insert_version(self, article_id: int, version: int, extracted: Extracted,
                        text_hash: str, classification: Classification,
                        seen_at: datetime) -> int:
        cursor = self.db.execute(
            """INSERT INTO versions (article_id, version, title, text, text_hash, published,
               labels, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            [article_id, version, extracted.title, extracted.text, text_hash,
             extracted.published, json.dumps(list(classification.labels)), iso(seen_at)],
        )
        return int(cursor.lastrowid or 0)

    def _set_classification(self, article_id: int, classification: Classification) -> None:
        self.db.execute(
            """UPDATE articles SET labels = ?, probable = ?, scores = ?, evidence = ?, facts = ?,
               governorate = ?, perpetrator = ? WHERE id = ?""",
            [*_classification_columns(classification), article_id],
        )
        self.db.execute("DELETE FROM labels WHERE article_id = ?", [article_id])
        self._insert_labels(article_id, classification)

    def _insert_labels(self, article_id: int, classification: Classification) -> None:
        self.db.conn.executemany(
            "INSERT INTO labels (article_id, label, score) VALUES (?, ?, ?)",
            [(article_id, label, float(classification.scores.get(label, 1.0)))
             for label in classification.labels])

    def _index_search(self, article_id: int, extracted: Extracted, normalised: str, *,
                      terms: str | None = None, first: bool = False) -> None:
        """Queue the folded text and its extra terms for the full-text index (see
        SEARCH_INDEX_BATCH and ``crawler.archive.search_terms``).

        ``normalised``: the classifier's folded title and text (Classification.normalised),
        used as it is; folded here when empty. The extra terms cover every stored version:
        a new version's terms are read from all of them. ``first``: the article's first
        version (no other to read); ``terms``: its extra terms, made before (with
        ``normalised``)."""
        from crawler.archive.search_terms import extra_terms

        if normalised:
            title, _, text = normalised.partition("\n")
        else:
            from classifiers.normalise import fold

            title, text = fold(extracted.title), fold(extracted.text)
        if terms is None or not first or not normalised:
            originals = [extracted.title, extracted.text]
            if not first and self.scalar("SELECT version FROM articles WHERE id = ?",
                                         [article_id]) != 1:
                for row in self.db.execute("SELECT title, text FROM versions "
                                           "WHERE article_id = ?", [article_id]):
                    originals += [row[0], row[1]]
            terms = extra_terms(originals, f"{title}\n{text}")
        self.db.execute("INSERT OR REPLACE INTO search (article_id, title, text, terms) "
                        "VALUES (?, ?, ?, ?)", [article_id, title, text, terms])
        self._unindexed += 1
        if self._unindexed >= SEARCH_INDEX_BATCH:
            self.index_search_backlog()

    def search_backlog(self) -> int:
        """How many stored articles wait for the full-text index."""
        return int(self.scalar("SELECT count(*) FROM search_pending"))

    def index_search_backlog(self) -> int:
        """Add every waiting article to the full-text index, in one statement. Returns how
        many were indexed."""
        with self.transaction():
            self._compute_stale_terms()
            self.db.execute(
                "INSERT INTO search_fts (rowid, title, text, terms) SELECT s.article_id, "
                "s.title, s.text, s.terms "
                "FROM search_pending p JOIN search s ON s.article_id = p.article_id")
            indexed = self.db.execute("DELETE FROM search_pending").rowcount
        self._unindexed = 0
        return int(indexed)

    def _compute_stale_terms(self) -> None:
        """Fill in the extra terms of the articles a store upgrade left without them
        (``search_terms_stale``, see m013_search_terms). Those rows are still pending, so
        writing them does not touch the full-text index."""
        stale = [row[0] for row in self.db.execute("SELECT article_id FROM search_terms_stale")]
        if not stale:
            return
        from crawler.archive.search_terms import extra_terms

        for start in range(0, len(stale), 500):
            chunk = stale[start:start + 500]
            marks = ",".join("?" * len(chunk))
            originals: dict[int, list[str]] = {}
            for article_id, title, text in self.db.execute(
                    f"SELECT article_id, title, text FROM versions WHERE article_id IN "
                    f"({marks}) ORDER BY article_id, version", chunk):
                originals.setdefault(article_id, []).extend((title, text))
            updates = [(extra_terms(originals.get(article_id, []), f"{title}\n{text}"),
                        article_id) for article_id, title, text in self.db.execute(
                f"SELECT article_id, title, text FROM search WHERE article_id IN ({marks})",
                chunk).fetchall()]
            self.db.conn.executemany("UPDATE search SET terms = ? WHERE article_id = ?",
                                     updates)
            self.db.execute(f"DELETE FROM search_terms_stale WHERE article_id IN ({marks})",
                            chunk)

    # -- the alert outbox ------------------------------------------------------------------

    def has_alert(self, kind: str, keys: Sequence[str]) -> bool:
        """Whether an alert of ``kind`` was queued under any of ``keys`` (any channel)."""
        if not keys:
            return False
        return self.scalar(f"SELECT 1 FROM alerts WHERE kind = ? AND key IN "
                           f"({', '.join('?' * len(keys))}) LIMIT 1", [kind, *keys]) is not None

    def enqueue_alert(self, *, channel: str, kind: str, key: str, mode: str,
                      article_id: int | None = None, labels: Sequence[str] = (),
                      payload: dict[str, Any] | None = None,
                      now: datetime | None = None) -> bool:
        """Queue one alert. Returns False if (channel, kind, key) was queued before: the
        unique key is what makes 'at most once per channel, ever' hold across restarts."""
        moment = iso(now or utcnow())
        cursor = self.db.execute(
            """INSERT OR IGNORE INTO alerts (channel, kind, key, mode, article_id, labels,
               payload, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [channel, kind, key, mode, article_id, json.dumps(list(labels)),
             json.dumps(payload or {}, ensure_ascii=False), moment, moment],
        )
        return cursor.rowcount > 0

    def alerted_labels(self, article_id: int, channel: str) -> set[str] | None:
        """Labels an article carried in the alerts already queued for it on a channel,
        or None when it was never alerted there."""
        rows = self.db.execute(
            "SELECT labels FROM alerts WHERE article_id = ? AND channel = ? "
            "AND kind IN ('article', 'update')", [article_id, channel]).fetchall()
        if not rows:
            return None
        labels: set[str] = set()
        for (encoded,) in rows:
            labels.update(json.loads(encoded))
        return labels

    def mark_alert_sent(self, alert_id: int, *, digest_id: int | None = None) -> None:
        with self.transaction():
            self.db.execute("UPDATE alerts SET state = 'sent', sent_at = ?, last_error = NULL, "
                            "digest_id = coalesce(?, digest_id) WHERE id = ?",
                            [iso(utcnow()), digest_id, alert_id])

    def mark_alert_retry(self, alert_id: int, error: str, next_attempt_at: datetime) -> None:
        with self.transaction():
            self.db.execute("UPDATE alerts SET state = 'pending', last_error = ?, "
                            "next_attempt_at = ? WHERE id = ?",
                            [error, iso(next_attempt_at), alert_id])

    def mark_alert_failed(self, alert_id: int, error: str) -> None:
        with self.transaction():
            self.db.execute("UPDATE alerts SET state = 'failed', last_error = ? WHERE id = ?",
                            [error, alert_id])

    def retry_now(self) -> int:
        """Make every pending alert due now (``raqib alerts flush``)."""
        with self.transaction():
            return self.db.execute("UPDATE alerts SET next_attempt_at = ? WHERE state = 'pending'",
                                   [iso(utcnow())]).rowcount

    def start_digest(self, channel: str, items: int) -> int:
        with self.transaction():
            cursor = self.db.execute(
                "INSERT INTO digests (channel, created_at, items) VALUES (?, ?, ?)",
                [channel, iso(utcnow()), items])
            return int(cursor.lastrowid or 0)

    def finish_digest(self, digest_id: int) -> None:
        with self.transaction():
            self.db.execute("UPDATE digests SET sent_at = ? WHERE id = ?",
                            [iso(utcnow()), digest_id])

    def last_digest(self, channel: str) -> dict[str, Any] | None:
        rows = self.query("SELECT * FROM digests WHERE channel = ? AND sent_at IS NOT NULL "
                          "ORDER BY id DESC LIMIT 1", [channel])
        return rows[0] if rows else None

    # -- the watchlist's outbox rows (the names themselves live in crawler.watchlist) ------

    def articles_for_matching(self, *, batch: int = 500) -> Iterator[dict[str, Any]]:
        """Every stored article's current title and text with what a listing shows, by id."""
        last = 0
        while True:
            rows = self.query("SELECT id, title, text, source, lang, published, first_seen, "
                              "url, link FROM articles WHERE id > ? ORDER BY id LIMIT ?",
                              [last, batch])
            if not rows:
                return
            yield from rows
            last = rows[-1]["id"]

    def forget_watch_alerts(self, *tokens: str) -> int:
        """Delete every outbox row of one watch entry, sent or not (``raqib watch remove``):
        ``tokens`` are its own and those of the entries merged into it."""
        with self.transaction():
            return sum(self.db.execute("DELETE FROM alerts WHERE kind = 'watch' AND key LIKE ?",
                                       [f"%:{token}"]).rowcount for token in tokens)

    def merge_watch_alerts(self, keep: str, others: Sequence[str]) -> int:
        """Give the outbox rows of watch entries ``others`` to entry ``keep`` (``raqib watch
        merge``), in the caller's transaction or one of its own: each is keyed
        ``<article id>:<keep>`` and its payload names ``keep``, so a report alerted (or
        queued) for one of them counts as alerted for ``keep``. Where ``keep`` has a row for
        the same report already, one row stays, the one furthest on (sent, being sent,
        waiting, failed), so no report goes out twice because of the merge. Returns how many
        rows the others had."""
        carried = 0
        with self.transaction():
            for token in others:
                for row in self.query("SELECT id, channel, key, state, payload FROM alerts "
                                      "WHERE kind = 'watch' AND key LIKE ?", [f"%:{token}"]):
                    article, _, owner = row["key"].rpartition(":")
                    if owner != token:
                        continue
                    carried += 1
                    key = f"{article}:{keep}"
                    held = self.query("SELECT id, state FROM alerts WHERE channel = ? AND "
                                      "kind = 'watch' AND key = ?", [row["channel"], key])
                    if held and _further(held[0]["state"], row["state"]):
                        self.db.execute("DELETE FROM alerts WHERE id = ?", [row["id"]])
                        continue
                    if held:
                        self.db.execute("DELETE FROM alerts WHERE id = ?", [held[0]["id"]])
                    payload = {**json.loads(row["payload"] or "{}"), "watch": keep}
                    self.db.execute("UPDATE alerts SET key = ?, payload = ? WHERE id = ?",
                                    [key, json.dumps(payload, ensure_ascii=False), row["id"]])
        return carried

    def watch_alert_counts(self) -> dict[str, dict[str, int]]:
        """token → {state: alerts} of the watch rows in the outbox."""
        counts: dict[str, dict[str, int]] = {}
        for key, state, count in self.db.execute(
                "SELECT key, state, count(*) FROM alerts WHERE kind = 'watch' "
                "GROUP BY key, state"):
            token = key.rpartition(":")[2]
            by_state = counts.setdefault(token, {})
            by_state[state] = by_state.get(state, 0) + count
        return counts

    # -- reading for alerts, exports and status ------------------------------------------

    def alert_articles(self, alerts: Sequence[dict[str, Any]]) -> dict[int, dict[str, Any]]:
        ids = sorted({a["article_id"] for a in alerts if a.get("article_id")})
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        return {row["id"]: _decode_article(row)
                for row in self.query(f"SELECT * FROM articles WHERE id IN ({marks})", ids)}

    def counts(self) -> dict[str, int]:
        return {
            "articles": int(self.scalar("SELECT count(*) FROM articles") or 0),
            "captures": int(self.scalar("SELECT count(*) FROM captures") or 0),
            "duplicates": int(self.scalar("SELECT count(*) FROM duplicates") or 0),
            "flagged": int(self.scalar("SELECT count(DISTINCT article_id) FROM labels") or 0),
        }

    def articles_of_source(self, source: str) -> int:
        return int(self.scalar("SELECT count(*) FROM articles WHERE source = ?", [source]) or 0)

    # -- daemon area ----------------------------------------------------------------------

    def daemon_started(self, *, pid: int, host: str, heartbeat_every: float,
                       config_path: str | None, version: str) -> None:
        now = iso(utcnow())
        with self.transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO daemon (id, pid, host, state, started_at, heartbeat_at, "
                "heartbeat_every, stopped_at, config_path, version, jobs) "
                "VALUES (1, ?, ?, 'running', ?, ?, ?, NULL, ?, ?, '{}')",
                [pid, host, now, now, heartbeat_every, config_path, version])

    def daemon_heartbeat(self, jobs: dict[str, str | None], *, state: str = "running") -> None:
        """Record that the daemon's scheduler is alive, with the next run time of each job."""
        with self.transaction():
            self.db.execute("UPDATE daemon SET heartbeat_at = ?, state = ?, jobs = ? "
                            "WHERE id = 1", [iso(utcnow()), state, json.dumps(jobs)])

    def daemon_stopped(self) -> None:
        now = iso(utcnow())
        with self.transaction():
            self.db.execute("UPDATE daemon SET state = 'stopped', stopped_at = ?, "
                            "heartbeat_at = ? WHERE id = 1", [now, now])

    def daemon_state(self) -> dict[str, Any] | None:
        rows = self.query("SELECT * FROM daemon WHERE id = 1")
        if not rows:
            return None
        row = dict(rows[0])
        row["jobs"] = json.loads(row["jobs"] or "{}")
        return row

    def abandon_dead_runs(self, alive: Callable[[int], bool],
                          message: str = "interrupted: the daemon stopped during the run") -> int:
        """Mark 'running' runs whose process is gone as interrupted (the daemon or its host
        stopped under them; health ignores interrupted runs). Returns how many."""
        stale = [row["id"] for row in self.query(
            "SELECT id, pid FROM runs WHERE status = 'running'")
            if not row["pid"] or not alive(int(row["pid"]))]
        if not stale:
            return 0
        marks = ",".join("?" * len(stale))
        with self.transaction():
            self.db.execute(f"UPDATE runs SET status = 'interrupted', finished_at = ?, "
                            f"message = ? WHERE id IN ({marks}) AND status = 'running'",
                            [iso(utcnow()), message, *stale])
        return len(stale)

    def last_success(self, source: str) -> dict[str, Any] | None:
        """The source's latest run that finished ok or degraded (a run that fetched)."""
        rows = self.query("SELECT * FROM runs WHERE source = ? AND status IN ('ok', 'degraded') "
                          "ORDER BY id DESC LIMIT 1", [source])
        return rows[0] if rows else None

    def has_alert_work(self, now: datetime | None = None) -> bool:
        """Whether a dispatch would have anything to do: immediate alerts due, digest
        retries due, or claims left 'sending' (possibly by a process that died)."""
        return self.scalar(
            "SELECT 1 FROM alerts WHERE state = 'sending' OR (state = 'pending' "
            "AND next_attempt_at <= ? AND (mode = 'immediate' OR attempts > 0)) LIMIT 1",
            [iso(now or utcnow())]) is not None

    def alert_channels(self) -> list[dict[str, Any]]:
        """Per channel: counts by state and the most recent delivery error."""
        rows = self.query(
            "SELECT channel, sum(state = 'pending') AS pending, sum(state = 'sending') AS sending,"
            " sum(state = 'sent') AS sent, sum(state = 'failed') AS failed, "
            "(SELECT last_error FROM alerts b WHERE b.channel = a.channel "
            " AND b.last_error IS NOT NULL ORDER BY b.id DESC LIMIT 1) AS last_error "
            "FROM alerts a GROUP BY channel ORDER BY channel")
        return rows

    def waiting_alerts(self) -> list[tuple[str, str, int]]:
        """(channel, mode, count) of the alerts not yet delivered nor given up."""
        return [(row[0], row[1], row[2]) for row in self.db.execute(
            "SELECT channel, mode, count(*) FROM alerts WHERE state IN ('pending', 'sending') "
            "GROUP BY channel, mode ORDER BY channel, mode")]

    def last_digest_sent_at(self) -> str | None:
        return self.scalar("SELECT max(sent_at) FROM digests WHERE sent_at IS NOT NULL")

    def size_bytes(self) -> int:
        """The store's size on disk, write-ahead log included."""
        total = 0
        for suffix in ("", "-wal", "-shm"):
            part = self.path.with_name(self.path.name + suffix)
            if part.exists():
                total += part.stat().st_size
        return total

    # -- crawl engine area ----------------------------------------------------------------

    def first_run_at(self, source: str) -> str | None:
        """When the source was first crawled (health: how long a source without any
        article has been silent)."""
        return self.scalar("SELECT min(started_at) FROM runs WHERE source = ?", [source])

    def recheck_fetch_urls(self, source: str, *, seen_since: datetime,
                           checked_before: datetime) -> list[str]:
        """The URLs to re-fetch for a recheck: each candidate article's most recently
        fetched URL (what the site answered to), else its canonical URL."""
        urls: list[str] = []
        for row in self.recheck_candidates(source, seen_since=seen_since,
                                           checked_before=checked_before):
            fetched = self.scalar("SELECT url FROM captures WHERE article_id = ? AND "
                                  "kind = 'article' ORDER BY id DESC LIMIT 1", [row["id"]])
            urls.append(fetched or row["url"])
        return urls

    def finished_runs(self, source: str, limit: int = 5) -> list[dict[str, Any]]:
        """The source's latest runs that ran to an end of their own, newest first: runs
        still running and runs cut short by a stop (status 'interrupted') say nothing about
        the source's health."""
        return self.query("SELECT * FROM runs WHERE source = ? AND status NOT IN "
                          "('running', 'interrupted') ORDER BY id DESC LIMIT ?", [source, limit])

    def backfill_cursor(self, source: str, since: date | None,
                        until: date | None) -> dict[str, Any] | None:
        """The saved state of an unfinished backfill of this window: ``cursor`` (decoded
        JSON), ``pages_done``, ``articles``, ``updated_at``; None when there is none."""
        rows = self.query("SELECT * FROM crawl_backfill_state WHERE source = ? AND since = ? "
                          "AND until = ?", [source, _day_key(since), _day_key(until)])
        if not rows:
            return None
        row = dict(rows[0])
        row["cursor"] = json.loads(row["cursor"])
        return row

    def save_backfill_cursor(self, source: str, since: date | None, until: date | None, *,
                             cursor: dict[str, Any], pages_done: int, articles: int) -> None:
        with self.transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO crawl_backfill_state (source, since, until, cursor, "
                "pages_done, articles, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [source, _day_key(since), _day_key(until),
                 json.dumps(cursor, ensure_ascii=False, sort_keys=True), pages_done, articles,
                 iso(utcnow())])

    def clear_backfill_cursor(self, source: str, since: date | None, until: date | None) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM crawl_backfill_state WHERE source = ? AND since = ? "
                            "AND until = ?", [source, _day_key(since), _day_key(until)])

    def kept_pages(self, source: str) -> list[dict[str, Any]]:
        """The article pages earlier runs of ``source`` requested and did not store, kept
        for its next run (``crawler.retry``): ``{"url", "hints", "tries"}`` each.

        They live in ``crawl_backfill_state`` under the empty window (since and until
        both unset), which no backfill can have: the source's own, windowless state."""
        saved = self.backfill_cursor(source, None, None)
        return list(saved["cursor"].get("kept", [])) if saved else []

    def update_kept_pages(self, source: str,
                          change: Callable[[list[dict[str, Any]]], list[dict[str, Any]]], *,
                          finished: tuple[date | None, date | None] | None = None) -> None:
        """Read the source's kept pages, ``change`` them and save the result, all in one
        write transaction (BEGIN IMMEDIATE): two runs of one source settling at once do
        not lose each other's pages. ``finished`` as for ``save_kept_pages``."""
        with self.transaction():
            self.save_kept_pages(source, change(self.kept_pages(source)), finished=finished)

    def save_kept_pages(self, source: str, pages: list[dict[str, Any]], *,
                        finished: tuple[date | None, date | None] | None = None) -> None:
        """Replace the source's kept pages (none: forget the row); with ``finished``, also
        clear that backfill window's cursor in the same transaction, so a page never
        leaves one without being in the other."""
        with self.transaction():
            if finished is not None:
                self.clear_backfill_cursor(source, *finished)
            if pages:
                self.save_backfill_cursor(source, None, None, cursor={"kept": pages},
                                          pages_done=0, articles=len(pages))
            else:
                self.clear_backfill_cursor(source, None, None)

    # -- archive area: read-only queries for search, export, verify, diff, stats ---------

    def search_articles(self, match: str, where: ArchiveFilter, *,
                        limit: int) -> list[dict[str, Any]]:
        """Articles whose folded title, text or extra terms match an FTS5 expression, best
        first, with their current text (``crawler.archive.search`` cuts the snippet from it).

        ``match`` is passed to FTS5 as is (the caller quotes user input); a malformed
        expression raises ``sqlite3.OperationalError``.

        Ordering by FTS5's own ``rank`` column (set to the weighted bm25) lets FTS5 sort the
        matches itself, so the join and the filter run only on the rows read before the
        limit is reached, not on every match.
        """
        clause, params = where.sql("a")
        sql = (f"SELECT a.id, a.url, a.link, a.source, a.lang, a.title, a.text, a.published, "
               f"a.first_seen, a.labels, a.facts, a.version, a.removed_at, "
               f"search_fts.rank AS rank "
               f"FROM search_fts JOIN articles a ON a.id = search_fts.rowid "
               f"WHERE search_fts MATCH ? AND search_fts.rank MATCH '{SEARCH_RANK}' "
               f"AND {clause} ORDER BY search_fts.rank LIMIT ?")
        rows = self.db.execute(sql, [match, *params, limit])
        columns = [c[0] for c in rows.description]
        return [_decode_article(dict(zip(columns, row, strict=True))) for row in rows]

    def list_articles(self, where: ArchiveFilter, *, limit: int) -> list[dict[str, Any]]:
        """The articles a filter matches, newest first (a search without words)."""
        clause, params = where.sql("a")
        return [_decode_article(row) for row in self.query(
            f"SELECT a.id, a.url, a.link, a.source, a.lang, a.title, a.text, a.published, "
            f"a.first_seen, a.labels, a.facts, a.version, a.removed_at, 0.0 AS rank "
            f"FROM articles a WHERE {clause} "
            f"ORDER BY coalesce(a.published, a.first_seen) DESC, a.id DESC LIMIT ?",
            [*params, limit])]

    def filter_values(self) -> dict[str, list[str]]:
        """The sources, governorates and perpetrators stored articles carry (what a filter
        can name besides the configured sources and the fixed vocabularies)."""
        values: dict[str, list[str]] = {}
        for column in ("source", "governorate", "perpetrator"):
            values[column] = [row[0] for row in self.db.execute(
                f"SELECT DISTINCT {column} FROM articles WHERE {column} IS NOT NULL "
                f"ORDER BY {column}")]
        values["source"] = sorted(set(values["source"]) | {row[0] for row in self.db.execute(
            "SELECT DISTINCT source FROM duplicates")})
        return values

    def archive_articles(self, where: ArchiveFilter, *,
                         batch: int = 500) -> Iterator[dict[str, Any]]:
        """Matching articles in id order, each with ``versions`` (count) and ``duplicates``
        (the other URLs and copies folded into it), read in batches."""
        clause, params = where.sql("a")
        last = 0
        while True:
            rows = self.query(f"SELECT a.* FROM articles a WHERE a.id > ? AND {clause} "
                              f"ORDER BY a.id LIMIT ?", [last, *params, batch])
            if not rows:
                return
            ids = [row["id"] for row in rows]
            marks = ",".join("?" * len(ids))
            versions = dict(self.db.execute(
                f"SELECT article_id, count(*) FROM versions WHERE article_id IN ({marks}) "
                f"GROUP BY article_id", ids).fetchall())
            duplicates: dict[int, list[dict[str, Any]]] = {}
            for dup in self.query(
                    f"SELECT article_id, url, source, kind, similarity, found_at FROM duplicates "
                    f"WHERE article_id IN ({marks}) ORDER BY id", ids):
                duplicates.setdefault(dup.pop("article_id"), []).append(dup)
            for row in rows:
                article = _decode_article(row)
                article["versions"] = int(versions.get(row["id"], 0))
                article["duplicates"] = duplicates.get(row["id"], [])
                yield article
            last = ids[-1]

    def archive_captures(self, where: ArchiveFilter, *,
                         batch: int = 200) -> Iterator[dict[str, Any]]:
        """Stored captures in id order, ``raw`` still compressed. With an empty filter every
        capture (failed extractions included); otherwise those of the matching articles."""
        params: list[Any]
        if where.is_empty():
            clause, params = "1", []
        else:
            inner, params = where.sql("a")
            clause = f"c.article_id IN (SELECT a.id FROM articles a WHERE {inner})"
        last = 0
        while True:
            rows = self.query(f"SELECT c.* FROM captures c WHERE c.id > ? AND {clause} "
                              f"ORDER BY c.id LIMIT ?", [last, *params, batch])
            if not rows:
                return
            yield from rows
            last = rows[-1]["id"]

    def database_problems(self, *, limit: int = 20) -> list[str]:
        """What SQLite finds wrong in the file itself (``PRAGMA integrity_check``) and in the
        full-text indexes (FTS5 ``integrity-check``, a write statement: skipped on a store
        opened read-only); empty when the database is sound."""
        problems: list[str] = []
        try:
            rows = self.db.execute(f"PRAGMA integrity_check({limit})").fetchall()
            problems += [str(row[0]) for row in rows if row[0] != "ok"]
        except sqlite3.DatabaseError as exc:
            problems.append(f"integrity check: {exc}")
        for table in () if self.readonly else FTS_TABLES:
            try:
                self.db.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")
            except sqlite3.DatabaseError as exc:
                problems.append(f"full-text index {table}: {exc}")
        return problems

    def capture_blobs(self, *, batch: int = 200) -> Iterator[tuple[int, str, str, int, bytes]]:
        """(id, url, sha256, size, compressed raw) of every capture, for ``raqib verify``."""
        last = 0
        while True:
            rows = self.db.execute("SELECT id, url, sha256, size, raw FROM captures WHERE id > ? "
                                   "ORDER BY id LIMIT ?", [last, batch]).fetchall()
            if not rows:
                return
            for row in rows:
                yield int(row[0]), row[1], row[2], int(row[3]), bytes(row[4])
            last = rows[-1][0]

    def article_versions(self, article_id: int) -> list[dict[str, Any]]:
        return [_decode_article(row) for row in self.query(
            "SELECT * FROM versions WHERE article_id = ? ORDER BY version", [article_id])]

    def label_month_counts(self) -> list[dict[str, Any]]:
        """Articles per label per month of their date (published, else first seen)."""
        return self.query(
            "SELECT substr(coalesce(a.published, a.first_seen), 1, 7) AS month, l.label, "
            "count(*) AS n FROM labels l JOIN articles a ON a.id = l.article_id "
            "GROUP BY month, l.label ORDER BY month, l.label")

    def source_counts(self) -> list[dict[str, Any]]:
        """Per source: articles, flagged, edited, removed, and ``duplicates`` (the copies
        found at that source and folded into an article of any source). Every source with
        an article or a duplicate has a row, so an aggregator whose items were all folded
        into earlier reports is counted, and the duplicates column adds up to the store's."""
        return self.query(
            "WITH names AS (SELECT source FROM articles UNION SELECT source FROM duplicates), "
            "per_article AS (SELECT a.source, count(*) AS articles, "
            "sum(EXISTS (SELECT 1 FROM labels l WHERE l.article_id = a.id)) AS flagged, "
            "sum(a.version > 1) AS edited, sum(a.removed_at IS NOT NULL) AS removed "
            "FROM articles a GROUP BY a.source), "
            "per_copy AS (SELECT source, count(*) AS duplicates FROM duplicates GROUP BY source) "
            "SELECT n.source, coalesce(p.articles, 0) AS articles, "
            "coalesce(p.flagged, 0) AS flagged, coalesce(p.edited, 0) AS edited, "
            "coalesce(p.removed, 0) AS removed, coalesce(c.duplicates, 0) AS duplicates "
            "FROM names n LEFT JOIN per_article p ON p.source = n.source "
            "LEFT JOIN per_copy c ON c.source = n.source ORDER BY n.source")

    def label_week_counts(self) -> list[dict[str, Any]]:
        """Flagged articles per label per ISO-like week (the Monday starting it)."""
        return self.query(
            "SELECT date(substr(coalesce(a.published, a.first_seen), 1, 10), "
            "'-' || ((CAST(strftime('%w', substr(coalesce(a.published, a.first_seen), 1, 10)) "
            "AS INTEGER) + 6) % 7) || ' days') AS week, l.label, count(*) AS n "
            "FROM labels l JOIN articles a ON a.id = l.article_id "
            "GROUP BY week, l.label HAVING week IS NOT NULL ORDER BY week, l.label")


    # -- alerts area -----------------------------------------------------------------------

    def claim_alerts(self, *, owner: str, mode: str, channel: str, now: datetime | None = None,
                     limit: int = 100, due_only: bool = True) -> list[dict[str, Any]]:
        """Move one channel's pending alerts to 'sending' under ``owner`` (oldest first).

        ``due_only=False`` takes them whatever their retry time (a digest takes everything)."""
        moment = iso(now or utcnow())
        sql = "SELECT id FROM alerts WHERE state = 'pending' AND mode = ? AND channel = ?"
        params: list[Any] = [mode, channel]
        if due_only:
            sql += " AND next_attempt_at <= ?"
            params.append(moment)
        params.append(limit)
        with self.transaction():
            ids = [row[0] for row in self.db.execute(sql + " ORDER BY id LIMIT ?", params)]
            if not ids:
                return []
            marks = ",".join("?" * len(ids))
            self.db.execute(f"UPDATE alerts SET state = 'sending', attempts = attempts + 1, "
                            f"claimed_by = ?, claimed_at = ? WHERE id IN ({marks})",
                            [owner, moment, *ids])
            return self.query(f"SELECT * FROM alerts WHERE id IN ({marks}) ORDER BY id", ids)

    def release_stale_claims(self, *, alive: Callable[[str], bool],
                             lease_expired_before: datetime) -> int:
        """Return to 'pending' the 'sending' alerts whose owner is gone or whose lease ran out.

        A live dispatcher's alerts are left alone. The server may have accepted some of the
        released alerts before their process died: they are sent again (at most one duplicate
        per crash, never a loss)."""
        expired = iso(lease_expired_before)
        with self.transaction():
            stale = [row[0] for row in self.db.execute(
                "SELECT id, claimed_by, claimed_at FROM alerts WHERE state = 'sending'")
                if row[1] is None or row[2] is None or row[2] < expired or not alive(row[1])]
            for start in range(0, len(stale), 500):
                chunk = stale[start:start + 500]
                marks = ",".join("?" * len(chunk))
                self.db.execute(f"UPDATE alerts SET state = 'pending', claimed_by = NULL "
                                f"WHERE state = 'sending' AND id IN ({marks})", chunk)
            return len(stale)

    def unclaim_alerts(self, ids: Sequence[int]) -> None:
        """Give back claimed alerts that were not attempted (their attempt is not counted)."""
        if not ids:
            return
        marks = ",".join("?" * len(ids))
        with self.transaction():
            self.db.execute(f"UPDATE alerts SET state = 'pending', claimed_by = NULL, "
                            f"attempts = max(attempts - 1, 0) "
                            f"WHERE state = 'sending' AND id IN ({marks})", list(ids))

    def pending_alerts(self, *, channel: str, mode: str) -> list[dict[str, Any]]:
        return self.query("SELECT * FROM alerts WHERE state = 'pending' AND mode = ? "
                          "AND channel = ? ORDER BY id", [mode, channel])

    def immediate_messages_since(self, channel: str, since: datetime) -> int:
        """Messages sent to an immediate channel since ``since``: single alerts plus the
        'and N more' summaries (recorded as digests of that channel)."""
        moment = iso(since)
        single = self.scalar("SELECT count(*) FROM alerts WHERE channel = ? AND mode = "
                             "'immediate' AND state = 'sent' AND digest_id IS NULL "
                             "AND sent_at >= ?", [channel, moment])
        summaries = self.scalar("SELECT count(*) FROM digests WHERE channel = ? "
                                "AND sent_at >= ?", [channel, moment])
        return int(single or 0) + int(summaries or 0)

    def digest_retry_channels(self, now: datetime | None = None) -> list[str]:
        """Digest channels with alerts whose digest failed before and whose retry is due."""
        return [row[0] for row in self.db.execute(
            "SELECT DISTINCT channel FROM alerts WHERE state = 'pending' AND mode = 'digest' "
            "AND attempts > 0 AND next_attempt_at <= ? ORDER BY channel",
            [iso(now or utcnow())])]

    def failed_alerts(self, limit: int = 20) -> list[dict[str, Any]]:
        return self.query("SELECT id, channel, kind, key, article_id, attempts, last_error, "
                          "created_at FROM alerts WHERE state = 'failed' ORDER BY id DESC "
                          "LIMIT ?", [limit])

    def alert_states(self) -> dict[str, int]:
        return {row[0]: int(row[1]) for row in self.db.execute(
            "SELECT state, count(*) FROM alerts GROUP BY state")}


def _classification_columns(classification: Classification) -> list[Any]:
    """labels, probable, scores, evidence, facts, governorate, perpetrator of an article row."""
    facts = classification.facts
    return [json.dumps(list(classification.labels)), json.dumps(list(classification.probable)),
            json.dumps(classification.scores),
            json.dumps(classification.evidence, ensure_ascii=False),
            json.dumps(facts, ensure_ascii=False), facts.get("governorate"),
            facts.get("perpetrator")]


def _band_token(band_key: str) -> str:
    """The lsh_index token of an LSH band key: ``03:9f2c...`` -> ``b039f2c...``."""
    return "b" + band_key.replace(":", "")


def _extracted_json(extracted: Extracted | None) -> str | None:
    if extracted is None:
        return None
    return json.dumps({
        "title": extracted.title, "published": extracted.published, "lang": extracted.lang,
        "author": extracted.author, "sitename": extracted.sitename,
        "canonical_url": extracted.canonical_url, "description": extracted.description,
        "text_chars": len(extracted.text),
    }, ensure_ascii=False)


# How far an outbox row has gone, for keeping one of two rows of the same alert.
_ALERT_PROGRESS = {"failed": 0, "pending": 1, "sending": 2, "sent": 3}


def _further(state: str, than: str) -> bool:
    """Whether an alert in ``state`` has gone at least as far as one in ``than``."""
    return _ALERT_PROGRESS.get(state, 0) >= _ALERT_PROGRESS.get(than, 0)


def _decode_article(row: dict[str, Any]) -> dict[str, Any]:
    decoded = dict(row)
    for key in ("labels", "probable", "scores", "evidence", "facts"):
        if isinstance(decoded.get(key), str):
            decoded[key] = json.loads(decoded[key])
    return decoded


def _day_key(day: date | None) -> str:
    """A backfill bound as its key text ('' for an open end)."""
    return day.isoformat() if day else ""


def backoff(attempts: int, first: timedelta, cap: timedelta = timedelta(hours=12)) -> timedelta:
    """Delay before retry ``attempts``: first, then ×5, capped (1m, 5m, 25m, 2h, 10h, 12h)."""
    return min(first * (5 ** max(attempts - 1, 0)), cap)


# -- archive area: the filter shared by search, export and browse ----------------------


@dataclass(frozen=True)
class ArchiveFilter:
    """Which articles a search or an export covers. Empty fields do not filter.

    ``since`` and ``until`` are ISO dates (inclusive) compared with the article's date:
    its publication date, else the day raqib first saw it.
    """

    labels: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    langs: tuple[str, ...] = ()
    governorates: tuple[str, ...] = ()
    perpetrators: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None

    def is_empty(self) -> bool:
        return not any((self.labels, self.sources, self.langs, self.governorates,
                        self.perpetrators, self.since, self.until))

    def sql(self, alias: str) -> tuple[str, list[Any]]:
        """A WHERE clause over ``articles AS alias`` and its parameters ("1" when empty)."""
        parts: list[str] = []
        params: list[Any] = []

        def any_of(column: str, values: tuple[str, ...], nocase: bool = False) -> None:
            if values:
                collate = " COLLATE NOCASE" if nocase else ""
                parts.append(f"{alias}.{column}{collate} IN ({','.join('?' * len(values))})")
                params.extend(values)

        if self.labels:
            parts.append(f"EXISTS (SELECT 1 FROM labels fl WHERE fl.article_id = {alias}.id "
                         f"AND fl.label IN ({','.join('?' * len(self.labels))}))")
            params.extend(self.labels)
        any_of("source", self.sources)
        any_of("lang", self.langs)
        any_of("governorate", self.governorates, nocase=True)
        any_of("perpetrator", self.perpetrators)
        day = f"substr(coalesce({alias}.published, {alias}.first_seen), 1, 10)"
        if self.since:
            parts.append(f"{day} >= ?")
            params.append(self.since)
        if self.until:
            parts.append(f"{day} <= ?")
            params.append(self.until)
        return (" AND ".join(parts) or "1"), params

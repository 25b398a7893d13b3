"""Captures and versions are append-only evidence: SQLite itself refuses to change them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.archive.store import Store

TABLES = ("captures", "versions")


def _plain(path: Path) -> sqlite3.Connection:
    """A bare sqlite3 connection, recursive triggers explicitly off (the SQLite default)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA recursive_triggers = OFF")
    assert conn.execute("PRAGMA recursive_triggers").fetchone()[0] == 0
    return conn


def _snapshot(conn: sqlite3.Connection, table: str) -> list[tuple]:
    return conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()


@pytest.fixture(params=["store", "plain"])
def conn(request: pytest.FixtureRequest, archive) -> Iterator[sqlite3.Connection]:  # type: ignore[no-untyped-def]
    """The store's own connection (recursive triggers on) and a bare one (off)."""
    if request.param == "store":
        with Store.open(archive.path) as store:
            assert store.scalar("PRAGMA recursive_triggers") == 1
            yield store.db.conn
        return
    plain = _plain(archive.path)
    yield plain
    plain.close()


@pytest.mark.parametrize("table", TABLES)
def test_update_is_refused(conn: sqlite3.Connection, table: str) -> None:
    before = _snapshot(conn, table)
    column = "sha256" if table == "captures" else "text"
    with pytest.raises(sqlite3.DatabaseError, match="append-only evidence"):
        conn.execute(f"UPDATE {table} SET {column} = 'tampered' WHERE id = 1")
    assert _snapshot(conn, table) == before


@pytest.mark.parametrize("table", TABLES)
def test_delete_is_refused(conn: sqlite3.Connection, table: str) -> None:
    before = _snapshot(conn, table)
    with pytest.raises(sqlite3.DatabaseError, match="append-only evidence"):
        conn.execute(f"DELETE FROM {table} WHERE id = 1")
    with pytest.raises(sqlite3.DatabaseError, match="append-only evidence"):
        conn.execute(f"DELETE FROM {table}")
    assert _snapshot(conn, table) == before


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("verb", ["INSERT OR REPLACE", "REPLACE"])
def test_replace_is_refused(conn: sqlite3.Connection, table: str, verb: str) -> None:
    before = _snapshot(conn, table)
    columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    row = list(before[0])
    row[columns.index("created_at" if table == "versions" else "fetched_at")] = "1999-01-01"
    marks = ",".join("?" * len(columns))
    with pytest.raises(sqlite3.DatabaseError, match="append-only evidence"):
        conn.execute(f"{verb} INTO {table} ({','.join(columns)}) VALUES ({marks})", row)
    assert _snapshot(conn, table) == before


def test_upsert_is_refused(conn: sqlite3.Connection) -> None:
    before = _snapshot(conn, "versions")
    with pytest.raises(sqlite3.DatabaseError, match="append-only evidence"):
        conn.execute(
            "INSERT INTO versions (article_id, version, title, text, text_hash, created_at) "
            "SELECT article_id, version, 'x', 'x', 'x', 'x' FROM versions WHERE id = 1 "
            "ON CONFLICT (article_id, version) DO UPDATE SET text = excluded.text")
    assert _snapshot(conn, "versions") == before


def test_appending_still_works(archive) -> None:  # type: ignore[no-untyped-def]
    conn = _plain(archive.path)
    try:
        count = conn.execute("SELECT count(*) FROM versions").fetchone()[0]
        conn.execute("INSERT INTO versions (article_id, version, title, text, text_hash, "
                     "created_at) VALUES (1, 99, 't', 'x', 'h', '2025-05-01')")
        assert conn.execute("SELECT count(*) FROM versions").fetchone()[0] == count + 1
    finally:
        conn.close()
